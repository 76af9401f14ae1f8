"""Who read confidential notes: every opening by the officer is logged, readable by officer
and admin, filtered by person and date."""

import pytest
from django.urls import reverse

from privacy.models import NoteReadLog
from tests.factories import InterviewFactory
from tests.privacy.plant import NAME, plant_person

pytestmark = pytest.mark.django_db


def test_the_officer_opening_an_interview_is_logged(officer_client, officer):
    interview = InterviewFactory()
    officer_client.get(reverse("consultations:interview_detail", args=[interview.pk]))
    entry = NoteReadLog.objects.get()
    assert entry.user == officer
    assert entry.interview == interview
    assert entry.channel == NoteReadLog.Channel.PAGE


def test_a_reviewer_sees_no_notes_and_is_not_logged(reviewer_client):
    interview = InterviewFactory()
    response = reviewer_client.get(reverse("consultations:interview_detail", args=[interview.pk]))
    assert response.status_code == 200
    assert not NoteReadLog.objects.exists()


def test_an_export_quoting_notes_is_logged(officer_client, officer):
    planted = plant_person(officer)
    officer_client.post(
        reverse("privacy:access_export"),
        {"q": NAME, "received_on": "2026-01-05", "format": "json"},
    )
    entry = NoteReadLog.objects.get(channel=NoteReadLog.Channel.EXPORT)
    assert entry.interview_number == planted["interview"].pk


def test_the_entry_keeps_the_number_when_the_interview_is_deleted(officer_client, officer):
    interview = InterviewFactory()
    officer_client.get(reverse("consultations:interview_detail", args=[interview.pk]))
    officer_client.post(
        reverse("consultations:interview_delete", args=[interview.pk]), {"findings": "delete"}
    )
    entry = NoteReadLog.objects.get()
    assert entry.interview is None
    assert entry.interview_number == interview.pk


@pytest.mark.parametrize("client_name", ["officer_client", "admin_client_"])
def test_officer_and_admin_filter_the_log_by_person_and_date(request, client_name, officer2):
    interview = InterviewFactory()
    NoteReadLog.objects.create(user=officer2, interview=interview, interview_number=interview.pk)
    client = request.getfixturevalue(client_name)
    url = reverse("privacy:read_log")
    assert "officer2@peine.example" in client.get(url, {"user": "officer2"}).content.decode()
    assert "officer2@peine.example" not in client.get(url, {"user": "nobody"}).content.decode()
    assert "officer2@peine.example" not in client.get(url, {"until": "2000-01-01"}).content.decode()


@pytest.mark.parametrize("client_name", ["reviewer_client", "council_client"])
def test_reviewer_and_council_cannot_read_the_log(request, client_name):
    assert request.getfixturevalue(client_name).get(reverse("privacy:read_log")).status_code == 403


def test_the_log_pages_count_at_most_the_cap_and_keep_the_filter(
    officer_client, officer2, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from peine.lib import pagination
    from privacy import views

    monkeypatch.setattr(views, "READ_LOG_PAGE_SIZE", 2)
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    interview = InterviewFactory()
    NoteReadLog.objects.bulk_create(
        NoteReadLog(user=officer2, interview=interview, interview_number=interview.pk)
        for _ in range(5)
    )
    with CaptureQueriesContext(connection) as queries:
        response = officer_client.get(reverse("privacy:read_log"), {"user": "officer2"})
    page = response.context["page"]
    assert len(page.object_list) == 2
    # The count stops after the cap (4 of 5 rows) instead of counting the whole log.
    assert page.paginator.count == 4
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]]
    assert counts
    assert all("LIMIT 4" in sql for sql in counts)
    assert "user=officer2&amp;page=2" in response.content.decode()
