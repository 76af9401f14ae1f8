"""Writes of the measures app: proposals, the review workflow, progress and spending.

The workflow is the table ``TRANSITIONS``: (old status, action) -> new status, and
``ACTION_CAPABILITIES`` says which capability each action needs. Nothing else changes a
measure's status.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pghistory
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.models import ActionOption
from measures.models import (
    Expenditure,
    Indicator,
    Measure,
    MeasureEffect,
    ProgressEntry,
    Review,
)
from peine.lib.concurrency import lock_versioned, save_locked, save_versioned
from peine.models import FundingSource
from peine.roles import Capability, Role, has_capability, users_with_role

logger = logging.getLogger(__name__)

Status = Measure.Status
Action = Review.Decision

TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, Action.SUBMIT): Status.SUBMITTED,
    (Status.CHANGES_REQUESTED, Action.SUBMIT): Status.SUBMITTED,
    (Status.SUBMITTED, Action.START_REVIEW): Status.IN_REVIEW,
    (Status.IN_REVIEW, Action.APPROVE): Status.APPROVED,
    (Status.IN_REVIEW, Action.REQUEST_CHANGES): Status.CHANGES_REQUESTED,
    (Status.IN_REVIEW, Action.REJECT): Status.REJECTED,
    (Status.APPROVED, Action.START): Status.IN_PROGRESS,
    (Status.IN_PROGRESS, Action.PAUSE): Status.PAUSED,
    (Status.PAUSED, Action.RESUME): Status.IN_PROGRESS,
    (Status.IN_PROGRESS, Action.COMPLETE): Status.COMPLETED,
}

ACTION_CAPABILITIES: dict[str, Capability] = {
    Action.SUBMIT: Capability.PROPOSE_MEASURES,
    Action.START_REVIEW: Capability.REVIEW_MEASURES,
    Action.APPROVE: Capability.REVIEW_MEASURES,
    Action.REQUEST_CHANGES: Capability.REVIEW_MEASURES,
    Action.REJECT: Capability.REVIEW_MEASURES,
    Action.START: Capability.RECORD_PROGRESS,
    Action.PAUSE: Capability.RECORD_PROGRESS,
    Action.RESUME: Capability.RECORD_PROGRESS,
    Action.COMPLETE: Capability.RECORD_PROGRESS,
}

MAIL_FAILED_NOTICE = gettext_lazy("The change has been saved; the notification could not be sent.")

# A decision against the proposal must say why.
REASON_REQUIRED = {Action.REQUEST_CHANGES, Action.REJECT}
# The proposer hears of these; reviewers hear of every submission.
DECISIONS = {Action.APPROVE, Action.REQUEST_CHANGES, Action.REJECT}

# Who may edit in which status: officers their proposals before and after review,
# the administration until the measure is finished.
EDITABLE_BY_OFFICER = {Status.DRAFT, Status.CHANGES_REQUESTED}
NOT_EDITABLE = {Status.REJECTED, Status.COMPLETED}

ACTION_LABELS = {
    Action.SUBMIT: gettext_lazy("Submit for review"),
    Action.START_REVIEW: gettext_lazy("Start review"),
    Action.APPROVE: gettext_lazy("Approve"),
    Action.REQUEST_CHANGES: gettext_lazy("Request changes"),
    Action.REJECT: gettext_lazy("Reject"),
    Action.START: gettext_lazy("Start implementation"),
    Action.PAUSE: gettext_lazy("Pause"),
    Action.RESUME: gettext_lazy("Resume"),
    Action.COMPLETE: gettext_lazy("Mark as completed"),
}


class TransitionError(Exception):
    """A status change that is not allowed now; the message is for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def can_transition(user, status: str, action: str) -> bool:
    return (status, action) in TRANSITIONS and has_capability(user, ACTION_CAPABILITIES[action])


