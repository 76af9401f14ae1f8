"""peine.lib.models.linked: the many-to-many filter every app's selectors use."""

import pytest
from django.db.models import Exists

from peine.lib.models import linked
from peine.models import District, Sector
from stakeholders.models import Stakeholder
from tests.factories import StakeholderFactory

pytestmark = pytest.mark.django_db


def test_linked_finds_each_row_linked_to_the_target_once():
    first, second = Sector.objects.order_by("pk")[:2]
    both = StakeholderFactory()
    both.sectors.set([first, second])
    only_second = StakeholderFactory()
    only_second.sectors.set([second])
    StakeholderFactory()

    found = Stakeholder.objects.filter(linked(Stakeholder, "sectors", pk=first.pk))
    assert list(found) == [both]
    anywhere = Stakeholder.objects.filter(
        linked(Stakeholder, "sectors", pk=first.pk) | linked(Stakeholder, "sectors", pk=second.pk)
    )
    assert sorted(s.pk for s in anywhere) == sorted([both.pk, only_second.pk])


def test_linked_takes_lookups_on_the_other_side_and_is_an_exists():
    district = District.objects.order_by("pk").first()
    stakeholder = StakeholderFactory()
    stakeholder.districts.set([district])
    condition = linked(Stakeholder, "districts", name__icontains=district.name[:4].lower())
    assert isinstance(condition, Exists)
    assert list(Stakeholder.objects.filter(condition)) == [stakeholder]
    assert "EXISTS" in str(Stakeholder.objects.filter(condition).query)
    assert "JOIN" not in str(Stakeholder.objects.filter(linked(Stakeholder, "sectors", pk=1)).query)
