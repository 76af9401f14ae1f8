"""The council's figures: every number is aggregated in PostgreSQL, one query per figure.

A ``Scope`` says what a page looks at (all, one sector, one district, one round) and
whether the reader may see internal figures. The council sees only measures that the
administration has approved (``COUNCIL_STATUSES``) and only rounds with a released
summary. No selector here reads contact persons, interview notes or review reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from consultations.models import ConsultationRound, Finding, RoundSummary
from measures.models import BudgetLine, Expenditure, Measure
from peine.lib.charts import bar_chart
from peine.models import District, FundingSource, Goal, Sector

S = Measure.Status
# What the council sees of measures: what the administration has approved, and after.
COUNCIL_STATUSES = (S.APPROVED, S.IN_PROGRESS, S.PAUSED, S.COMPLETED)
# Statuses in which a measure past its end date counts as overdue.
OPEN_STATUSES = (S.APPROVED, S.IN_PROGRESS, S.PAUSED)
REVIEW_STATUSES = (S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED)
MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY)
OVERDUE_LIST_SIZE = 15


@dataclass(frozen=True)
class Scope:
    """What a page looks at: a sector, a district or a round (or everything)."""

    internal: bool = False
    sector: Sector | None = None
    district: District | None = None
    round: ConsultationRound | None = None


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple
    url: str | None = None


@dataclass
class Figure:
    """One table of numbers; ``chart_columns`` are the value columns drawn as bar charts."""

    key: str
    title: str
    description: str
    columns: tuple[str, ...]
    rows: list[Row]
    unit: str = ""
    chart_columns: tuple[int, ...] = (0,)
    money: bool = False

    @property
    def is_empty(self) -> bool:
        return not any(any(value for value in row.values) for row in self.rows)

    def format(self, value) -> str:
        # Sums of money come as Decimal, counts as int: each column keeps its own format.
        return format_number(value, money=isinstance(value, Decimal))

    def table_rows(self) -> list[tuple[str, list[str], str | None]]:
        return [(r.label, [self.format(v) for v in r.values], r.url) for r in self.rows]

    def charts(self) -> list:
        """One SVG bar chart per chart column, with the table's numbers on the bars."""
        return [
            bar_chart(
                title=f"{self.title}: {self.columns[column]}",
                description=self.description,
                # No links inside the chart: links in a role="img" SVG are nested
                # interactive controls (axe); the table beside it carries the links.
                items=[(r.label, r.values[column], None) for r in self.rows],
                unit=self.unit,
            )
            for column in self.chart_columns
            if self.rows
        ]

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "description": self.description,
            "columns": list(self.columns),
            "unit": self.unit,
            "money": self.money,
            "chart_columns": list(self.chart_columns),
            "rows": [[r.label, [str(v) for v in r.values], r.url] for r in self.rows],
        }

    @classmethod
    def from_json(cls, data: dict) -> Figure:
        def number(text):
            return Decimal(text) if "." in text else int(text)

        return cls(
            key=data["key"],
            title=data["title"],
            description=data.get("description", ""),
            columns=tuple(data["columns"]),
            unit=data.get("unit", ""),
            money=data.get("money", False),
            chart_columns=tuple(data.get("chart_columns", [0])),
            rows=[
                Row(label, tuple(number(v) for v in values), url)
                for label, values, url in data["rows"]
            ],
        )


@dataclass
class Summary:
    """Everything one page shows: figures (tables/charts) plus a few lists."""

    figures: list[Figure] = field(default_factory=list)
    overdue: list[dict] = field(default_factory=list)
    overdue_count: int = 0
    rounds: list[dict] = field(default_factory=list)
    unreleased_rounds: list[dict] = field(default_factory=list)
    measures: list[dict] = field(default_factory=list)

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


def format_number(value, *, money: bool = False) -> str:
    """German-style grouping; money always with two decimals (the same in page and PDF)."""
    decimals = 2 if money else 0
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


# --- querysets ------------------------------------------------------------------------


def visible_measures(scope: Scope) -> QuerySet:
    """The measures a scope counts; the council never counts drafts or rejected ones."""
    qs = Measure.objects.all()
    if not scope.internal:
        qs = qs.filter(status__in=COUNCIL_STATUSES)
    if scope.sector is not None:
        qs = qs.filter(
            Exists(
                Measure.sectors.through.objects.filter(
                    measure_id=OuterRef("pk"), sector_id=scope.sector.pk
                )
            )
        )
    if scope.district is not None:
        qs = qs.filter(
            Exists(
                Measure.districts.through.objects.filter(
                    measure_id=OuterRef("pk"), district_id=scope.district.pk
                )
            )
        )
    if scope.round is not None:
        qs = qs.filter(origin_option__round_id=scope.round.pk)
    return qs