def allowed_actions(user, measure: Measure) -> list[str]:
    """The actions this person may take on the measure now, in workflow order."""
    return [action for action in Action.values if can_transition(user, measure.status, action)]


def can_edit(user, measure: Measure) -> bool:
    if not has_capability(user, Capability.PROPOSE_MEASURES) or measure.status in NOT_EDITABLE:
        return False
    if has_capability(user, Capability.REVIEW_MEASURES):
        return True
    return measure.status in EDITABLE_BY_OFFICER


@dataclass
class TransitionResult:
    measure: Measure
    review: Review
    # False when the change was saved but a notification mail could not be sent.
    notified: bool = True


def measure_transition(
    *,
    measure_id: int,
    action: str,
    user,
    reason: str = "",
    expected_status: str | None = None,
) -> TransitionResult:
    """Move a measure along the workflow and log who, when and why as a ``Review``.

    The measure's row is locked and its status read again inside the transaction, so of two
    people deciding at the same moment exactly one succeeds; the other gets a
    TransitionError that says what happened. ``expected_status`` is the status the person
    saw when they decided.
    """
    reason = reason.strip()
    if action not in ACTION_CAPABILITIES:
        raise TransitionError(_("This action is unknown."))
    if not has_capability(user, ACTION_CAPABILITIES[action]):
        raise TransitionError(_("You may not take this action."))
    if action in REASON_REQUIRED and not reason:
        raise TransitionError(_("Please give a reason for this decision."))
    with transaction.atomic():
        measure = Measure.objects.select_for_update().get(pk=measure_id)
        if expected_status is not None and measure.status != expected_status:
            raise TransitionError(
                _(
                    "The status of this measure has changed in the meantime to “%(status)s”. "
                    "Your decision has not been recorded; please look at the measure again."
                )
                % {"status": measure.get_status_display()}
            )
        new_status = TRANSITIONS.get((measure.status, action))
        if new_status is None:
            raise TransitionError(
                _("A measure in status “%(status)s” cannot be changed this way.")
                % {"status": measure.get_status_display()}
            )
        old_status = measure.status
        measure.status = new_status
        measure.status_changed_at = timezone.now()
        save_locked(measure, update_fields=["status", "status_changed_at"])
        review = Review.objects.create(
            measure=measure,
            reviewer=user,
            decision=action,
            old_status=old_status,
            new_status=new_status,
            reason=reason,
        )
        result = TransitionResult(measure=measure, review=review)

        def notify() -> None:
            result.notified = _notify(measure, review)

        transaction.on_commit(notify)
    return result


def measure_save(*, form, budget_formset, user, expected_version: int | None) -> Measure:
    """Create or update a measure with its budget lines, refusing a stale edit.

    Raises ``peine.lib.concurrency.ConflictError`` when someone saved in between; then
    nothing is written and the view shows the form again with what was typed.
    """
    with transaction.atomic():
        measure = form.save(commit=False)
        created = measure.pk is None
        if created:
            measure.proposed_by = user
            measure.save()
        else:
            save_versioned(measure, expected_version=expected_version)
        form.save_m2m()
        budget_formset.instance = measure
        budget_formset.save()
        if measure.origin_option_id:
            option_adopt(option_id=measure.origin_option_id)
        if created:
            # A measure made from an option acts on the dynamics the option addresses.
            from measures.effects import inherit_dynamics

            inherit_dynamics(measure)
    return measure


def option_adopt(*, option_id: int) -> None:
    """Mark an option for action as adopted as a measure (consultations knows no measures)."""
    with transaction.atomic():
        option = ActionOption.objects.select_for_update().get(pk=option_id)
        if option.status != ActionOption.Status.ADOPTED:
            option.status = ActionOption.Status.ADOPTED
            save_locked(option, update_fields=["status"])


def indicator_create(
    *, measure: Measure, name: str, unit: str, baseline: Decimal, target: Decimal
) -> Indicator:
    return Indicator.objects.create(
        measure=measure, name=name, unit=unit, baseline=baseline, target=target
    )


