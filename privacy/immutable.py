"""The one controlled path that changes released summaries and frozen report editions.

Both are immutable: a database trigger refuses every UPDATE unless the transaction has set
``peine.redaction`` (transaction-local, switched off right after the one UPDATE). Only the erasure
service calls these functions, inside its own transaction. Each redaction creates a
redacted successor (the next summary version, a new edition) and overwrites the old text
with the redaction marker.
"""

import json
import re
from contextlib import contextmanager

from django.db import connection, models, transaction

from consultations.models import RoundSummary
from council.models import ReportEdition

MARKER = "[gelöscht gemäß Art. 17 DSGVO]"


def needle_pattern(needles) -> re.Pattern:
    return re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)


def redact_text(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(MARKER, text)


def redact_json(value, pattern: re.Pattern):
    """The same structure with every string (keys included) redacted."""
    if isinstance(value, str):
        return redact_text(value, pattern)
    if isinstance(value, list):
        return [redact_json(item, pattern) for item in value]
    if isinstance(value, dict):
        return {redact_text(k, pattern): redact_json(v, pattern) for k, v in value.items()}
    return value


def mentions(value, pattern: re.Pattern) -> bool:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return bool(pattern.search(text))


@contextmanager
def _redaction_allowed():
    """Lets the triggers pass for the statements inside, and only those: the setting is
    transaction-local and switched off again at once (an enclosing transaction, as in
    the tests, would otherwise keep it)."""
    if not connection.in_atomic_block:
        raise RuntimeError("A redaction runs inside the erasure's transaction only.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('peine.redaction', 'on', true)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('peine.redaction', 'off', true)")


def _copy_dependents(old: models.Model, new: models.Model) -> None:
    """Rows that belong to a released summary (e.g. its stored figures) go with the
    successor too, so the council's figures stay the same."""
    for relation in old._meta.related_objects:
        if not relation.one_to_many:
            continue
        name = relation.field.name
        for row in relation.related_model._default_manager.filter(**{name: old}):
            row.pk = None
            row._state.adding = True
            setattr(row, name, new)
            row.save()


@transaction.atomic
def redact_round_summary(summary: RoundSummary, pattern: re.Pattern) -> RoundSummary:
    last = (
        RoundSummary.objects.filter(round_id=summary.round_id)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    successor = RoundSummary.objects.create(
        round_id=summary.round_id,
        version=last + 1,
        evaluation=redact_text(summary.evaluation, pattern),
        content=redact_json(summary.content, pattern),
        released_on=summary.released_on,
        released_by_id=summary.released_by_id,
    )
    _copy_dependents(summary, successor)
    with _redaction_allowed():
        RoundSummary.objects.filter(pk=summary.pk).update(
            evaluation=MARKER, content=redact_json(summary.content, pattern)
        )
    return successor


@transaction.atomic
def redact_edition(edition: ReportEdition, pattern: re.Pattern) -> ReportEdition:
    successor = ReportEdition.objects.create(
        kind=edition.kind,
        subject=redact_text(edition.subject, pattern),
        title=redact_text(edition.title, pattern),
        meeting_date=edition.meeting_date,
        data_as_of=edition.data_as_of,
        content=redact_text(edition.content, pattern),
        figures=redact_json(edition.figures, pattern),
        created_by_id=edition.created_by_id,
    )
    with _redaction_allowed():
        ReportEdition.objects.filter(pk=edition.pk).update(
            subject=redact_text(edition.subject, pattern),
            title=redact_text(edition.title, pattern),
            content=f"<p>{MARKER}</p>",
            figures=redact_json(edition.figures, pattern),
        )
    return successor


IMMUTABLE = {RoundSummary: redact_round_summary, ReportEdition: redact_edition}
