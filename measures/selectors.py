"""Reads of the measures app: lists, the queue, a measure's page. Sums are done in SQL."""

from datetime import datetime
from decimal import Decimal

from django.apps import apps
from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    Prefetch,
    Q,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import ExtractYear, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from analysis.models import Dynamic
from consultations.models import ActionOption
from measures.filters import UNDER_REVIEW, MeasureFilter
from measures.models import (
    BudgetLine,
    Expenditure,
    Indicator,
    Measure,
    MeasureEffect,
    ProgressEntry,
)
from peine.lib.history import Change, history_for
from peine.lib.models import linked
from peine.lib.picker import PickerSource
from peine.models import District, FundingSource, Goal, Sector
from peine.roles import Capability, has_capability
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


# The measure form's origin: an open option for action, chosen by typing part of its title
# (peine.lib.picker), never a <select> of every open option of every round.
# Options of different rounds may share a title: each is shown with its round's.
OPTION_PICKER = PickerSource(
    queryset=lambda: ActionOption.objects.filter(status=ActionOption.Status.OPEN),
    url_name="measures:option_picker",
    capability=Capability.PROPOSE_MEASURES,
    label="title",
    detail="round__title",
)


def is_staff_reader(user) -> bool:
    """Officer and reviewer read the internal side (reviews, history, proposer)."""
    return has_capability(user, Capability.READ_INTERNAL)


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


def indicators_with_counts(measure: Measure) -> list[Indicator]:
    """The measure's indicators, each with ``entry_count``: the number of all its values
    (one query; the values themselves come a page at a time, see ``indicator_values``)."""
    return list(
        Indicator.objects.filter(measure=measure)
        .annotate(entry_count=Count("entries"))
        .order_by("pk")
    )


def indicator_values(starts: dict[int, int], per_page: int) -> dict[int, list[ProgressEntry]]:
    """One page of values per indicator, newest first, in one query whatever the number of
    indicators: ``starts`` maps an indicator's id to the number of its newest values
    before its page (0 for the first page)."""
    if not starts:
        return {}
    start = Case(
        *[When(indicator_id=pk, then=Value(first)) for pk, first in starts.items()],
        default=Value(0),
        output_field=IntegerField(),
    )
    rows = (
        ProgressEntry.objects.filter(indicator_id__in=list(starts))
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("indicator_id")],
                order_by=[F("recorded_on").desc(), F("pk").desc()],
            ),
            first=start,
        )
        .filter(position__gt=F("first"), position__lte=F("first") + per_page)
        .order_by("indicator_id", "-recorded_on", "-pk")
    )
    values: dict[int, list[ProgressEntry]] = {pk: [] for pk in starts}
    for row in rows:
        values[row.indicator_id].append(row)
    return values


def expenditures(measure: Measure):
    """The measure's spending, newest first (paged on the measure's page; the totals come
    from the maintained columns and ``budget_by_source``, never from one page)."""
    return (
        Expenditure.objects.filter(measure=measure)
        .select_related("funding_source")
        .order_by("-spent_on", "-pk")
    )


def measure_effects(measure: Measure) -> list[MeasureEffect]:
    """The dynamics of the analysis the measure acts on, by title (one query)."""
    return list(
        MeasureEffect.objects.filter(measure=measure)
        .select_related("dynamic")
        .only("id", "effect", "note", "measure_id", "dynamic__id", "dynamic__title")
        .order_by("dynamic__title", "pk")
    )


# Foreign keys in the history hold ids; these show the names people know.
_HISTORY_REFERENCES = {
    "lead": Stakeholder,
    "goal": Goal,
    "origin_option": ActionOption,
    "funding_source": FundingSource,
    "dynamic": Dynamic,
}


def _fields_by_label(model_label: str) -> dict:
    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        model = Measure
    return {str(field.verbose_name): field for field in model._meta.concrete_fields}


def measure_history(measure: Measure, indicators: list[Indicator] | None = None) -> list[Change]:
    """The change history with status labels, dates and names instead of codes and ids.

    With ``indicators`` (already loaded), the progress values recorded, corrected and
    removed on them are part of it, each with the reason the reviewer gave. Runs the
    history's two queries, one more for the progress values, and at most one per
    referenced model.
    """
    history = history_for(
        measure,
        hidden_fields={"status_changed_at"},
        include_related=True,
        also_referencing=indicators or (),
    )
    fields = {}
    wanted: dict[str, set] = {}
    for change in history:
        model_fields = fields.setdefault(change.model, _fields_by_label(change.model))
        for label, values in change.changes.items():
            field = model_fields.get(label)
            if field is not None and field.name in _HISTORY_REFERENCES:
                wanted.setdefault(field.name, set()).update(v for v in values if v)
        if change.model == "measures.MeasureEffect" and change.data.get("dynamic_id"):
            wanted.setdefault("dynamic", set()).add(change.data["dynamic_id"])
    names = {
        name: {obj.pk: str(obj) for obj in _HISTORY_REFERENCES[name].objects.filter(pk__in=ids)}
        for name, ids in wanted.items()
    }
    statuses = dict(Measure.Status.choices)
    indicator_names = {indicator.pk: indicator.name for indicator in indicators or ()}
    for change in history:
        model_fields = fields[change.model]
        for label, values in list(change.changes.items()):
            field = model_fields.get(label)
            name = field.name if field is not None else ""
            change.changes[label] = tuple(
                _readable(value, name=name, names=names, statuses=statuses) for value in values
            )
        change.subject = _entry_subject(change, indicator_names, names) or change.subject
    return history