def progress_record(
    *, indicator: Indicator, recorded_on: date, value: Decimal, note: str, user
) -> ProgressEntry:
    return ProgressEntry.objects.create(
        indicator=indicator, recorded_on=recorded_on, value=value, note=note, recorded_by=user
    )


def expenditure_record(
    *,
    measure: Measure,
    funding_source: FundingSource,
    spent_on: date,
    amount: Decimal,
    description: str,
    user,
) -> Expenditure:
    return Expenditure.objects.create(
        measure=measure,
        funding_source=funding_source,
        spent_on=spent_on,
        amount=amount,
        description=description,
        recorded_by=user,
    )


# --- corrections: the reviewer corrects or removes a value or an expenditure ------------

CORRECTION_REASON_MAX = 2000


class EntryGoneError(Exception):
    """The value or expenditure was removed after the person opened it."""

    message = gettext_lazy(
        "This entry has been removed in the meantime by someone else. Nothing has been saved."
    )

    def __str__(self):
        return str(self.message)


def _may_correct(user) -> None:
    if not has_capability(user, Capability.RECORD_PROGRESS):
        raise PermissionDenied(_("You may not correct progress values or spending."))


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please say why you correct or remove this entry.")})
    if len(reason) > CORRECTION_REASON_MAX:
        raise ValidationError(
            {
                "reason": _("Please keep the reason under %(max)s characters.")
                % {"max": CORRECTION_REASON_MAX}
            }
        )
    return reason


def _lock(model, pk: int, expected_version: int | None):
    """The row, locked until the transaction ends, if it is still the version the person
    saw; else ConflictError (changed) or EntryGoneError (removed)."""
    try:
        return lock_versioned(model, pk, expected_version)
    except model.DoesNotExist:
        raise EntryGoneError from None


def _apply(row, changes: dict) -> None:
    if all(getattr(row, name) == value for name, value in changes.items()):
        raise ValidationError(
            _("Nothing has been changed. To remove the entry, use “Remove” instead.")
        )
    for name, value in changes.items():
        setattr(row, name, value)
    save_locked(row, update_fields=list(changes))


def progress_entry_correct(
    *,
    entry_id: int,
    user,
    recorded_on: date,
    value: Decimal,
    note: str,
    reason: str,
    expected_version: int | None,
) -> ProgressEntry:
    """Correct a recorded value. The history keeps the old value, who, when and ``reason``.

    Raises ValidationError (no reason, a date in the future, nothing changed),
    ConflictError (someone corrected it since ``expected_version``), EntryGoneError
    (someone removed it) or PermissionDenied.
    """
    _may_correct(user)
    reason = _clean_reason(reason)
    if recorded_on > timezone.localdate():
        raise ValidationError({"recorded_on": _("The date must not be in the future.")})
    with transaction.atomic(), pghistory.context(user=user.pk, reason=reason):
        entry = _lock(ProgressEntry, entry_id, expected_version)
        _apply(entry, {"recorded_on": recorded_on, "value": value, "note": note.strip()})
    return entry


def progress_entry_remove(
    *, entry_id: int, user, reason: str, expected_version: int | None
) -> None:
    """Remove a recorded value. The history keeps it as removed, with who, when and why."""
    _may_correct(user)
    reason = _clean_reason(reason)
    with transaction.atomic(), pghistory.context(user=user.pk, reason=reason):
        _lock(ProgressEntry, entry_id, expected_version).delete()


def expenditure_correct(
    *,
    expenditure_id: int,
    user,
    funding_source: FundingSource,
    spent_on: date,
    amount: Decimal,
    description: str,
    reason: str,
    expected_version: int | None,
) -> Expenditure:
    """Correct an expenditure. The history keeps the old figures, who, when and ``reason``.

    Raises ValidationError (no reason, an amount not above zero, nothing changed),
    ConflictError, EntryGoneError or PermissionDenied, like ``progress_entry_correct``.
    """
    _may_correct(user)
    reason = _clean_reason(reason)
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    with transaction.atomic(), pghistory.context(user=user.pk, reason=reason):
        expenditure = _lock(Expenditure, expenditure_id, expected_version)
        _apply(
            expenditure,
            {
                "funding_source": funding_source,
                "spent_on": spent_on,
                "amount": amount,
                "description": description.strip(),
            },
        )
    return expenditure


