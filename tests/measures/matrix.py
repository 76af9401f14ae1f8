"""Permission matrix rows of this app: see tests/matrix.py."""

from measures.models import Measure
from tests.factories import (
    ActionOptionFactory,
    BudgetLineFactory,
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


MATRIX = {
    "measures:list": row(officer=200, reviewer=200, council=200),
    "measures:queue": row(reviewer=200),
    "measures:create": row(officer=200, reviewer=200),
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
}
