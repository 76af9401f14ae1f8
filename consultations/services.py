"""Writes of the consultation rounds: each a small, atomic function with a domain check."""

import datetime
import json
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consultations import selectors
from consultations.forms import InterviewForm
from consultations.models import (
    ActionOption,
    ConsultationRound,
    Finding,
    Interview,
    InterviewDraft,
    ReleasedFindingCount,
    RoundSummary,
)
from peine.lib.concurrency import save_form_versioned, save_locked, save_versioned
from peine.lib.history import keep_only_deletion


class ConsultationError(Exception):
    """A state change that the current state does not allow; the message is for people."""


Status = ConsultationRound.Status

# (from, to) pairs a round may take: the transition table the tests check.
ROUND_TRANSITIONS = {
    (Status.PLANNED, Status.RUNNING),
    (Status.RUNNING, Status.CLOSED),
    (Status.CLOSED, Status.RUNNING),
    (Status.CLOSED, Status.EVALUATED),
}


def round_transition(*, consultation_round: ConsultationRound, to: str) -> ConsultationRound:
    """Moves a round to status ``to``; an evaluated round needs a written evaluation."""
    with transaction.atomic():
        locked = ConsultationRound.objects.select_for_update().get(pk=consultation_round.pk)
        if (locked.status, to) not in ROUND_TRANSITIONS:
            raise ConsultationError(
                _("A round in status “%(old)s” cannot be set to “%(new)s”.")
                % {"old": locked.get_status_display(), "new": Status(to).label}
            )
        if to == Status.EVALUATED and not locked.evaluation.strip():
            raise ConsultationError(_("Write the evaluation before the round is evaluated."))
        locked.status = to
        save_locked(locked, update_fields=["status"])
    return locked


def round_save(*, form) -> ConsultationRound:
    """A round's own fields (new, edited, or its evaluation) from its VersionedModelForm;
    may raise ConflictError when a colleague saved it meanwhile."""
    return save_form_versioned(form)


def option_save(*, form, consultation_round: ConsultationRound | None = None) -> ActionOption:
    """An option's own fields from its VersionedModelForm (a new one in ``consultation_round``);
    may raise ConflictError when a colleague saved it meanwhile."""
    if consultation_round is not None:
        form.instance.round = consultation_round
    return save_form_versioned(form)


def interview_save(*, form, findings, status: str = Interview.Status.HELD) -> Interview:
    """Saves an interview with its inline findings in one transaction.

    ``findings`` is the bound, valid formset; each finding inherits the interview's round
    and, unless given, its district. Raises ConflictError when a colleague saved the
    interview after the form was loaded.
    """
    with transaction.atomic():
        interview = form.save(commit=False)
        interview.status = status
        save_versioned(interview, expected_version=form.expected_version)
        form.save_m2m()
        findings.instance = interview
        for finding in findings.save(commit=False):
            finding.round = interview.round
            if finding.district_id is None:
                finding.district = interview.district
            finding.save()
        for finding in findings.deleted_objects:
            finding.delete()
        # A finding keeps the round of its interview when the interview moves.
        interview.findings.exclude(round=interview.round).update(round=interview.round)
    return interview


def interview_plan(*, form, consultation_round: ConsultationRound) -> Interview:
    with transaction.atomic():
        interview = form.save(commit=False)
        interview.round = consultation_round
        interview.status = Interview.Status.PLANNED
        interview.save()
        form.save_m2m()
    return interview


def option_set_status(*, option: ActionOption, to: str) -> ActionOption:
    with transaction.atomic():
        locked = ActionOption.objects.select_for_update().get(pk=option.pk)
        if locked.status == to:
            raise ConsultationError(_("The option already has this status."))
        locked.status = to
        save_locked(locked, update_fields=["status"])
    return locked


def findings_link(*, option: ActionOption, findings) -> int:
    with transaction.atomic():
        option.findings.add(*findings)
    return len(findings)


def summary_release(
    *, consultation_round: ConsultationRound, user, release_findings=()
) -> RoundSummary:
    """Freezes the round's evaluation and figures as the next released version.

    Only closed or evaluated rounds with a written evaluation are released; a closed round
    becomes evaluated. The content holds counts and the statements released word for word
    (those of interviews marked releasable, and the findings in ``release_findings`` that
    the officer releases one by one); the counts by sector, district and kind are stored
    with the version, so nothing recorded afterwards changes what the council reads.
    """
    with transaction.atomic():
        locked = ConsultationRound.objects.select_for_update().get(pk=consultation_round.pk)
        if locked.status not in (Status.CLOSED, Status.EVALUATED):
            raise ConsultationError(_("Close the round before releasing its summary."))
        if not locked.evaluation.strip():
            raise ConsultationError(_("Write the evaluation before releasing the summary."))
        last = locked.summaries.order_by("-version").values_list("version", flat=True).first()
        # The council paper is German, whatever language the officer's browser asks for.
        with translation.override(settings.LANGUAGE_CODE):
            content = selectors.summary_content(locked, release_findings=release_findings)
        summary = RoundSummary.objects.create(
            round=locked,
            version=(last or 0) + 1,
            evaluation=locked.evaluation,
            content=content,
            released_on=timezone.localdate(),
            released_by=user,
        )
        ReleasedFindingCount.objects.bulk_create(
            ReleasedFindingCount(summary=summary, **row) for row in selectors.finding_counts(locked)
        )
        if locked.status == Status.CLOSED:
            locked.status = Status.EVALUATED
            save_locked(locked, update_fields=["status"])
    return summary