def released_rounds() -> QuerySet:
    """Rounds with at least one released summary: the only ones the council sees."""
    return ConsultationRound.objects.filter(
        Exists(RoundSummary.objects.filter(round_id=OuterRef("pk")))
    )


def _measures_url(**params) -> str:
    """The filtered measures list behind a figure (parameter names agreed with measures)."""
    try:
        base = reverse("measures:list")
    except NoReverseMatch:  # the measures app's list is built in parallel; its mount point
        base = "/massnahmen/"
    return f"{base}?{urlencode(params)}"


def _count_in(through_qs: QuerySet, group_field: str) -> Subquery:
    """COUNT(DISTINCT measure) of a through table per ``group_field`` = OuterRef(pk)."""
    return Coalesce(
        Subquery(
            through_qs.filter(**{group_field: OuterRef("pk")})
            .values(group_field)
            .annotate(n=Count("measure_id", distinct=True))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


# --- figures --------------------------------------------------------------------------


def measures_by_status(scope: Scope) -> Figure:
    counts = dict(visible_measures(scope).order_by().values_list("status").annotate(n=Count("pk")))
    statuses = S if scope.internal else COUNCIL_STATUSES
    return Figure(
        key="by_status",
        title=_("Measures by status"),
        description=_("Number of measures in each status."),
        columns=(_("Measures"),),
        rows=[
            Row(
                str(status.label),
                (counts.get(status.value, 0),),
                _measures_url(status=status.value),
            )
            for status in statuses
        ],
    )


def measures_by_sector(scope: Scope) -> Figure:
    measures = visible_measures(scope).values("pk")
    through = Measure.sectors.through.objects.filter(measure_id__in=measures)
    sectors = Sector.objects.filter(active=True).annotate(n=_count_in(through, "sector_id"))
    return Figure(
        key="by_sector",
        title=_("Measures by field of action"),
        description=_("Number of measures per field of action; a measure may serve several."),
        columns=(_("Measures"),),
        rows=[Row(s.name, (s.n,), _measures_url(sectors=s.pk)) for s in sectors.only("name")],
    )


def measures_by_district(scope: Scope) -> Figure:
    measures = visible_measures(scope).values("pk")
    through = Measure.districts.through.objects.filter(measure_id__in=measures)
    districts = District.objects.filter(active=True).annotate(n=_count_in(through, "district_id"))
    return Figure(
        key="by_district",
        title=_("Measures by district"),
        description=_("Number of measures per district (Kernstadt and Ortschaften)."),
        columns=(_("Measures"),),
        rows=[Row(d.name, (d.n,), _measures_url(districts=d.pk)) for d in districts.only("name")],
    )


def budget_by_funding_source(scope: Scope) -> Figure:
    measures = visible_measures(scope).values("pk")

    def total(model):
        return Coalesce(
            Subquery(
                model.objects.filter(funding_source_id=OuterRef("pk"), measure_id__in=measures)
                .values("funding_source_id")
                .annotate(total=Sum("amount"))
                .values("total"),
                output_field=MONEY,
            ),
            ZERO,
        )

    sources = FundingSource.objects.annotate(
        planned=total(BudgetLine), spent=total(Expenditure)
    ).only("name")
    return Figure(
        key="budget",
        title=_("Budget by funding source"),
        description=_("Planned budget and money spent per funding source, in euros."),
        columns=(_("Planned (EUR)"), _("Spent (EUR)")),
        rows=[
            Row(s.name, (s.planned, s.spent), _measures_url(funding_source=s.pk)) for s in sources
        ],
        unit="€",
        chart_columns=(0, 1),
        money=True,
    )


def spending_by_year(scope: Scope) -> Figure:
    measures = visible_measures(scope).values("pk")
    years = (
        Expenditure.objects.filter(measure_id__in=measures)
        .annotate(year=ExtractYear("spent_on"))
        .order_by("year")
        .values_list("year")
        .annotate(total=Sum("amount"), n=Count("measure_id", distinct=True))
    )
    return Figure(
        key="spending_by_year",
        title=_("Spending over time"),
        description=_("Money spent per year, in euros, and the number of measures it went to."),
        columns=(_("Spent (EUR)"), _("Measures")),
        rows=[Row(str(year), (total, n)) for year, total, n in years],
        unit="€",
        money=True,
    )


def measures_by_start_year(scope: Scope) -> Figure:
    years = (
        visible_measures(scope)
        .filter(starts_on__isnull=False)
        .annotate(year=ExtractYear("starts_on"))
        .order_by("year")
        .values_list("year")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status=S.COMPLETED)))
    )
    return Figure(
        key="by_start_year",
        title=_("Measures over time"),
        description=_("Measures by the year they start, and how many of them are completed."),
        columns=(_("Starting"), _("Completed")),
        rows=[Row(str(year), (n, done)) for year, n, done in years],
    )


