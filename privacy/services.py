"""Writes of data protection: logging access requests and note readings, erasing a person."""

import re
from datetime import date
from importlib import import_module

import pghistory.models
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council import figure_cache
from privacy.immutable import (
    IMMUTABLE,
    MARKER,
    mentions,
    needle_pattern,
    redact_json,
    redact_text,
)
from privacy.models import AccessRequest, ErasureLog, NoteReadLog
from privacy.selectors import PersonFile, drafts_mentioning
from stakeholders.services import contact_erase


class PrivacyError(Exception):
    """A request the current data does not allow; the message is for people."""


# What an erasure log counts (code -> label); never the data itself.
ERASURE_CATEGORIES = {
    "contact": _("contact persons erased with their history"),
    "participation": _("interview participations removed"),
    "free_text": _("free-text places redacted"),
    "successor": _("released summaries or report editions replaced by a redacted version"),
    "history": _("history copies redacted"),
    "drafts": _("interview drafts redacted"),
    "sessions": _("sessions redacted"),
}


def record_notes_read(*, user, interview_ids, channel: str, **_signal) -> None:
    """The receiver of ``consultations.signals.notes_read``: one row per interview."""
    from consultations.models import Interview

    if not interview_ids:
        return

    existing = set(Interview.objects.filter(pk__in=interview_ids).values_list("pk", flat=True))
    NoteReadLog.objects.bulk_create(
        NoteReadLog(
            user=user if user.is_authenticated else None,
            interview_number=pk,
            interview_id=pk if pk in existing else None,
            channel=channel,
        )
        for pk in interview_ids
    )


def access_request_log(
    *, person: PersonFile, user, received_on: date, reference: str, format: str
) -> AccessRequest:
    """Logs an answered access request: date, file number, who, format; never the name."""
    _check_reference(reference, person.needles)
    return AccessRequest.objects.create(
        received_on=received_on,
        reference=reference,
        handled_by=user,
        format=format,
        hit_count=person.count,
    )


def _check_reference(reference: str, needles) -> None:
    if reference and needles and needle_pattern(needles).search(reference):
        raise PrivacyError(_("The file number must not contain the person's name or address."))


# Erasure ------------------------------------------------------------------------------


def person_erase(*, person: PersonFile, redact: set[str], user, reference: str) -> ErasureLog:
    """Erases the contact persons of ``person`` and redacts every trace of them.

    In one transaction: the free-text places whose tokens are in ``redact`` get the
    redaction marker in place of the person's name, e-mail and phone
    (``ContactPerson.IDENTIFYING_FIELDS``; released summaries and report editions get a
    redacted successor through ``privacy.immutable``);
    the contact persons are deleted with their participations and their own history; the
    history copies of every other row, interview drafts and sessions are redacted. The log
    says who, when and how many of each kind, never the data.
    """
    if not person.needles:
        raise PrivacyError(_("Search for the person first."))
    _check_reference(reference, person.needles)
    pattern = needle_pattern(person.needles)
    counts = dict.fromkeys(ERASURE_CATEGORIES, 0)
    with transaction.atomic():
        for hit in person.hits:
            if hit.token not in redact:
                continue
            model = apps.get_model(hit.model_label)
            obj = model._default_manager.filter(pk=hit.pk).first()
            if obj is None:
                continue
            if model in IMMUTABLE:
                if mentions(getattr(obj, hit.field), pattern):
                    IMMUTABLE[model](obj, pattern)
                    counts["successor"] += 1
                continue
            value = getattr(obj, hit.field)
            new = redact_json(value, pattern)
            if new != value:
                model._default_manager.filter(pk=hit.pk).update(**{hit.field: new})
                counts["free_text"] += 1
        for contact in person.contacts:
            counts["participation"] += contact.interviews.through.objects.filter(
                contactperson_id=contact.pk
            ).delete()[0]
            contact_erase(contact=contact)
            counts["contact"] += 1
        counts["history"] = redact_history(pattern)
        for draft in drafts_mentioning(person.needles):
            draft.data = redact_json(draft.data, pattern)
            draft.save(update_fields=["data", "updated_at"])
            counts["drafts"] += 1
        counts["sessions"] = redact_sessions(pattern)
        # Figures and report bodies computed before may quote a redacted text (a measure's
        # title): unused after this change, but still stored, so they go with it.
        transaction.on_commit(caches[figure_cache.CACHE].clear)
        return ErasureLog.objects.create(
            performed_by=user,
            reference=reference,
            counts={code: n for code, n in counts.items() if n},
        )


def _pg_pattern(pattern: re.Pattern) -> str:
    """Python's escaped alternatives as a PostgreSQL regular expression."""
    return pattern.pattern.replace("\\ ", " ")


def redact_history(pattern: re.Pattern) -> int:
    """Replaces the needles in every text column of the history tables (and the history's
    request context). Returns the number of rows changed."""
    tables = {
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, pghistory.models.Event)
        and not model._meta.proxy
        and model._meta.managed
    }
    tables.add(pghistory.models.Context._meta.db_table)
    # The Django admin's own log names the objects it changed.
    tables.add("django_admin_log")
    regex = _pg_pattern(pattern)
    changed = 0
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = ANY(%s)
              AND data_type IN ('text', 'character varying', 'json', 'jsonb')
            """,
            [sorted(tables)],
        )
        for table, column, data_type in cursor.fetchall():
            cast = "" if data_type in ("text", "character varying") else f"::{data_type}"
            cursor.execute(
                f'UPDATE "{table}" SET "{column}" = '  # noqa: S608 - names from the catalogue
                f"regexp_replace(\"{column}\"::text, %s, %s, 'gi'){cast} "
                f'WHERE "{column}"::text ~* %s',
                [regex, MARKER, regex],
            )
            changed += cursor.rowcount
    return changed


def redact_sessions(pattern: re.Pattern) -> int:
    """Redacts the needles in the stored sessions (kept forms); drops expired ones."""
    engine = import_module(settings.SESSION_ENGINE)
    store_class = engine.SessionStore
    if not hasattr(store_class, "get_model_class"):
        return 0
    store_class.clear_expired()
    store = store_class()
    changed = 0
    sessions = store_class.get_model_class().objects.filter(expire_date__gt=timezone.now())
    for session in sessions.iterator():
        data = store.decode(session.session_data)
        if data and mentions(data, pattern):
            session.session_data = store.encode(redact_json(data, pattern))
            session.save(update_fields=["session_data"])
            changed += 1
    return changed


def redaction_text(text: str, pattern: re.Pattern) -> str:
    return redact_text(text, pattern)
