"""Retention: what falls due, and applying it (``manage.py apply_retention``).

Periods come from the settings (docs/data-protection.md lists the defaults):
- confidential interview notes are emptied NOTES_RETENTION_DAYS after their round was
  evaluated (counted from the round's last change in status "evaluated"); the summary,
  the findings and the released summaries stay. Their history copies keep who changed
  them and when, but the notes' text is emptied too;
- contact persons without valid consent (``stakeholders.models.VALID_CONSENT``) are due
  for review at once, those unchanged for CONTACT_REVIEW_DAYS too; they are anonymised
  once they have been due for CONTACT_REVIEW_GRACE_DAYS: erased with their history
  (``contact_erase``), which takes every one of ``ContactPerson.PERSONAL_FIELDS``;
- the log of who read notes is kept NOTE_READ_LOG_DAYS.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from consultations.models import ConsultationRound, Interview, InterviewEvent
from privacy.models import NoteReadLog
from stakeholders.models import VALID_CONSENT, ContactPerson
from stakeholders.services import contact_erase


@dataclass
class Due:
    notes: int
    contacts_review: int
    contacts_anonymise: int
    read_log: int


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def notes_due(now: datetime):
    cutoff = now - _days(settings.NOTES_RETENTION_DAYS)
    return Interview.objects.filter(
        round__status=ConsultationRound.Status.EVALUATED, round__updated_at__lt=cutoff
    ).exclude(notes="")


def contacts_for_review(now: datetime):
    inactive = Q(updated_at__lt=now - _days(settings.CONTACT_REVIEW_DAYS))
    return ContactPerson.objects.filter(~VALID_CONSENT | inactive)


def contacts_to_anonymise(now: datetime):
    grace = _days(settings.CONTACT_REVIEW_GRACE_DAYS)
    without_consent = ~VALID_CONSENT & Q(updated_at__lt=now - grace)
    inactive = Q(updated_at__lt=now - _days(settings.CONTACT_REVIEW_DAYS) - grace)
    return ContactPerson.objects.filter(without_consent | inactive)


def read_log_due(now: datetime):
    return NoteReadLog.objects.filter(read_at__lt=now - _days(settings.NOTE_READ_LOG_DAYS))


def due(now: datetime | None = None) -> Due:
    """Counts only (no names): what falls due at ``now`` (e.g. a month ahead)."""
    now = now or timezone.now()
    return Due(
        notes=notes_due(now).count(),
        contacts_review=contacts_for_review(now).count(),
        contacts_anonymise=contacts_to_anonymise(now).count(),
        read_log=read_log_due(now).count(),
    )


def apply(now: datetime | None = None) -> Due:
    """Applies every retention rule; returns what was done (same counts as ``due``)."""
    now = now or timezone.now()
    done = due(now)
    with transaction.atomic():
        ids = list(notes_due(now).values_list("pk", flat=True))
        Interview.objects.filter(pk__in=ids).update(notes="")
        InterviewEvent.objects.filter(pgh_obj_id__in=ids).update(notes="")
        for contact in contacts_to_anonymise(now):
            contact_erase(contact=contact)
        read_log_due(now).delete()
    return done