# Drafts of the interview form -------------------------------------------------------------

# A draft, or a form kept over an expired session, holds at most this much (UTF-8 of its
# JSON); the notes field alone allows 50,000 characters. A draft keeps the form's fields.
DRAFT_MAX_BYTES = 2_000_000
_DRAFT_FIELDS = frozenset({*InterviewForm.Meta.fields, "version"})
_DRAFT_FINDING_KEY = re.compile(
    r"^findings-(?:\d{1,3}-(?:id|statement|sector|district|kind|assessment|DELETE)"
    r"|TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS)$"
)
# PostgreSQL's jsonb refuses NUL and unpaired surrogates: they are dropped from drafts.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class DraftTooLarge(ConsultationError):
    pass


def draft_days() -> int:
    return getattr(settings, "INTERVIEW_DRAFT_DAYS", 14)


def interview_draft_data(post) -> dict[str, list[str]]:
    """The interview form's own fields of a POST (never the CSRF token), as JSON-ready
    lists, without characters the database cannot store."""
    data = {}
    for key in post:
        if key in _DRAFT_FIELDS or _DRAFT_FINDING_KEY.match(key):
            values = post.getlist(key) if hasattr(post, "getlist") else post[key]
            if isinstance(values, str):
                values = [values]
            data[key] = [_UNSTORABLE.sub("", str(value)) for value in values[:1000]]
    return data


def draft_size(data) -> int:
    return len(json.dumps(data, ensure_ascii=False).encode("utf-8", "replace"))


def interview_draft_save(*, author, interview: Interview | None, data):
    """Keeps what ``author`` typed into the form of ``interview`` (None: a new one).

    One draft per author and interview (and one of a new interview); raises DraftTooLarge
    above ``DRAFT_MAX_BYTES``.
    """
    cleaned = interview_draft_data(data)
    if draft_size(cleaned) > DRAFT_MAX_BYTES:
        raise DraftTooLarge(
            _("The draft is too large to be kept (more than %(mb)s MB).")
            % {"mb": DRAFT_MAX_BYTES // 1_000_000}
        )
    round_id = None
    if interview is None:
        chosen = (cleaned.get("round") or [""])[0]
        if chosen.isdecimal():
            round_id = (
                ConsultationRound.objects.filter(pk=int(chosen))
                .values_list("pk", flat=True)
                .first()
            )
    draft, _created = InterviewDraft.objects.update_or_create(
        author=author,
        interview=interview,
        defaults={"data": cleaned, "round_id": round_id},
    )
    return draft


def interview_draft_discard(*, author, interview: Interview | None) -> int:
    """Removes ``author``'s draft of ``interview`` (None: of a new interview)."""
    drafts = InterviewDraft.objects.filter(author=author)
    if interview is None:
        drafts = drafts.filter(interview__isnull=True)
    else:
        drafts = drafts.filter(interview=interview)
    return drafts.delete()[0]


def purge_expired_drafts(*, days: int | None = None, now=None) -> int:
    """Deletes drafts not touched for ``days`` (default INTERVIEW_DRAFT_DAYS) days."""
    days = draft_days() if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    return InterviewDraft.objects.filter(updated_at__lt=cutoff).delete()[0]


# Deleting an interview -------------------------------------------------------------------


def interview_delete(*, interview: Interview, keep_findings: bool) -> int:
    """Deletes an interview with its notes, participants, drafts and earlier versions.

    Its findings either stay, marked "source deleted" (they are anonymised statements),
    or go with it. The history keeps that the interview was deleted, by whom and when,
    but no copy of its notes or summary. Returns the number of findings kept or deleted.
    """
    with transaction.atomic():
        locked = Interview.objects.select_for_update().get(pk=interview.pk)
        findings = Finding.objects.filter(interview=locked)
        if keep_findings:
            count = findings.update(interview=None, source_deleted=True)
        else:
            count = len(findings)
            findings.delete()
        pk = locked.pk
        locked.delete()
        keep_only_deletion(Interview, pk, blank={"notes": "", "summary": ""})
    return count