def _entry_subject(change: Change, indicator_names: dict, names: dict) -> str:
    """A progress value, an expenditure or an effect as a reader finds it on the page."""
    data = change.data
    if change.model == "measures.MeasureEffect":
        dynamic = names.get("dynamic", {}).get(data.get("dynamic_id"), "–")
        return _("Effect on the dynamic “%(dynamic)s”") % {"dynamic": dynamic}
    if change.model == "measures.ProgressEntry":
        return _("Value of “%(indicator)s” of %(date)s: %(value)s") % {
            "indicator": indicator_names.get(data.get("indicator_id"), "–"),
            "date": _readable(data.get("recorded_on"), name="", names={}, statuses={}),
            "value": number_format(data.get("value") or 0, decimal_pos=2),
        }
    if change.model == "measures.Expenditure":
        return _("Expenditure of %(date)s: %(amount)s € (%(description)s)") % {
            "date": _readable(data.get("spent_on"), name="", names={}, statuses={}),
            "amount": number_format(data.get("amount") or 0, decimal_pos=2, force_grouping=True),
            "description": data.get("description") or "–",
        }
    return ""


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


# --- what the council summaries read (council/ uses only these) -----------------


def visible_measures(user=None, *, sector=None, district=None, origin_round=None):
    """The measures a reader may see, narrowed to a sector, a district or a round's options.

    ``user=None`` is the council's view (PDFs, CSV files, frozen editions); otherwise the
    one rule of ``Measure.objects.visible_to``, the same the measures list applies.
    """
    queryset = Measure.objects.for_council() if user is None else Measure.objects.visible_to(user)
    if sector is not None:
        queryset = queryset.filter(linked(Measure, "sectors", pk=sector.pk))
    if district is not None:
        queryset = queryset.filter(linked(Measure, "districts", pk=district.pk))
    if origin_round is not None:
        queryset = queryset.filter(origin_option__round_id=origin_round.pk)
    return queryset


def audience(user=None) -> str:
    """Which of ``visible_measures``' views a reader gets: readers of the same audience see
    the same measures and the same status groups (cached figures are shared by audience)."""
    if user is None:
        return "council"
    if has_capability(user, Capability.READ_INTERNAL):
        return "all"
    if has_capability(user, Capability.VIEW_MEASURES):
        return "council"
    return "none"


def overdue_measures(queryset=None, today=None):
    """Open measures past their planned end: the rule the list's "overdue" filter applies."""
    queryset = Measure.objects.all() if queryset is None else queryset
    return queryset.overdue(today)


def status_groups(user=None) -> list[tuple[str, str, tuple[str, ...]]]:
    """The statuses the measures list offers a reader, as (filter value, label, statuses).

    The council reads the review stages as one public status ("under review"), the
    administration every status on its own: a count per group matches the list filtered
    by its value.
    """
    if user is not None and has_capability(user, Capability.READ_INTERNAL):
        return [(status.value, str(status.label), (status.value,)) for status in Measure.Status]
    review = tuple(
        status.value for status in Measure.PUBLIC_STATUS if status in Measure.COUNCIL_STATUSES
    )
    groups = []
    if review:
        groups = [(UNDER_REVIEW, str(Measure.PUBLIC_STATUS[Measure.Status.SUBMITTED]), review)]
    groups += [
        (status.value, str(status.label), (status.value,))
        for status in Measure.COUNCIL_STATUSES
        if status.value not in review
    ]
    order = [status.value for status in Measure.Status]
    return sorted(groups, key=lambda group: order.index(group[2][0]))


# Query parameters of the list besides its filters.
_LIST_EXTRAS = {"format", "sort", "page"}


def measure_list_url(**filters) -> str:
    """The URL of the measures list for ``filters``, with the names its FilterSet reads.

    An unknown name raises ValueError, so a figure can never link to an unfiltered list.
    Model instances stand for their primary key; ``True`` for a ticked checkbox.
    """
    unknown = set(filters) - set(MeasureFilter.base_filters) - _LIST_EXTRAS
    if unknown:
        raise ValueError(f"The measures list has no filter {sorted(unknown)}")
    params = {}
    for name, value in filters.items():
        if value is None:
            continue
        if value is True:
            value = "1"
        params[name] = getattr(value, "pk", value)
    query = urlencode(params)
    return reverse("measures:list") + (f"?{query}" if query else "")


