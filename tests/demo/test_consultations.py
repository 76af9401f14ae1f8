"""The demo data: three rounds, about 40 interviews and 150 findings, with or without
the stakeholder demo."""

import io

import pytest

from consultations.models import ConsultationRound, Finding, Interview, RoundSummary
from demo import consultations as demo
from stakeholders.models import Stakeholder
from tests.factories import NOTES_MARKER, StakeholderFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_demo_creates_its_own_stakeholders_when_none_exist():
    UserFactory(role="officer")
    demo.load(stdout=io.StringIO())
    assert Stakeholder.objects.count() == len(demo.FALLBACK_STAKEHOLDERS)
    assert sorted(ConsultationRound.objects.values_list("status", flat=True)) == [
        "evaluated",
        "planned",
        "running",
    ]
    assert 35 <= Interview.objects.count() <= 45
    assert 140 <= Finding.objects.count() <= 160
    summary = RoundSummary.objects.get()
    assert summary.content["interview_count"] == 18


def test_demo_uses_the_stakeholders_that_exist():
    UserFactory(role="officer")
    existing = StakeholderFactory.create_batch(12)
    demo.load(stdout=io.StringIO())
    used = Stakeholder.objects.filter(interviews__isnull=False).distinct()
    assert set(used) <= set(existing)
    assert Stakeholder.objects.count() == 12


def test_demo_findings_are_anonymised_statements_in_german():
    UserFactory(role="officer")
    demo.load(stdout=io.StringIO())
    statements = list(Finding.objects.values_list("statement", flat=True))
    assert all("{ort}" not in s for s in statements)
    assert NOTES_MARKER not in str(RoundSummary.objects.get().content)
    held = Interview.objects.filter(status="held")
    assert all(i.held_on <= i.round.ends_on for i in held.select_related("round"))
