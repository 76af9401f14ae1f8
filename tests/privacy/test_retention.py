"""Retention: apply_retention --dry-run reports, a real run deletes what is due."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from consultations.models import ConsultationRound, Interview, InterviewEvent
from privacy import retention
from privacy.models import NoteReadLog
from stakeholders.models import ContactPerson
from tests.factories import NOTES_MARKER, ContactPersonFactory, InterviewFactory

pytestmark = pytest.mark.django_db
LONG_AGO = timezone.now() - datetime.timedelta(days=800)


def _plant(officer):
    old = InterviewFactory(round__status=ConsultationRound.Status.EVALUATED)
    ConsultationRound.objects.filter(pk=old.round_id).update(updated_at=LONG_AGO)
    fresh = InterviewFactory(round__status=ConsultationRound.Status.EVALUATED)
    gone = ContactPersonFactory(consent_given_on=None)
    ContactPerson.objects.filter(pk=gone.pk).update(updated_at=LONG_AGO)
    kept = ContactPersonFactory()
    entry = NoteReadLog.objects.create(user=officer, interview_number=old.pk, interview=old)
    NoteReadLog.objects.filter(pk=entry.pk).update(read_at=LONG_AGO)
    NoteReadLog.objects.create(user=officer, interview_number=fresh.pk, interview=fresh)
    return old, fresh, gone, kept


def test_dry_run_prints_what_falls_due_and_changes_nothing(officer):
    old, _fresh, gone, _kept = _plant(officer)
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "would empty the notes of 1 interviews" in out.getvalue()
    assert "would anonymise 1 contact persons" in out.getvalue()
    assert "would delete 1 entries" in out.getvalue()
    assert Interview.objects.get(pk=old.pk).notes
    assert ContactPerson.objects.filter(pk=gone.pk).exists()
    assert NoteReadLog.objects.count() == 2


def test_a_real_run_deletes_notes_their_history_text_old_contacts_and_old_log(officer):
    old, fresh, gone, kept = _plant(officer)
    call_command("apply_retention", stdout=StringIO())
    assert Interview.objects.get(pk=old.pk).notes == ""
    assert NOTES_MARKER in Interview.objects.get(pk=fresh.pk).notes
    events = InterviewEvent.objects.filter(pgh_obj_id=old.pk)
    assert events.exists()  # who changed it and when stay
    assert all(event.notes == "" for event in events)
    assert not ContactPerson.objects.filter(pk=gone.pk).exists()
    assert ContactPerson.objects.filter(pk=kept.pk).exists()
    assert list(NoteReadLog.objects.values_list("interview_number", flat=True)) == [fresh.pk]


def test_next_month_shows_what_falls_due_then(officer):
    interview = InterviewFactory(round__status=ConsultationRound.Status.EVALUATED)
    almost = timezone.now() - datetime.timedelta(days=350)
    ConsultationRound.objects.filter(pk=interview.round_id).update(updated_at=almost)
    assert retention.due().notes == 0
    assert retention.due(timezone.now() + datetime.timedelta(days=31)).notes == 1


def test_the_admin_sees_counts_due_next_month_and_no_names(admin_client_, officer):
    from django.urls import reverse

    _old, _fresh, gone, _kept = _plant(officer)
    response = admin_client_.get(reverse("privacy:retention"))
    assert response.status_code == 200
    assert gone.name not in response.content.decode()