def most_pressing(queryset, *, limit: int, today=None) -> list[dict]:
    """The first ``limit`` measures a council member asks about: overdue ones first, then
    the largest planned budget. Council-safe columns only; one query (planned and spent
    are the measure's maintained totals, see measures/migrations)."""
    today = today or timezone.localdate()
    overdue = Q(ends_on__lt=today, status__in=Measure.OPEN_STATUSES)
    rows = list(
        queryset.annotate(
            planned=F("planned_total"),
            spent=F("spent_total"),
            overdue=Case(When(overdue, then=Value(True)), default=Value(False)),
        )
        .order_by("-overdue", "-planned", "title", "pk")
        .values(
            "pk",
            "title",
            "status",
            "starts_on",
            "ends_on",
            "planned",
            "spent",
            "overdue",
            "goal__code",
        )[:limit]
    )
    return rows


# The name of the council's one rule (Measure.COUNCIL_STATUSES): the figures cache keys its
# entries by it (council.figure_cache), so figures counted under an earlier rule are never
# served after the rule changed. Rename it whenever the rule changes.
COUNCIL_RULE = "approved-on"
COUNCIL_STATUSES = tuple(status.value for status in Measure.COUNCIL_STATUSES)

# The statuses a council member asks about first (the key figures), in this order.
KEY_STATUSES = (Measure.Status.APPROVED, Measure.Status.IN_PROGRESS, Measure.Status.COMPLETED)
# The models the functions of this section read besides the measure: the figures cache
# (council.figure_cache) counts every change to their tables.
COUNCIL_READS = (
    Measure,
    Measure.sectors.through,
    Measure.districts.through,
    ActionOption,  # visible_measures(origin_round=...) joins the round's options
    BudgetLine,
    Expenditure,
    FundingSource,
)
_MONEY = DecimalField(max_digits=14, decimal_places=2)
_ZERO = Value(Decimal("0.00"), output_field=_MONEY)


def status_label(status: str, *, internal: bool) -> str:
    """A status as the reader sees it: the administration (``internal``) every status on
    its own, the council the review stages as one public status ("under review")."""
    if internal:
        return str(Measure.Status(status).label)
    return str(Measure.PUBLIC_STATUS.get(status, Measure.Status(status).label))


def status_code(status: str, *, internal: bool) -> str:
    """The status code of the palette (static/css/measures.css) as the reader sees it."""
    if internal or status not in Measure.PUBLIC_STATUS:
        return status
    return Measure.PUBLIC_REVIEW_CODE


def funding_source_totals(queryset) -> list[tuple[int, str, int, Decimal, Decimal]]:
    """Per funding source, every source by position and name: how many of the measures of
    ``queryset`` it plans money for, and the money planned and spent on them,
    ``(pk, name, measures, planned, spent)``.

    One statement: the budget lines and the expenditures grouped by source, plus every
    source with zeros, as a UNION ALL (joining both tables to the sources would multiply
    the sums).
    """
    ids = queryset.order_by().values("pk")
    columns = ("funding_source_id", "funding_source__name", "funding_source__position")
    planned = (
        BudgetLine.objects.filter(measure_id__in=ids)
        .order_by()
        .values_list(*columns)
        .annotate(planned=Sum("amount"), spent=_ZERO, n=Count("measure_id", distinct=True))
    )
    spent = (
        Expenditure.objects.filter(measure_id__in=ids)
        .order_by()
        .values_list(*columns)
        .annotate(planned=_ZERO, spent=Sum("amount"), n=Value(0))
    )
    every = (
        FundingSource.objects.order_by()
        .annotate(planned=_ZERO, spent=_ZERO, n=Value(0))
        .values_list("pk", "name", "position", "planned", "spent", "n")
    )
    totals: dict[int, list] = {}
    for pk, name, position, planned_sum, spent_sum, n in planned.union(spent, every, all=True):
        entry = totals.setdefault(pk, [position, name, 0, Decimal("0.00"), Decimal("0.00")])
        entry[2] += n
        entry[3] += planned_sum
        entry[4] += spent_sum
    return [
        (pk, name, n, planned_sum, spent_sum)
        for pk, (_position, name, n, planned_sum, spent_sum) in sorted(
            totals.items(), key=lambda item: (item[1][0], item[1][1])
        )
    ]


def spending_per_year(queryset):
    """The money spent on the measures of ``queryset`` per year, and on how many of them:
    ``(year, total, measures)`` rows, oldest first (one grouped query)."""
    ids = queryset.order_by().values("pk")
    return (
        Expenditure.objects.filter(measure_id__in=ids)
        .annotate(year=ExtractYear("spent_on"))
        .order_by("year")
        .values_list("year")
        .annotate(total=Sum("amount"), n=Count("measure_id", distinct=True))
    )


def start_years(queryset):
    """The measures of ``queryset`` by the year they start, and how many of them are
    completed: ``(year, measures, completed)`` rows, oldest first (one grouped query)."""
    return (
        queryset.filter(starts_on__isnull=False)
        .annotate(year=ExtractYear("starts_on"))
        .order_by("year")
        .values_list("year")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status=Measure.Status.COMPLETED)))
    )