def measures_by_goal(scope: Scope) -> Figure:
    """The goals of the integration concept that the scope's measures serve."""
    measures = visible_measures(scope)
    goals = Goal.objects.annotate(
        n=Coalesce(
            Subquery(
                measures.filter(goal_id=OuterRef("pk"))
                .order_by()
                .values("goal_id")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        )
    )
    served = Q(n__gt=0)
    if scope.sector is not None:
        served |= Q(sector_id=scope.sector.pk)
    goals = goals.filter(served).only("code", "title")
    return Figure(
        key="by_goal",
        title=_("Goals served"),
        description=_("Goals of the integration concept and the number of measures serving them."),
        columns=(_("Measures"),),
        rows=[Row(f"{g.code} {g.title}", (g.n or 0,)) for g in goals],
        chart_columns=(),  # goal titles are sentences: a table reads better than bars
    )


def findings_by_sector(scope: Scope) -> Figure:
    """Findings of released rounds (all rounds for internal readers) by sector and kind."""
    findings = Finding.objects.all()
    if not scope.internal:
        findings = findings.filter(round__in=released_rounds().values("pk"))
    if scope.round is not None:
        findings = findings.filter(round_id=scope.round.pk)
    if scope.district is not None:
        findings = findings.filter(district_id=scope.district.pk)
    if scope.sector is not None:
        findings = findings.filter(sector_id=scope.sector.pk)
    kinds = list(Finding.Kind)

    def count(kind=None):
        rows = findings.filter(sector_id=OuterRef("pk"))
        if kind is not None:
            rows = rows.filter(kind=kind)
        return Coalesce(
            Subquery(
                rows.order_by().values("sector_id").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            0,
        )

    sectors = Sector.objects.filter(active=True)
    if scope.sector is not None:
        sectors = sectors.filter(pk=scope.sector.pk)
    sectors = sectors.annotate(total=count(), **{k.value: count(k.value) for k in kinds})
    return Figure(
        key="findings",
        title=_("Findings of released consultation rounds by field of action")
        if not scope.internal
        else _("Findings by field of action"),
        description=_("Anonymised findings from the interviews, by field of action and kind."),
        columns=(_("All findings"), *(str(k.label) for k in kinds)),
        rows=[
            Row(s.name, (s.total, *(getattr(s, k.value) for k in kinds)))
            for s in sectors.only("name")
        ],
    )


def overdue_measures(scope: Scope) -> tuple[int, list[dict]]:
    """Open measures past their end date: the count and the first few (two queries)."""
    today = timezone.localdate()
    qs = visible_measures(scope).filter(status__in=OPEN_STATUSES, ends_on__lt=today)
    count = qs.count()
    rows = list(
        qs.order_by("ends_on", "title").values("pk", "title", "ends_on", "status")[
            :OVERDUE_LIST_SIZE
        ]
    )
    for row in rows:
        row["status_label"] = S(row["status"]).label
    return count, rows


def round_list(scope: Scope, *, released: bool = True) -> list[dict]:
    """Rounds with their latest released summary (one query)."""
    latest = RoundSummary.objects.filter(round_id=OuterRef("pk")).order_by("-version")
    rounds = ConsultationRound.objects.annotate(
        released_on=Subquery(latest.values("released_on")[:1]),
        summary_version=Subquery(latest.values("version")[:1]),
        findings_count=Coalesce(
            Subquery(
                Finding.objects.filter(round_id=OuterRef("pk"))
                .order_by()
                .values("round_id")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
    )
    rounds = rounds.filter(released_on__isnull=not released)
    if scope.sector is not None:
        rounds = rounds.filter(
            Exists(
                ConsultationRound.sectors.through.objects.filter(
                    consultationround_id=OuterRef("pk"), sector_id=scope.sector.pk
                )
            )
        )
    if scope.district is not None:
        rounds = rounds.filter(
            Exists(
                ConsultationRound.districts.through.objects.filter(
                    consultationround_id=OuterRef("pk"), district_id=scope.district.pk
                )
            )
        )
    rows = list(
        rounds.order_by("-starts_on").values(
            "pk",
            "title",
            "guiding_question",
            "starts_on",
            "ends_on",
            "status",
            "released_on",
            "summary_version",
            "findings_count",
        )
    )
    for row in rows:
        row["status_label"] = ConsultationRound.Status(row["status"]).label
    return rows


def measure_list(scope: Scope) -> list[dict]:
    """The scope's measures with planned and spent totals (one query): what happened, what is
    planned. Only council-safe columns are selected."""
    planned = Subquery(
        BudgetLine.objects.filter(measure_id=OuterRef("pk"))
        .order_by()
        .values("measure_id")
        .annotate(t=Sum("amount"))
        .values("t"),
        output_field=MONEY,
    )
    spent = Subquery(
        Expenditure.objects.filter(measure_id=OuterRef("pk"))
        .order_by()
        .values("measure_id")
        .annotate(t=Sum("amount"))
        .values("t"),
        output_field=MONEY,
    )
    rows = list(
        visible_measures(scope)
        .annotate(planned=Coalesce(planned, ZERO), spent=Coalesce(spent, ZERO))
        .order_by("status", "starts_on", "title")
        .values("pk", "title", "status", "starts_on", "ends_on", "planned", "spent", "goal__code")
    )
    for row in rows:
        row["status_label"] = S(row["status"]).label
        row["planned_display"] = format_number(row["planned"], money=True)
        row["spent_display"] = format_number(row["spent"], money=True)
    return rows


# --- pages ----------------------------------------------------------------------------


def dashboard(scope: Scope) -> Summary:
    """The council dashboard: 8 queries, 9 with internal figures."""
    summary = Summary(
        figures=[
            measures_by_status(scope),
            measures_by_sector(scope),
            measures_by_district(scope),
            budget_by_funding_source(scope),
            findings_by_sector(scope),
        ]
    )
    summary.overdue_count, summary.overdue = overdue_measures(scope)
    summary.figures.insert(
        3,
        Figure(
            key="overdue",
            title=_("Overdue measures"),
            description=_("Open measures whose planned end date has passed."),
            columns=(_("Measures"),),
            rows=[Row(_("Overdue"), (summary.overdue_count,), _measures_url(overdue=1))],
            chart_columns=(),
        ),
    )
    summary.rounds = round_list(scope)
    if scope.internal:
        summary.unreleased_rounds = round_list(scope, released=False)
    return summary


def sector_report(scope: Scope) -> Summary:
    summary = Summary(
        figures=[
            measures_by_status(scope),
            measures_by_goal(scope),
            measures_by_district(scope),
            budget_by_funding_source(scope),
            spending_by_year(scope),
            measures_by_start_year(scope),
            findings_by_sector(scope),
        ]
    )
    summary.measures = measure_list(scope)
    summary.rounds = round_list(scope)
    return summary


def district_report(scope: Scope) -> Summary:
    summary = Summary(
        figures=[
            measures_by_status(scope),
            measures_by_goal(scope),
            measures_by_sector(scope),
            budget_by_funding_source(scope),
            spending_by_year(scope),
            measures_by_start_year(scope),
            findings_by_sector(scope),
        ]
    )
    summary.measures = measure_list(scope)
    summary.rounds = round_list(scope)
    return summary


def round_report(scope: Scope) -> Summary:
    summary = Summary(
        figures=[
            findings_by_sector(scope),
            measures_by_status(scope),
            measures_by_goal(scope),
            budget_by_funding_source(scope),
        ]
    )
    summary.measures = measure_list(scope)
    return summary


def latest_summary(round_: ConsultationRound) -> RoundSummary | None:
    """The newest released summary of a round, without who released it."""
    return (
        RoundSummary.objects.filter(round=round_)
        .order_by("-version")
        .only("version", "evaluation", "content", "released_on", "round_id")
        .first()
    )


def today() -> date:
    return timezone.localdate()
