"""A stakeholder's page shows its relationships a page at a time (a hub has hundreds)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stakeholders.models import Relationship, Stakeholder
from stakeholders.views import stakeholders as views
from tests.factories import StakeholderFactory

pytestmark = pytest.mark.django_db


def _partners(hub, n: int, prefix: str) -> None:
    others = Stakeholder.objects.bulk_create(
        Stakeholder(name=f"{prefix} {i:03}", kind=hub.kind) for i in range(n)
    )
    Relationship.objects.bulk_create(
        Relationship(source=hub, target=other, kind=Relationship.Kind.COOPERATES)
        for other in others
    )


def test_relationships_are_paged_and_the_links_keep_the_place(officer_client, monkeypatch):
    monkeypatch.setattr(views, "RELATIONSHIPS_PER_PAGE", 3)
    hub = StakeholderFactory(name="Stadt Peine")
    _partners(hub, 4, "Verein")
    url = reverse("stakeholders:detail", args=[hub.pk])
    html = officer_client.get(url).content.decode()
    assert "Verein 002" in html
    assert "Verein 003" not in html
    assert 'href="?relationships=2#relationships" rel="next"' in html
    html = officer_client.get(url, {"relationships": 2}).content.decode()
    assert "Verein 003" in html
    assert "Verein 000" not in html
    assert officer_client.get(url, {"relationships": "x"}).status_code == 200


def test_stakeholder_page_runs_the_same_queries_for_3_and_80_relationships(officer_client):
    hub = StakeholderFactory(name="Stadt Peine")
    _partners(hub, 3, "A")
    url = reverse("stakeholders:detail", args=[hub.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert officer_client.get(url).status_code == 200
        return len(queries)

    few = count()
    _partners(hub, 77, "B")
    assert count() == few
    assert len(officer_client.get(url).context["relationships"]) == views.RELATIONSHIPS_PER_PAGE
