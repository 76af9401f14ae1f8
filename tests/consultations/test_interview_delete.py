"""Deleting an interview: confirmation first, the officer decides about the findings."""

import pytest
from django.urls import reverse

from consultations.models import Finding, Interview, InterviewDraft
from tests.factories import (
    NOTES_MARKER,
    ContactPersonFactory,
    DraftFactory,
    FindingFactory,
    InterviewFactory,
)

pytestmark = pytest.mark.django_db


def _url(interview):
    return reverse("consultations:interview_delete", args=[interview.pk])


def _interview_with_history():
    interview = InterviewFactory()
    interview.notes = f"Zweite Fassung {NOTES_MARKER}"
    interview.save()
    interview.contact_persons.add(ContactPersonFactory())
    return interview


def _event_texts(pk) -> list[str]:
    from consultations.models import InterviewEvent

    return [
        f"{e.pgh_label}|{e.notes}|{e.summary}"
        for e in InterviewEvent.objects.filter(pgh_obj_id=pk).order_by("pgh_id")
    ]


def test_get_shows_the_confirmation_and_deletes_nothing(officer_client):
    interview = InterviewFactory()
    FindingFactory(interview=interview)
    response = officer_client.get(_url(interview))
    assert response.status_code == 200
    assert "source deleted" in response.content.decode() or "Quelle gelöscht" in (
        response.content.decode()
    )
    assert Interview.objects.filter(pk=interview.pk).exists()


def test_officer_deletes_interview_and_keeps_findings_as_source_deleted(officer_client):
    interview = _interview_with_history()
    kept = FindingFactory(interview=interview)
    DraftFactory(interview=interview, author=interview.interviewer)
    response = officer_client.post(_url(interview), {"findings": "keep"})
    assert response.status_code == 302
    assert response["Location"] == interview.round.get_absolute_url()
    assert not Interview.objects.filter(pk=interview.pk).exists()
    kept.refresh_from_db()
    assert kept.interview_id is None
    assert kept.source_deleted
    assert not InterviewDraft.objects.filter(interview_id=interview.pk).exists()
    # The history keeps only the deletion, without the notes or the summary.
    assert _event_texts(interview.pk) == ["delete||"]


def test_officer_deletes_interview_with_its_findings(officer_client):
    interview = _interview_with_history()
    FindingFactory(interview=interview)
    response = officer_client.post(_url(interview), {"findings": "delete"})
    assert response.status_code == 302
    assert not Finding.objects.filter(round=interview.round).exists()
    assert all(NOTES_MARKER not in text for text in _event_texts(interview.pk))


def test_without_a_choice_the_page_asks_again_in_german(officer_client):
    interview = InterviewFactory()
    FindingFactory(interview=interview)
    response = officer_client.post(_url(interview), {}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert "Wählen Sie, was mit den Erkenntnissen geschehen soll." in response.content.decode()
    assert Interview.objects.filter(pk=interview.pk).exists()


@pytest.mark.parametrize("client_name", ["reviewer_client", "council_client", "admin_client_"])
def test_no_one_but_the_officer_deletes_an_interview(request, client_name):
    interview = InterviewFactory()
    response = request.getfixturevalue(client_name).post(_url(interview), {"findings": "delete"})
    assert response.status_code == 403
    assert Interview.objects.filter(pk=interview.pk).exists()


def test_a_finding_without_interview_must_be_marked_source_deleted():
    from django.db import IntegrityError, transaction

    finding = FindingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.filter(pk=finding.pk).update(interview=None)
