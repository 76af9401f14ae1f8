"""Measures acting on dynamics: what the analysis shows, and what a measure inherits.

The analysis never imports ``measures``; it asks for the measures acting on dynamics by
sending ``analysis.signals.measures_acting_on_dynamics``, and ``acting_measures``
(connected in ``MeasuresConfig.ready``) answers with what the person may see (the council:
no drafts).
"""

from django.db.models import Q
from django.urls import reverse

from analysis.services import option_links
from analysis.signals import ActingMeasure
from measures.models import Measure, MeasureEffect


def acting_measures(*, dynamic_ids, user, between, **_signal) -> list[ActingMeasure]:
    """One query, whatever the number of dynamics or measures."""
    visible = Measure.objects.for_council() if user is None else Measure.objects.visible_to(user)
    effects = MeasureEffect.objects.filter(measure__in=visible)
    if dynamic_ids is not None:
        effects = effects.filter(dynamic_id__in=list(dynamic_ids))
    if between is not None:
        start, end = between
        effects = effects.filter(
            Q(measure__starts_on__isnull=True) | Q(measure__starts_on__lte=end),
            Q(measure__ends_on__isnull=True) | Q(measure__ends_on__gte=start),
        )
    statuses = dict(Measure.Status.choices)
    return [
        ActingMeasure(
            dynamic_id=row["dynamic_id"],
            title=row["measure__title"],
            effect=row["effect"],
            url=reverse("measures:detail", args=[row["measure_id"]]) if user is not None else "",
            status=str(statuses.get(row["measure__status"], row["measure__status"])),
        )
        for row in effects.order_by("measure__title").values(
            "dynamic_id", "measure_id", "measure__title", "measure__status", "effect"
        )
    ]


def inherit_dynamics(measure: Measure) -> int:
    """A measure made from an option acts on the dynamics the option addresses."""
    if not measure.origin_option_id:
        return 0
    links = option_links(measure.origin_option)
    MeasureEffect.objects.bulk_create(
        [
            MeasureEffect(measure=measure, dynamic_id=link.dynamic_id, effect=link.effect)
            for link in links
        ],
        ignore_conflicts=True,
    )
    return len(links)
