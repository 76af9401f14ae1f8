"""Permission matrix rows of this app: see tests/matrix.py."""

from measures.models import Measure, MeasureEffect
from tests.factories import (
    ActionOptionFactory,
    BudgetLineFactory,
    DynamicFactory,
    ExpenditureFactory,
    IndicatorFactory,
    MeasureFactory,
    ProgressEntryFactory,
)
from tests.matrix import row

S = Measure.Status


def _draft():
    return {"pk": MeasureFactory(status=S.DRAFT).pk}


def _running_with_figures():
    measure = MeasureFactory(status=S.IN_PROGRESS, title="Sprachcafé Südstadt")
    BudgetLineFactory(measure=measure)
    ExpenditureFactory(measure=measure)
    ProgressEntryFactory(indicator=IndicatorFactory(measure=measure))
    return {"pk": measure.pk}


def _indicator():
    indicator = IndicatorFactory(measure=MeasureFactory(status=S.IN_PROGRESS))
    return {"pk": indicator.measure_id, "indicator_pk": indicator.pk}


def _entry():
    entry = ProgressEntryFactory(
        indicator=IndicatorFactory(measure=MeasureFactory(status=S.IN_PROGRESS))
    )
    return {"pk": entry.indicator.measure_id, "entry_pk": entry.pk}


def _expenditure():
    expenditure = ExpenditureFactory(measure=MeasureFactory(status=S.IN_PROGRESS))
    return {"pk": expenditure.measure_id, "expenditure_pk": expenditure.pk}


def _effect():
    effect = MeasureEffect.objects.create(
        measure=MeasureFactory(status=S.IN_PROGRESS), dynamic=DynamicFactory(), effect="weakens"
    )
    return {"pk": effect.measure_id, "effect_pk": effect.pk}


def _running():
    DynamicFactory(title="Rückzug in eigene Vereinsstrukturen")
    return {"pk": MeasureFactory(status=S.IN_PROGRESS).pk}


MATRIX = {
    "measures:list": row(officer=200, reviewer=200, council=200),
    "measures:queue": row(reviewer=200),
    "measures:create": row(officer=200, reviewer=200),
    # The origin picker of the measure form: who may propose measures.
    "measures:option_picker": row(officer=200, reviewer=200, query="?q=Sprach"),
    # Officer only: turning an option into a measure changes the option.
    "measures:create_from_option": row(
        officer=200, kwargs=lambda: {"option_pk": ActionOptionFactory().pk}
    ),
    # A running measure: the council reads it (without the internal review).
    "measures:detail": row(officer=200, reviewer=200, council=200, kwargs=_running_with_figures),
    # Drafts are internal: the council is not told they exist.
    "measures:edit": row(officer=200, reviewer=200, council=403, kwargs=_draft),
    "measures:transition": row(officer=200, reviewer=200, kwargs=_draft),
    "measures:indicator_create": row(reviewer=200, kwargs=_draft),
    "measures:progress_create": row(reviewer=200, kwargs=_indicator),
    "measures:expenditure_create": row(reviewer=200, kwargs=_running_with_figures),
    # Corrections of progress values and spending: the reviewer, with a reason.
    "measures:progress_correct": row(reviewer=200, kwargs=_entry),
    "measures:progress_remove": row(reviewer=200, kwargs=_entry),
    "measures:expenditure_correct": row(reviewer=200, kwargs=_expenditure),
    "measures:expenditure_remove": row(reviewer=200, kwargs=_expenditure),
    # Which dynamics of the analysis a measure acts on: officer and reviewer.
    "measures:effect_create": row(officer=200, reviewer=200, kwargs=_running),
    "measures:effect_remove": row(officer=200, reviewer=200, kwargs=_effect),
}
