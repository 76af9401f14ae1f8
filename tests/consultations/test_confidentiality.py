"""Confidential notes and the names of interviewed persons reach no reviewer or council."""

import logging

import pytest
from django.urls import reverse

from consultations import services
from consultations.models import ConsultationRound, Interview, RoundSummary
from tests.factories import (
    NOTES_MARKER,
    PERSON_MARKER,
    ActionOptionFactory,
    ContactPersonFactory,
    FindingFactory,
    InterviewFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def marked(officer):
    """A closed round whose interview has marker notes and a marker person present."""
    round_ = RoundFactory(
        status=ConsultationRound.Status.CLOSED, evaluation="Auswertung ohne Namen."
    )
    interview = InterviewFactory(round=round_, notes=f"Notiz {NOTES_MARKER} Ende")
    person = ContactPersonFactory(stakeholder=interview.stakeholders.first(), name=PERSON_MARKER)
    interview.contact_persons.add(person)
    FindingFactory(interview=interview)
    ActionOptionFactory(round=round_)
    summary = services.summary_release(consultation_round=round_, user=officer)
    return round_, interview, summary


def _urls(round_, interview, summary):
    return [
        reverse("consultations:round_list"),
        reverse("consultations:round_detail", args=[round_.pk]),
        reverse("consultations:interview_detail", args=[interview.pk]),
        reverse("consultations:finding_board", args=[round_.pk]),
        reverse("consultations:finding_board", args=[round_.pk]) + "?format=csv",
        reverse("consultations:finding_board", args=[round_.pk]) + "?format=xlsx",
        reverse("consultations:option_list", args=[round_.pk]),
        reverse("consultations:search") + "?q=Quartier",
        reverse("consultations:summary_list"),
        reverse("consultations:summary_detail", args=[summary.pk]),
    ]


def test_officer_reads_the_notes_and_who_was_present(marked, officer_client):
    _round, interview, _summary = marked
    response = officer_client.get(reverse("consultations:interview_detail", args=[interview.pk]))
    content = response.content.decode()
    assert NOTES_MARKER in content
    assert PERSON_MARKER in content
    assert "no-store" in response["Cache-Control"]


def test_reviewer_opening_an_interview_sees_no_notes_and_no_persons(marked, reviewer_client):
    _round, interview, _summary = marked
    response = reviewer_client.get(reverse("consultations:interview_detail", args=[interview.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert NOTES_MARKER not in content
    assert PERSON_MARKER not in content


def test_reviewer_never_sees_notes_or_persons_on_any_page_or_export(marked, reviewer_client):
    for url in _urls(*marked):
        response = reviewer_client.get(url)
        assert response.status_code == 200, url
        assert NOTES_MARKER.encode() not in response.content, url
        assert PERSON_MARKER.encode() not in response.content, url


def test_council_reads_released_summaries_only_and_never_the_notes(marked, council_client):
    for url in _urls(*marked):
        response = council_client.get(url)
        allowed = url.startswith(reverse("consultations:summary_list"))
        assert response.status_code == (200 if allowed else 403), url
        assert NOTES_MARKER.encode() not in response.content, url
        assert PERSON_MARKER.encode() not in response.content, url


def test_released_summary_holds_no_notes_persons_or_organisation_names(marked):
    _round, interview, summary = marked
    frozen = f"{summary.content} {summary.evaluation}"
    assert NOTES_MARKER not in frozen
    assert PERSON_MARKER not in frozen
    assert interview.summary not in frozen
    for stakeholder in interview.stakeholders.all():
        assert stakeholder.name not in frozen


def test_reviewer_interview_query_never_selects_the_notes(marked, reviewer_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _round, interview, _summary = marked
    with CaptureQueriesContext(connection) as queries:
        reviewer_client.get(reverse("consultations:interview_detail", args=[interview.pk]))
    interview_selects = [q["sql"] for q in queries if 'FROM "consultations_interview"' in q["sql"]]
    assert interview_selects
    assert all('"consultations_interview"."notes"' not in sql for sql in interview_selects)


def test_no_log_line_carries_notes_when_a_post_fails_or_the_session_expired(
    marked, officer_client, client, caplog
):
    round_, interview, _summary = marked
    caplog.set_level(logging.DEBUG)
    url = reverse("consultations:interview_create")
    data = {"notes": f"Neu {NOTES_MARKER}", "held_on": "kaputt", "round": str(round_.pk)}
    officer_client.post(url, data)
    client.post(url, data)  # anonymous: the session expired
    reverse_url = reverse("consultations:interview_update", args=[interview.pk])
    officer_client.post(reverse_url, {"notes": NOTES_MARKER, "version": "x"})
    assert NOTES_MARKER not in caplog.text
    assert PERSON_MARKER not in caplog.text


def test_released_summaries_are_frozen_in_the_database(marked):
    from django.db import ProgrammingError, transaction

    _round, _interview, summary = marked
    with pytest.raises(ProgrammingError, match="Cannot update"), transaction.atomic():
        RoundSummary.objects.filter(pk=summary.pk).update(evaluation="geändert")


def test_reviewer_does_not_read_the_summary_of_a_confidential_interview(reviewer_client):
    interview = InterviewFactory(confidentiality="confidential", summary="Nur fürs Büro.")
    response = reviewer_client.get(reverse("consultations:interview_detail", args=[interview.pk]))
    assert "Nur fürs Büro." not in response.content.decode()
    assert response.context["history"] is None


def test_reviewer_reads_the_summary_of_an_internal_interview(reviewer_client):
    interview = InterviewFactory(confidentiality="internal", summary="Für die Verwaltung.")
    response = reviewer_client.get(reverse("consultations:interview_detail", args=[interview.pk]))
    assert "Für die Verwaltung." in response.content.decode()


def test_officer_sees_the_interview_history_without_the_notes(officer_client, officer):
    interview = InterviewFactory(notes=f"alt {NOTES_MARKER}")
    Interview.objects.filter(pk=interview.pk).update(notes="neu", summary="Geändert.")
    response = officer_client.get(reverse("consultations:interview_detail", args=[interview.pk]))
    history = response.context["history"]
    assert any("teilbare Zusammenfassung" in change.changes for change in history)
    assert all("vertrauliche Notizen" not in change.changes for change in history)
