"""The measures themselves: list, detail, the proposal and edit forms, the status changes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from consultations.models import ActionOption
from measures import selectors, services
from measures.filters import MeasureFilter
from measures.forms import BudgetLineFormSet, MeasureForm, TransitionForm
from measures.models import Indicator, Measure
from measures.views.common import PROGRESS_STATUSES
from peine.lib.charts import bar_chart
from peine.lib.concurrency import ConflictError
from peine.lib.history import page_of_changes
from peine.lib.pagination import section_page
from peine.lib.picker import search_view
from peine.lib.views import FilteredListView
from peine.roles import Capability, guard, has_capability

# Detail tables grow over the years: a page at a time (the totals come from all rows).
EXPENDITURES_PER_PAGE = 25
VALUES_PER_PAGE = 20


def _join(items) -> str:
    return ", ".join(str(item) for item in items)


class MeasureListView(FilteredListView):
    model = Measure
    filterset_class = MeasureFilter
    capabilities = (Capability.VIEW_MEASURES,)
    template_name = "measures/measure_list.html"
    sort_fields = {
        "title": ["title", "pk"],
        "-title": ["-title", "-pk"],
        "status": ["status", "title", "pk"],
        "-status": ["-status", "title", "pk"],
        "starts_on": ["starts_on", "pk"],
        "-starts_on": ["-starts_on", "-pk"],
        "ends_on": ["ends_on", "pk"],
        "-ends_on": ["-ends_on", "-pk"],
        "planned": ["planned_total", "pk"],
        "-planned": ["-planned_total", "-pk"],
        "updated": ["updated_at", "pk"],
        "-updated": ["-updated_at", "-pk"],
    }
    default_sort = "title"
    export_filename = "massnahmen"
    keyset = True  # each sort above has its index (measures.models.Measure.Meta.indexes)
    # A search reads its matches from the GIN index and sorts them: walking the title
    # index instead tests the text of every row before the 25th match (seconds for a rare
    # word late in the alphabet at 100,000 measures).
    search_match_first = True

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not selectors.is_staff_reader(request.user):
            # The council sorts by the public status: the review stages sort as one.
            order = Measure.public_status_order()
            self.sort_fields = {
                **self.sort_fields,
                "status": [order, "title", "pk"],
                "-status": [order.desc(), "title", "pk"],
            }

    def get_queryset(self):
        self.queryset = selectors.measure_list(self.request.user)
        return super().get_queryset()  # applies the whitelisted sort

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["user"] = self.request.user
        return kwargs

    def get_export_columns(self):
        staff = selectors.is_staff_reader(self.request.user)
        status = (lambda m: m.get_status_display()) if staff else (lambda m: m.public_status)
        return [
            (_("title"), lambda m: m.title),
            (_("status"), status),
            (_("sectors"), lambda m: _join(m.sectors.all())),
            (_("districts"), lambda m: _join(m.districts.all())),
            (_("lead stakeholder"), lambda m: m.lead.name if m.lead else ""),
            (_("starts on"), lambda m: m.starts_on),
            (_("ends on"), lambda m: m.ends_on),
            (_("planned (EUR)"), lambda m: m.planned_total),
            (_("spent (EUR)"), lambda m: m.spent_total),
            (_("overdue"), lambda m: m.is_overdue),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The sums over all filtered rows read at most as many rows as the list counts
        # (COUNT_CAP, SEARCH_COUNT_CAP for a search): beyond, the page asks to narrow the
        # list instead of summing 100,000 rows on every view.
        capped = context["paginator"].capped
        context["totals"] = None if capped else selectors.money_totals(self.object_list)
        context["staff_reader"] = selectors.is_staff_reader(self.request.user)
        context["page_planned"] = sum(m.planned_total for m in context["object_list"])
        return context


@guard(Capability.VIEW_MEASURES)
@require_http_methods(["GET"])
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    try:
        measure = selectors.measure_for_detail(user, pk)
    except Measure.DoesNotExist:
        raise Http404 from None
    staff = selectors.is_staff_reader(user)
    indicators = selectors.indicators_with_counts(measure)
    spending = section_page(
        request,
        selectors.expenditures(measure),
        EXPENDITURES_PER_PAGE,
        "spending",
        "spending-heading",
    )
    context = {
        "measure": measure,
        "staff_reader": staff,
        "budget": selectors.budget_by_source(measure),
        "expenditures": spending,
        "indicators": _indicator_charts(request, indicators),
        "can_edit": services.can_edit(user, measure),
        "can_record_progress": has_capability(user, Capability.RECORD_PROGRESS)
        and measure.status in PROGRESS_STATUSES,
        "can_add_indicator": has_capability(user, Capability.RECORD_PROGRESS)
        and measure.status not in services.NOT_EDITABLE,
    }
    if staff:
        # Internal: the council never gets these queries, not only not the markup.
        actions = services.allowed_actions(user, measure)
        context["reviews"] = list(measure.reviews.select_related("reviewer").order_by("created_at"))
        # Merged from several kinds of records, so built whole and paged here (?history=).
        context["history"] = page_of_changes(
            request, selectors.measure_history(measure, indicators)
        )
        context["effects"] = selectors.measure_effects(measure)
        context["can_record_effects"] = has_capability(user, Capability.PROPOSE_MEASURES)
        context["actions"] = [(a, services.ACTION_LABELS[a]) for a in actions]
        context["transition_form"] = TransitionForm(
            actions=actions, initial={"expected_status": measure.status}
        )
    return render(request, "measures/measure_detail.html", context)


def _values_page(request, indicator: Indicator):
    """The page of an indicator's values asked for by ``?values_<id>=``: counted with the
    indicators (no query of its own) and filled by one query for all indicators."""
    return section_page(
        request,
        [],
        VALUES_PER_PAGE,
        f"values_{indicator.pk}",
        f"indicator-{indicator.pk}",
        count=indicator.entry_count,
    )


def _indicator_charts(request, indicators: list[Indicator]) -> list[dict]:
    """Each indicator with a page of its values, the newest first (two queries in all)."""
    pages = {indicator.pk: _values_page(request, indicator) for indicator in indicators}
    values = selectors.indicator_values(
        {pk: (page.number - 1) * VALUES_PER_PAGE for pk, page in pages.items()},
        VALUES_PER_PAGE,
    )
    return [
        _indicator_chart(indicator, pages[indicator.pk], values[indicator.pk])
        for indicator in indicators
    ]


def _indicator_chart(indicator: Indicator, page, entries: list) -> dict:
    page.object_list = entries
    chronological = list(reversed(entries))
    items = [(f"{entry.recorded_on:%d.%m.%Y}", entry.value, None) for entry in chronological]
    chart = bar_chart(
        title=str(indicator.name),
        description=_(
            "Recorded values of %(name)s; baseline %(baseline)s, target %(target)s %(unit)s."
        )
        % {
            "name": indicator.name,
            "baseline": indicator.baseline,
            "target": indicator.target,
            "unit": indicator.unit,
        },
        items=items,
        unit=indicator.unit,
    )
    return {
        "indicator": indicator,
        "chart": chart,
        "entries": entries,
        "page": page,
        "items": items,
    }


def _measure_form(request, measure: Measure, *, title, saved, initial=None, refused=""):
    """The measure form with its budget lines: GET shows it; POST saves it through the
    service and says ``saved``. A colleague's newer save (409), invalid input or a
    ``refused`` edit (409) show the form again with what the person typed."""
    form = MeasureForm(request.POST or None, instance=measure, initial=initial)
    formset = BudgetLineFormSet(request.POST or None, instance=measure, prefix="budget")
    status = 200
    if refused:
        form.is_valid()
        form.add_error(None, refused)
        status = 409
    elif request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            measure = services.measure_save(
                form=form,
                budget_formset=formset,
                user=request.user,
                expected_version=form.expected_version,
            )
        except ConflictError:
            form.add_conflict_error()
            status = 409
        else:
            messages.success(request, saved)
            return redirect("measures:detail", pk=measure.pk)
    context = {"form": form, "formset": formset, "measure": measure if measure.pk else None}
    return render(request, "measures/measure_form.html", {**context, "title": title}, status=status)


# The JSON of the form's origin picker: at most 20 open options whose title matches ?q=.
option_picker = search_view(selectors.OPTION_PICKER)


@guard(Capability.PROPOSE_MEASURES)
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest) -> HttpResponse:
    saved = _("The measure has been saved as a draft.")
    return _measure_form(request, Measure(), title=_("Propose a measure"), saved=saved)


@guard(Capability.PROPOSE_MEASURES, Capability.RUN_CONSULTATIONS)
@require_http_methods(["GET", "POST"])
def measure_create_from_option(request: HttpRequest, option_pk: int) -> HttpResponse:
    """Turn an open option for action into a measure proposal, prefilled from the option."""
    option = get_object_or_404(
        ActionOption.objects.prefetch_related("sectors"),
        pk=option_pk,
        status=ActionOption.Status.OPEN,
    )
    measure = Measure(origin_option=option)
    initial = {
        "title": option.title,
        "description": option.description,
        "sectors": list(option.sectors.all()),
        "origin_option": option,
    }
    return _measure_form(
        request,
        measure,
        title=_("Propose a measure from an option for action"),
        saved=_("The measure has been saved as a draft; the option is adopted."),
        initial=initial,
    )


@guard(Capability.PROPOSE_MEASURES)
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(Measure.objects.visible_to(request.user), pk=pk)
    refused = ""
    if not services.can_edit(request.user, measure):
        if request.method == "GET":
            raise PermissionDenied(_("This measure cannot be edited in its current status."))
        # The status moved on while the person was typing: refuse, but keep their text.
        refused = _(
            "In the meantime this measure has moved to status “%(status)s”, in which "
            "you can no longer edit it. Your entries have not been saved; they are below."
        ) % {"status": measure.get_status_display()}
    saved = _("The changes have been saved.")
    return _measure_form(request, measure, title=_("Edit measure"), saved=saved, refused=refused)


@guard(Capability.PROPOSE_MEASURES)
@require_http_methods(["GET", "POST"])
def measure_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the decision form on its own page. POST: the status change through the service."""
    measure = get_object_or_404(
        Measure.objects.visible_to(request.user).select_related("proposed_by"), pk=pk
    )
    actions = services.allowed_actions(request.user, measure)
    all_actions = list(services.ACTION_CAPABILITIES)
    form = TransitionForm(
        request.POST or None,
        actions=all_actions,
        initial={"expected_status": measure.status},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = services.measure_transition(
                    measure_id=measure.pk,
                    action=form.cleaned_data["action"],
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    expected_status=form.cleaned_data["expected_status"],
                )
            except services.TransitionError as error:
                form.add_error(None, error.message)
                status = 409
                measure.refresh_from_db()
                actions = services.allowed_actions(request.user, measure)
            else:
                messages.success(
                    request,
                    _("Status changed to “%(status)s”.")
                    % {"status": result.measure.get_status_display()},
                )
                if not result.notified:
                    messages.warning(request, services.MAIL_FAILED_NOTICE)
                return redirect("measures:detail", pk=measure.pk)
        else:
            status = 400
    return render(
        request,
        "measures/transition.html",
        {
            "measure": measure,
            "form": form,
            "actions": [(a, services.ACTION_LABELS[a]) for a in actions],
        },
        status=status,
    )
