"""Writes of the analysis: each a small, atomic function with its domain check."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis import selectors
from analysis.models import (
    ActorEffect,
    DismissedSuggestion,
    Dynamic,
    Influence,
    OptionLink,
    Release,
    Workshop,
    WorkshopOption,
)
from consultations.models import ActionOption, ConsultationRound, Finding
from peine.lib.concurrency import save_form_versioned
from stakeholders.models import Stakeholder


class AnalysisError(Exception):
    """A change the current state does not allow; the message is for people."""


def findings_assign(*, dynamic: Dynamic, findings) -> int:
    """Assigns findings to a dynamic (a finding may belong to several); returns how many
    were new."""
    ids = {finding.pk for finding in findings}
    through = Dynamic.findings.through
    with transaction.atomic():
        existing = set(
            through.objects.filter(dynamic_id=dynamic.pk, finding_id__in=ids).values_list(
                "finding_id", flat=True
            )
        )
        new = ids - existing
        through.objects.bulk_create(
            [through(dynamic_id=dynamic.pk, finding_id=pk) for pk in sorted(new)]
        )
    return len(new)


def finding_unassign(*, dynamic: Dynamic, finding: Finding) -> None:
    dynamic.findings.remove(finding)


def suggestion_dismiss(*, dynamic: Dynamic, finding: Finding, user) -> None:
    """The finding does not belong to the dynamic: it is not suggested for it again."""
    DismissedSuggestion.objects.get_or_create(
        dynamic=dynamic, finding=finding, defaults={"dismissed_by": user}
    )


def influence_save(*, form) -> Influence:
    """Saves an influence with its findings; the same pair twice is a form error."""
    try:
        with transaction.atomic():
            influence = form.save()
    except IntegrityError as error:
        raise AnalysisError(
            _("This influence is already recorded; edit it instead of adding it again.")
        ) from error
    return influence


def influence_delete(*, influence: Influence) -> None:
    influence.delete()


def actor_set(*, dynamic: Dynamic, stakeholder, effect: str) -> ActorEffect:
    actor, _created = ActorEffect.objects.update_or_create(
        dynamic=dynamic, stakeholder=stakeholder, defaults={"effect": effect}
    )
    return actor


def actor_remove(*, actor: ActorEffect) -> None:
    actor.delete()


def option_link(*, dynamic: Dynamic, option: ActionOption, effect: str) -> OptionLink:
    link, _created = OptionLink.objects.update_or_create(
        dynamic=dynamic, option=option, defaults={"effect": effect}
    )
    return link


def option_unlink(*, link: OptionLink) -> None:
    link.delete()


def option_links(option: ActionOption) -> list[OptionLink]:
    """The dynamics an option addresses: what a measure made from it inherits."""
    return list(OptionLink.objects.filter(option=option).select_related("dynamic"))


def dynamic_save(*, form) -> Dynamic:
    """A dynamic's own fields (title, description, sectors) from its VersionedModelForm;
    may raise ConflictError when a colleague saved it meanwhile."""
    return save_form_versioned(form)


def workshop_save(*, form) -> Workshop:
    """Saves a workshop's own fields (title, date, place, round) from its VersionedModelForm;
    may ConflictError when someone saved it meanwhile."""
    return save_form_versioned(form)


def workshop_participants_add(*, workshop: Workshop, stakeholders: Iterable[Stakeholder]) -> None:
    """Adds stakeholders to those who took part; one already there stays once."""
    with transaction.atomic():
        workshop.stakeholders.add(*stakeholders)


def workshop_participant_remove(*, workshop: Workshop, stakeholder: Stakeholder) -> None:
    with transaction.atomic():
        workshop.stakeholders.remove(stakeholder)


def workshop_option_set(
    *, workshop: Workshop, option: ActionOption, priority: int
) -> WorkshopOption:
    """Records that the workshop discussed ``option`` with ``priority``; an option already
    recorded gets the new priority."""
    with transaction.atomic():
        item, _created = WorkshopOption.objects.update_or_create(
            workshop=workshop, option=option, defaults={"priority": priority}
        )
    return item


def workshop_option_remove(*, item: WorkshopOption) -> None:
    with transaction.atomic():
        item.delete()


def release_map(*, user) -> Release:
    """Freezes the current map for the council: titles, counts, links; no text, no persons."""
    data = selectors.map_data(user=None)
    if not data["nodes"]:
        raise AnalysisError(_("There is no dynamic to release yet."))
    today = timezone.localdate()
    return Release.objects.create(
        kind=Release.Kind.MAP,
        title=_("System map of %(date)s") % {"date": today.strftime("%d.%m.%Y")},
        content=selectors.snapshot(data),
        released_on=today,
        released_by=user,
    )


def release_comparison(*, later: ConsultationRound, earlier: ConsultationRound, user) -> Release:
    if later.pk == earlier.pk:
        raise AnalysisError(_("Choose two different rounds."))
    data = selectors.compare(later, earlier, user=None)
    today = timezone.localdate()
    return Release.objects.create(
        kind=Release.Kind.COMPARISON,
        title=_("%(later)s compared with %(earlier)s")
        % {"later": later.title, "earlier": earlier.title},
        content=selectors.comparison_snapshot(data),
        released_on=today,
        released_by=user,
    )
