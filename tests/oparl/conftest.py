"""A published world for the OParl tests: editions and released summaries, some withdrawn,
next to drafts, notes, persons and internal measure data that carry marker strings."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from consultations.services import summary_release
from council.models import ReportEdition
from council.services import edition_create
from tests.council.conftest import MARKERS as SUMMARY_MARKERS
from tests.council.conftest import make_world
from tests.factories import InterviewFactory, UserFactory

MARKERS = {
    **SUMMARY_MARKERS,
    "evaluation_draft": "AUSWERTUNGSENTWURFMARKER",
    "interview_summary": "GESPRAECHSZUSAMMENFASSUNGSMARKER",
    "officer": "Beauftragtenmarker",
}


def publish_world() -> dict:
    world = make_world()
    officer = UserFactory(
        role="officer", first_name=MARKERS["officer"], email="beauftragtenmarker@peine.example"
    )
    released = world["released"]
    InterviewFactory(round=released, summary=MARKERS["interview_summary"], status="held")
    # The new version replaces the factory's earlier ones, which become deleted papers.
    released.evaluation = "Die Runde zeigt Bedarf an Abendkursen."
    released.save()
    world["current_summary"] = summary_release(consultation_round=released, user=officer)
    world["old_summary"] = released.summaries.get(version=1)
    world["old_summaries"] = list(released.summaries.exclude(pk=world["current_summary"].pk))
    # Written after the release: a draft the council has not got.
    released.evaluation = MARKERS["evaluation_draft"]
    released.save()
    meeting = datetime.date(2027, 3, 12)
    replaced = edition_create(kind="dashboard", subject="", meeting_date=meeting, user=officer)
    world["editions"] = [
        edition_create(kind="dashboard", subject="", meeting_date=meeting, user=officer),
        edition_create(
            kind="sector", subject="sprache-bildung", meeting_date=meeting, user=officer
        ),
        edition_create(kind="round", subject=str(released.pk), meeting_date=meeting, user=officer),
    ]
    world["withdrawn_edition"] = replaced
    world["officer"] = officer
    return world


@pytest.fixture
def published(db):
    return publish_world()


@pytest.fixture
def anon():
    return Client()


def paper_url(source: str, pk: int) -> str:
    return "http://testserver" + reverse("oparl:paper", kwargs={"source": source, "pk": pk})


@pytest.fixture
def paper_urls(published):
    """Live and deleted paper URLs of the published world."""
    live = {paper_url("edition", e.pk) for e in published["editions"]}
    live.add(paper_url("summary", published["current_summary"].pk))
    deleted = {paper_url("edition", published["withdrawn_edition"].pk)} | {
        paper_url("summary", summary.pk) for summary in published["old_summaries"]
    }
    assert ReportEdition.objects.count() == 4
    return {"live": live, "deleted": deleted}
