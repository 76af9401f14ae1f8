"""Reads of the measures app: lists, the queue, a measure's page. Sums are done in SQL."""

from datetime import datetime
from decimal import Decimal

from django.db.models import Prefetch, Sum

from consultations.models import ActionOption
from measures.models import BudgetLine, Expenditure, Indicator, Measure, ProgressEntry
from peine.lib.history import Change, history_for
from peine.models import District, FundingSource, Goal, Sector
from stakeholders.models import Stakeholder

# What the council may read of a measure: no proposer, nothing of the internal review.
COUNCIL_FIELDS = [
    "id",
    "title",
    "description",
    "status",
    "starts_on",
    "ends_on",
    "updated_at",
    "lead__id",
    "lead__name",
    "goal__id",
    "goal__code",
    "goal__title",
]


def is_staff_reader(user) -> bool:
    """Officer and reviewer read the internal side (reviews, history, proposer)."""
    return user.has_perm("measures.view_review")


def with_money(queryset):
    """Planned and spent per measure, in euros.

    Kept for callers of the former annotation: ``planned_total`` and ``spent_total`` are
    columns now, maintained by database triggers (see ``Measure.planned_total``), so a
    list reads and sorts them without summing per row.
    """
    return queryset


def measure_list(user):
    """The measures a person may see, with what a list row shows (fixed number of queries)."""
    queryset = Measure.objects.visible_to(user).select_related("lead")
    queryset = queryset.prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.only("id", "name", "position")),
        Prefetch("districts", queryset=District.objects.only("id", "name", "position")),
    )
    if not is_staff_reader(user):
        skip = ("goal", "description")  # not shown in a list row
        fields = [f for f in COUNCIL_FIELDS if not f.startswith(skip)]
        queryset = queryset.only(*fields, "planned_total", "spent_total")
    return queryset


def money_totals(queryset) -> dict[str, Decimal]:
    """Planned and spent over all rows of a (filtered) list: exact to the cent.

    One aggregate over the maintained columns; the list asks for it only when its capped
    count says the rows are few enough (bounded work).
    """
    if queryset.query.is_empty():
        return {"planned": Decimal("0.00"), "spent": Decimal("0.00")}
    sums = queryset.order_by().aggregate(planned=Sum("planned_total"), spent=Sum("spent_total"))
    return {
        "planned": sums["planned"] or Decimal("0.00"),
        "spent": sums["spent"] or Decimal("0.00"),
    }


def review_queue():
    """Submitted and in-review measures, the longest waiting first (partial index)."""
    return (
        Measure.objects.in_queue()
        .select_related("proposed_by", "lead")
        .prefetch_related(Prefetch("sectors", queryset=Sector.objects.only("id", "name")))
        .order_by("status_changed_at", "pk")
    )


def measure_for_detail(user, pk: int) -> Measure:
    """One measure as the person may see it; raises Measure.DoesNotExist outside their scope."""
    queryset = Measure.objects.visible_to(user).select_related("lead", "goal")
    if is_staff_reader(user):
        queryset = queryset.select_related("proposed_by", "origin_option")
    else:
        queryset = queryset.only(*COUNCIL_FIELDS)
    queryset = queryset.prefetch_related(
        "sectors",
        "target_groups",
        "districts",
        Prefetch("partners", queryset=Stakeholder.objects.only("id", "name")),
    )
    return queryset.get(pk=pk)


def budget_by_source(measure: Measure) -> dict:
    """Planned and spent per funding source, and the totals (to the cent)."""
    rows: dict[int, dict] = {}
    for line in BudgetLine.objects.filter(measure=measure).select_related("funding_source"):
        rows[line.funding_source_id] = {
            "source": line.funding_source,
            "planned": line.amount,
            "spent": Decimal("0.00"),
        }
    spent = (
        Expenditure.objects.filter(measure=measure)
        .values("funding_source")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    sources = {}
    missing = [row["funding_source"] for row in spent if row["funding_source"] not in rows]
    if missing:
        sources = FundingSource.objects.in_bulk(missing)
    for row in spent:
        entry = rows.setdefault(
            row["funding_source"],
            {"source": sources.get(row["funding_source"]), "planned": Decimal("0.00")},
        )
        entry["spent"] = row["total"]
    lines = sorted(rows.values(), key=lambda row: (row["source"].position, row["source"].name))
    for line in lines:
        line["remaining"] = line["planned"] - line["spent"]
    planned = sum((line["planned"] for line in lines), Decimal("0.00"))
    spent_total = sum((line["spent"] for line in lines), Decimal("0.00"))
    return {
        "lines": lines,
        "planned": planned,
        "spent": spent_total,
        "remaining": planned - spent_total,
    }


def indicators_with_entries(measure: Measure) -> list[Indicator]:
    entries = ProgressEntry.objects.order_by("recorded_on", "pk")
    return list(
        Indicator.objects.filter(measure=measure).prefetch_related(
            Prefetch("entries", queryset=entries)
        )
    )


def expenditures(measure: Measure) -> list[Expenditure]:
    return list(
        Expenditure.objects.filter(measure=measure)
        .select_related("funding_source")
        .order_by("spent_on", "pk")
    )


# Foreign keys in the history hold ids; these show the names people know.
_HISTORY_REFERENCES = {"lead": Stakeholder, "goal": Goal, "origin_option": ActionOption}


def measure_history(measure: Measure) -> list[Change]:
    """The change history with status labels, dates and names instead of codes and ids.

    Runs the history's two queries and at most one per referenced model.
    """
    history = history_for(measure, hidden_fields={"status_changed_at"}, include_related=True)
    fields = {str(field.verbose_name): field for field in Measure._meta.concrete_fields}
    wanted: dict[str, set] = {}
    for change in history:
        for label, values in change.changes.items():
            field = fields.get(label)
            if field is not None and field.name in _HISTORY_REFERENCES:
                wanted.setdefault(field.name, set()).update(v for v in values if v)
    names = {
        name: {obj.pk: str(obj) for obj in _HISTORY_REFERENCES[name].objects.filter(pk__in=ids)}
        for name, ids in wanted.items()
    }
    statuses = dict(Measure.Status.choices)
    for change in history:
        for label, values in list(change.changes.items()):
            field = fields.get(label)
            name = field.name if field is not None else ""
            change.changes[label] = tuple(
                _readable(value, name=name, names=names, statuses=statuses) for value in values
            )
    return history


def _readable(value, *, name, names, statuses):
    if value in (None, ""):
        return "–"
    if name == "status":
        return statuses.get(value, value)
    if name in names:
        return names[name].get(value, f"#{value}")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return datetime.strptime(value, "%Y-%m-%d").strftime("%d.%m.%Y")
        except ValueError:
            return value
    return value
