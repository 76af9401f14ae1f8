"""The council's figures: every number is aggregated in PostgreSQL, one query per figure.

A ``Scope`` says what a page looks at (all, one sector, one district, one round), whose
view it is (``reader``; None is the council's view of downloads and frozen editions) and
whether the reader may see internal figures. The domain is read through its selectors
only, never its models (an import-linter contract in pyproject.toml): which measures a
reader sees, which are open or overdue, their public status, money and years and how the
measures list is filtered come from ``measures.selectors``; which rounds the council sees
and what it reads of a round, its released version with the counts stored at release,
from ``consultations.selectors``. No selector here reads contact persons, interview notes
or review reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Model, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from consultations import selectors as consultations
from measures import selectors as measures
from peine.lib.charts import bar_chart
from peine.models import District, Goal, Sector

OVERDUE_LIST_SIZE = 15
# Report lists show the measures a council member asks about first; the rest via CSV.
REPORT_LIST_SIZE = 50
# Round lists show the most recent rounds; all of them are paged on the reports page.
ROUND_LIST_SIZE = 20
# The models the figures read: the taxonomies read here, and what the domain selectors
# called here declare. The figures cache counts every change to their tables
# (``council.figure_cache.COUNTED_TABLES``).
# The council's one rule (which measures it sees and counts), named by measures' selectors.
COUNCIL_RULE = measures.COUNCIL_RULE
COUNCIL_STATUSES = measures.COUNCIL_STATUSES
COUNTED_MODELS = (
    Sector,
    District,
    Goal,
    *measures.COUNCIL_READS,
    *consultations.COUNCIL_READS,
)


@dataclass(frozen=True)
class Scope:
    """What a page looks at (a sector, a district, a round, or everything) and for whom."""

    internal: bool = False
    sector: Sector | None = None
    district: District | None = None
    round: Model | None = None  # a consultation round
    reader: object = None  # the signed-in user; None: the council's view


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple
    url: str | None = None
    key: str = ""  # a measure status: the bar takes the status colour (not stored)


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
    def wide(self) -> bool:
        """A table of more than two numbers goes below its charts, at full width."""
        return len(self.columns) > 2

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
                items=[(r.label, r.values[column], None, r.key) for r in self.rows],
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
            "rows": [[r.label, [str(v) for v in r.values], r.url, r.key] for r in self.rows],
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
                # editions frozen before status keys were stored have three entries a row
                Row(row[0], tuple(number(v) for v in row[1]), row[2], *row[3:4])
                for row in data["rows"]
            ],
        )


@dataclass(frozen=True)
class KeyFigure:
    """One of the handful of numbers a council member asks first, linking to the list
    that shows the same number (``kind`` says which number of that list: its count of
    entries, or its planned or spent total)."""

    key: str
    label: str
    value: int | Decimal | None
    url: str | None = None
    kind: str = "count"  # count | planned | spent | round
    note: str = ""
    text: str = ""  # a round's title where the figure is no number

    @property
    def display(self) -> str:
        if self.value is None:
            return self.text
        return format_number(self.value, money=isinstance(self.value, Decimal))


@dataclass
class Summary:
    """Everything one page shows: figures (tables/charts) plus a few lists."""

    figures: list[Figure] = field(default_factory=list)
    overdue: list[dict] = field(default_factory=list)
    overdue_count: int = 0
    rounds: list[dict] = field(default_factory=list)
    rounds_total: int = 0
    unreleased_rounds: list[dict] = field(default_factory=list)
    unreleased_total: int = 0
    latest_release: dict | None = None
    measures: list[dict] = field(default_factory=list)
    measures_total: int = 0
    measures_limit: int = REPORT_LIST_SIZE
    measures_export_url: str | None = None
    released: consultations.ReleasedRound | None = None
    key_figures: list[KeyFigure] = field(default_factory=list)

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


def format_number(value, *, money: bool = False) -> str:
    """German-style grouping; money always with two decimals (the same in page and PDF)."""
    decimals = 2 if money else 0
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


# --- what a scope counts -------------------------------------------------------------


def visible_measures(scope: Scope) -> QuerySet:
    """The measures a scope counts: the reader's view (measures' one rule), narrowed."""
    return measures.visible_measures(
        scope.reader, sector=scope.sector, district=scope.district, origin_round=scope.round
    )


def _link(scope: Scope, **filters) -> str | None:
    """The measures list showing exactly a figure's measures, or None where the list has
    no filter for the scope (a round's measures)."""
    if scope.round is not None:
        return None
    return measures.measure_list_url(
        **{"sector": scope.sector, "district": scope.district, **filters}
    )


def _count_of(relation: str, scope: Scope) -> Count:
    """COUNT of a row's measures among the scope's (one grouped join, no subquery per row)."""
    ids = visible_measures(scope).order_by().values("pk")
    return Count(relation, filter=Q(**{f"{relation}__in": ids}))


# --- figures --------------------------------------------------------------------------


def measures_by_status(scope: Scope) -> Figure:
    counts = dict(visible_measures(scope).order_by().values_list("status").annotate(n=Count("pk")))
    return Figure(
        key="by_status",
        title=_("Measures by status"),
        description=_("Number of measures in each status."),
        columns=(_("Measures"),),
        rows=[
            Row(
                label,
                (sum(counts.get(s, 0) for s in statuses),),
                _link(scope, status=value),
                key=value,
            )
            for value, label, statuses in measures.status_groups(scope.reader)
        ],
    )


def measures_by_sector(scope: Scope) -> Figure:
    description = _("Number of measures per field of action; a measure may serve several.")
    return _measures_by(scope, "sector", _("Measures by field of action"), description)


def measures_by_district(scope: Scope) -> Figure:
    description = _("Number of measures per district (Kernstadt and Ortschaften).")
    return _measures_by(scope, "district", _("Measures by district"), description)


def _measures_by(scope: Scope, place: str, title, description) -> Figure:
    """Measures per active sector or district (``place``); each row links to the list
    narrowed to it, unless the report is about one already."""
    taxonomy = {"sector": Sector, "district": District}[place]
    rows = (
        taxonomy.objects.filter(active=True)
        .annotate(n=_count_of("measures", scope))
        .only("name")
        .order_by("position", "name")
    )
    narrowed = getattr(scope, place) is not None
    return Figure(
        key=f"by_{place}",
        title=title,
        description=description,
        columns=(_("Measures"),),
        rows=[
            Row(row.name, (row.n,), None if narrowed else _link(scope, **{place: row}))
            for row in rows
        ],
    )


def budget_by_funding_source(scope: Scope) -> Figure:
    """Planned and spent per funding source, and how many measures it plans money for
    (one statement, see ``measures.funding_source_totals``)."""
    rows = [
        Row(name, (n, planned, spent), _link(scope, funding_source=pk))
        for pk, name, n, planned, spent in measures.funding_source_totals(visible_measures(scope))
    ]
    return Figure(
        key="budget",
        title=_("Budget by funding source"),
        description=_(
            "Planned budget and money spent per funding source, in euros, and the number of "
            "measures with a budget from it."
        ),
        columns=(_("Measures"), _("Planned (EUR)"), _("Spent (EUR)")),
        rows=rows,
        unit="€",
        chart_columns=(1, 2),
        money=True,
    )


def spending_by_year(scope: Scope) -> Figure:
    years = measures.spending_per_year(visible_measures(scope))
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
    years = measures.start_years(visible_measures(scope))
    return Figure(
        key="by_start_year",
        title=_("Measures over time"),
        description=_("Measures by the year they start, and how many of them are completed."),
        columns=(_("Starting"), _("Completed")),
        rows=[Row(str(year), (n, done)) for year, n, done in years],
    )


def measures_by_goal(scope: Scope) -> Figure:
    """The goals of the integration concept that the scope's measures serve."""
    goals = Goal.objects.annotate(n=_count_of("measures", scope))
    served = Q(n__gt=0)
    if scope.sector is not None:
        served |= Q(sector_id=scope.sector.pk)
    goals = goals.filter(served).only("code", "title").order_by("code")
    return Figure(
        key="by_goal",
        title=_("Goals served"),
        description=_("Goals of the integration concept and the number of measures serving them."),
        columns=(_("Measures"),),
        rows=[Row(f"{g.code} {g.title}", (g.n,)) for g in goals],
        chart_columns=(),  # goal titles are sentences: a table reads better than bars
    )


def findings_by_sector(scope: Scope) -> Figure:
    """Findings by sector and kind: the active sectors, and one grouped query.

    The council reads the counts stored with each round's latest released version, so
    nothing recorded after a release changes them; internal readers see the live counts
    of every round. Findings of interviews only planned are never counted.
    """
    kinds = consultations.finding_kinds()
    sectors = Sector.objects.filter(active=True)
    if scope.sector is not None:
        sectors = sectors.filter(pk=scope.sector.pk)
    if scope.internal:
        findings = consultations.counted_findings(scope.round)
        if scope.district is not None:
            findings = findings.filter(district_id=scope.district.pk)
        if scope.sector is not None:
            findings = findings.filter(sector_id=scope.sector.pk)
        grouped = findings.order_by().values_list("sector_id", "kind").annotate(n=Count("pk"))
    else:
        counts = consultations.released_counts(
            consultation_round=scope.round, sector=scope.sector, district=scope.district
        )
        grouped = counts.order_by().values_list("sector_id", "kind").annotate(n=Sum("count"))
    table = {(sector_id, kind): n for sector_id, kind, n in grouped}
    rows = []
    for sector in sectors.only("name").order_by("position", "name"):
        by_kind = [table.get((sector.pk, kind.value), 0) for kind in kinds]
        rows.append(Row(sector.name, (sum(by_kind), *by_kind)))
    return Figure(
        key="findings",
        title=_("Findings by field of action")
        if scope.internal
        else _("Findings of released consultation rounds by field of action"),
        description=_("Anonymised findings from the interviews, by field of action and kind.")
        if scope.internal
        else _(
            "Anonymised findings from the interviews, by field of action and kind, as counted "
            "in the latest released version of each round."
        ),
        columns=(_("All findings"), *(str(k.label) for k in kinds)),
        rows=rows,
    )


def overdue_measures(scope: Scope) -> tuple[int, list[dict]]:
    """Open measures past their end date (the list's rule): the count and the first few."""
    qs = measures.overdue_measures(visible_measures(scope))
    count = qs.count()
    rows = list(
        qs.order_by("ends_on", "title").values("pk", "title", "ends_on", "status")[
            :OVERDUE_LIST_SIZE
        ]
    )
    for row in rows:
        row["status_label"] = measures.status_label(row["status"], internal=scope.internal)
        row["status_code"] = measures.status_code(row["status"], internal=scope.internal)
    return count, rows


def _rounds(scope: Scope, *, released: bool) -> QuerySet:
    """The scope's rounds with their latest released version and finding count."""
    return consultations.rounds_with_release(
        released=released, sector=scope.sector, district=scope.district
    )


_ROUND_COLUMNS = (
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


def _round_row(row: dict) -> dict:
    row["status_label"] = consultations.round_status_label(row["status"])
    return row


def round_list(scope: Scope, *, released: bool = True) -> tuple[list[dict], int]:
    """The most recent rounds (at most ``ROUND_LIST_SIZE``) and how many there are."""
    rounds = _rounds(scope, released=released)
    rows = rounds.order_by("-starts_on", "-pk").values(*_ROUND_COLUMNS)[:ROUND_LIST_SIZE]
    rows = [_round_row(row) for row in rows]
    total = len(rows) if len(rows) < ROUND_LIST_SIZE else rounds.count()
    return rows, total


def latest_release(scope: Scope) -> dict | None:
    """The round of the scope whose summary was released last."""
    row = (
        _rounds(scope, released=True)
        .order_by("-released_on", "-starts_on", "-pk")
        .values(*_ROUND_COLUMNS)
        .first()
    )
    return None if row is None else _round_row(row)


def measure_list(scope: Scope) -> list[dict]:
    """The first measures of the scope a council member asks about (overdue, then largest
    budget), with planned and spent totals: bounded, whatever the number of measures."""
    rows = measures.most_pressing(visible_measures(scope), limit=REPORT_LIST_SIZE)
    for row in rows:
        row["status_label"] = measures.status_label(row["status"], internal=scope.internal)
        row["status_code"] = measures.status_code(row["status"], internal=scope.internal)
        row["planned_display"] = format_number(row["planned"], money=True)
        row["spent_display"] = format_number(row["spent"], money=True)
    return rows


def _with_measures(summary: Summary, scope: Scope) -> Summary:
    summary.measures = measure_list(scope)
    # The status figure counts every measure of the scope once: its sum is the total.
    summary.measures_total = sum(row.values[0] for row in summary.figure("by_status").rows)
    summary.measures_export_url = _link(scope, format="csv")
    summary.overdue_count = measures.overdue_measures(visible_measures(scope)).count()
    return summary


def _with_rounds(summary: Summary, scope: Scope) -> Summary:
    summary.rounds, summary.rounds_total = round_list(scope)
    summary.latest_release = latest_release(scope)
    return summary


def key_figures(summary: Summary, scope: Scope) -> list[KeyFigure]:
    """At a glance: measures approved, in progress, completed and overdue, the budget
    planned and spent, and the last released round. No query of its own: every number
    is read from the page's figures, so card, figure and list always agree."""
    by_status = {row.key: row for row in summary.figure("by_status").rows}
    cards = [
        KeyFigure(status.value, str(status.label), row.values[0], row.url)
        for status in measures.KEY_STATUSES
        if (row := by_status.get(status.value)) is not None
    ]
    cards.append(
        KeyFigure(
            "overdue",
            _("overdue"),
            summary.overdue_count,
            _link(scope, overdue=True),
            note=_("open, past the planned end"),
        )
    )
    budget = summary.figure("budget").rows
    planned = sum((row.values[1] for row in budget), Decimal("0.00"))
    spent = sum((row.values[2] for row in budget), Decimal("0.00"))
    cards.append(KeyFigure("planned", _("budget planned (EUR)"), planned, _link(scope), "planned"))
    cards.append(KeyFigure("spent", _("spent (EUR)"), spent, _link(scope), "spent"))
    latest = _latest_round(summary, scope)
    if latest is not None:
        cards.append(latest)
    return cards


def _latest_round(summary: Summary, scope: Scope) -> KeyFigure | None:
    """The last released round: the one the page is about, or the latest release."""

    def version(number, released_on) -> str:
        return pgettext("released summary", "Version %(version)s of %(date)s") % {
            "version": number,
            "date": date_format(released_on, "d.m.Y"),
        }

    if scope.round is not None:
        if summary.released is None:
            return None
        return KeyFigure(
            "round",
            _("released version"),
            None,
            "#released-evaluation",
            "round",
            note=version(summary.released.version, summary.released.released_on),
            text=scope.round.title,
        )
    row = summary.latest_release
    if row is None:
        return None
    return KeyFigure(
        "round",
        _("last released consultation round"),
        None,
        reverse("council:round_report", kwargs={"subject": row["pk"]}),
        "round",
        note=version(row["summary_version"], row["released_on"]),
        text=row["title"],
    )


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
            rows=[Row(_("Overdue"), (summary.overdue_count,), _link(scope, overdue=True))],
            chart_columns=(),
        ),
    )
    _with_rounds(summary, scope)
    if scope.internal:
        summary.unreleased_rounds, summary.unreleased_total = round_list(scope, released=False)
    summary.key_figures = key_figures(summary, scope)
    return summary


def sector_report(scope: Scope) -> Summary:
    return _subject_report(scope, measures_by_district)


def district_report(scope: Scope) -> Summary:
    return _subject_report(scope, measures_by_sector)


def _subject_report(scope: Scope, measures_by_the_other) -> Summary:
    """A field of action's or a district's report: the same figures, the measures broken
    down by the other of the two (a sector's by district, a district's by sector)."""
    summary = Summary(
        figures=[
            measures_by_status(scope),
            measures_by_goal(scope),
            measures_by_the_other(scope),
            budget_by_funding_source(scope),
            spending_by_year(scope),
            measures_by_start_year(scope),
            findings_by_sector(scope),
        ]
    )
    _with_measures(summary, scope)
    _with_rounds(summary, scope)
    summary.key_figures = key_figures(summary, scope)
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
    _with_measures(summary, scope)
    summary.released = consultations.released_round(scope.round)
    summary.key_figures = key_figures(summary, scope)
    return summary


def today() -> date:
    return timezone.localdate()