def expenditure_remove(
    *, expenditure_id: int, user, reason: str, expected_version: int | None
) -> None:
    """Remove an expenditure. The history keeps it as removed, with who, when and why."""
    _may_correct(user)
    reason = _clean_reason(reason)
    with transaction.atomic(), pghistory.context(user=user.pk, reason=reason):
        _lock(Expenditure, expenditure_id, expected_version).delete()


# --- effects on dynamics ------------------------------------------------------------------


def measure_effect_set(*, measure: Measure, dynamic, effect: str, note: str, user) -> MeasureEffect:
    """Record that the measure strengthens or weakens a dynamic (once per dynamic: a second
    entry for the same dynamic replaces the first)."""
    if not has_capability(user, Capability.PROPOSE_MEASURES):
        raise PermissionDenied(_("You may not record effects of measures."))
    if effect not in {"strengthens", "weakens"}:
        raise ValidationError({"effect": _("Choose whether the measure strengthens or weakens.")})
    with transaction.atomic(), pghistory.context(user=user.pk):
        result, _created = MeasureEffect.objects.update_or_create(
            measure=measure, dynamic=dynamic, defaults={"effect": effect, "note": note.strip()}
        )
    return result


def measure_effect_remove(*, effect_id: int, measure_id: int, user) -> None:
    """Remove an effect; the measure's history keeps who removed it and when."""
    if not has_capability(user, Capability.PROPOSE_MEASURES):
        raise PermissionDenied(_("You may not record effects of measures."))
    with transaction.atomic(), pghistory.context(user=user.pk):
        MeasureEffect.objects.select_for_update().filter(
            pk=effect_id, measure_id=measure_id
        ).delete()


def _reviewer_emails() -> list[str]:
    return list(
        users_with_role(Role.REVIEWER)
        .filter(is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _single_line(text: str) -> str:
    """A mail subject on one line: a CR or LF in a title must not start a new header."""
    return " ".join(text.split())


def _notify(measure: Measure, review: Review) -> bool:
    """Email the reviewers of a submission and the proposer of a decision.

    Runs after the change is committed; a mail server that fails does not undo it. Returns
    False when a message could not be sent (the view says so), True otherwise.
    """
    url = settings.SITE_URL.rstrip("/") + reverse("measures:detail", args=[measure.pk])
    title = _single_line(measure.title)
    if review.decision == Action.SUBMIT:
        recipients = _reviewer_emails()
        subject = _("New measure for review: %(title)s") % {"title": title}
        body = _("The measure “%(title)s” has been submitted for review.\n\n%(url)s") % {
            "title": title,
            "url": url,
        }
    elif review.decision in DECISIONS:
        proposer = measure.proposed_by
        if not proposer.is_active or not proposer.email:
            return True
        recipients = [proposer.email]
        subject = _("Decision on your measure: %(title)s") % {"title": title}
        body = _("Decision: %(decision)s\n\n%(reason)s\n\n%(url)s") % {
            "decision": review.get_decision_display(),
            "reason": review.reason,
            "url": url,
        }
    else:
        return True
    # One message each: colleagues' addresses are not shared with the whole group.
    sent_all = True
    for recipient in recipients:
        try:
            send_mail(
                subject=_single_line(subject),
                message=body,
                from_email=None,
                recipient_list=[recipient],
            )
        except (smtplib.SMTPException, OSError):
            logger.exception("measure %s: notification to a recipient failed", measure.pk)
            sent_all = False
    return sent_all
