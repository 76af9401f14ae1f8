"""Pages of accompanied implementation: the reviewer corrects or removes a progress value
or an expenditure (with a reason the history shows), and the administration records which
dynamics of the analysis a measure acts on.

Each change has a small page of its own: GET shows the form or the confirmation, POST
changes the record through ``measures.services``. Nothing changes on a GET.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from analysis.models import Dynamic
from measures import services
from measures.forms import (
    DYNAMICS_FOUND,
    DYNAMICS_IN_SELECT,
    DynamicSearchForm,
    ExpenditureCorrectionForm,
    MeasureEffectForm,
    ProgressEntryCorrectionForm,
    RemovalForm,
)
from measures.models import Expenditure, Measure, MeasureEffect, ProgressEntry
from measures.views import PROGRESS_STATUSES
from peine.lib.concurrency import ConflictError
from peine.roles import Capability, guard


def _measure(request, pk: int, *, statuses=None) -> Measure:
    measure = get_object_or_404(Measure.objects.visible_to(request.user), pk=pk)
    if statuses is not None and measure.status not in statuses:
        raise PermissionDenied(_("Progress is recorded once a measure is approved."))
    return measure


def _page(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, template, context, status=status)
    patch_cache_control(response, no_store=True)
    return response


def _save(request, form, save, *, success: str, measure: Measure):
    """Run ``save`` (a service call); map its refusals to messages next to the fields.

    Returns a redirect on success or when the entry is gone, else the HTTP status for
    showing the form again with what was typed.
    """
    try:
        save()
    except ValidationError as error:
        form.add_error(None, error)
        return 400
    except ConflictError as error:
        form.add_error(None, str(error.message))
        return 409
    except services.EntryGoneError as error:
        messages.error(request, str(error.message))
        return redirect("measures:detail", pk=measure.pk)
    messages.success(request, success)
    return redirect("measures:detail", pk=measure.pk)


def _change_page(
    request, form, save, *, success: str, measure: Measure, entry, template: str, kind: str, title
) -> HttpResponse:
    """The page of one correction or removal of ``entry``.

    GET shows ``form``. POST validates it and runs ``save(cleaned_data)`` through ``_save``:
    a redirect on success; else the form again, with what was typed and the status (400
    invalid, 409 changed meanwhile), next to ``entry`` as it is stored now.
    """
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            result = _save(
                request, form, lambda: save(form.cleaned_data), success=success, measure=measure
            )
            if not isinstance(result, int):
                return result
            status = result
            entry.refresh_from_db()
    return _page(
        request,
        template,
        {"measure": measure, "form": form, "entry": entry, "kind": kind, "title": title},
        status,
    )


# --- progress values ------------------------------------------------------------------


def _entry(request, pk: int, entry_pk: int) -> tuple[Measure, ProgressEntry]:
    measure = _measure(request, pk, statuses=PROGRESS_STATUSES)
    entry = get_object_or_404(
        ProgressEntry.objects.select_related("indicator", "recorded_by"),
        pk=entry_pk,
        indicator__measure=measure,
    )
    return measure, entry


@guard(Capability.RECORD_PROGRESS)
@require_http_methods(["GET", "POST"])
def progress_correct(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    measure, entry = _entry(request, pk, entry_pk)
    form = ProgressEntryCorrectionForm(request.POST or None, instance=entry)
    if request.method == "POST":
        # The form works on a copy: the page keeps showing the stored value.
        current = ProgressEntry.objects.select_related("indicator", "recorded_by").get(pk=entry.pk)
        form.instance = current
    return _change_page(
        request,
        form,
        lambda data: services.progress_entry_correct(
            entry_id=entry.pk,
            user=request.user,
            recorded_on=data["recorded_on"],
            value=data["value"],
            note=data["note"],
            reason=data["reason"],
            expected_version=form.expected_version,
        ),
        success=_("The value has been corrected."),
        measure=measure,
        entry=entry,
        template="measures/correction_form.html",
        kind="progress",
        title=_("Correct a value: %(name)s") % {"name": entry.indicator.name},
    )


@guard(Capability.RECORD_PROGRESS)
@require_http_methods(["GET", "POST"])
def progress_remove(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    measure, entry = _entry(request, pk, entry_pk)
    form = RemovalForm(request.POST or None, initial={"version": entry.version})
    return _change_page(
        request,
        form,
        lambda data: services.progress_entry_remove(
            entry_id=entry.pk,
            user=request.user,
            reason=data["reason"],
            expected_version=data["version"],
        ),
        success=_("The value has been removed; the history keeps it."),
        measure=measure,
        entry=entry,
        template="measures/removal_confirm.html",
        kind="progress",
        title=_("Remove a value: %(name)s") % {"name": entry.indicator.name},
    )


# --- expenditures ---------------------------------------------------------------------


def _expenditure(request, pk: int, expenditure_pk: int) -> tuple[Measure, Expenditure]:
    measure = _measure(request, pk, statuses=PROGRESS_STATUSES)
    expenditure = get_object_or_404(
        Expenditure.objects.select_related("funding_source", "recorded_by"),
        pk=expenditure_pk,
        measure=measure,
    )
    return measure, expenditure


@guard(Capability.RECORD_PROGRESS)
@require_http_methods(["GET", "POST"])
def expenditure_correct(request: HttpRequest, pk: int, expenditure_pk: int) -> HttpResponse:
    measure, expenditure = _expenditure(request, pk, expenditure_pk)
    form = ExpenditureCorrectionForm(request.POST or None, instance=expenditure)
    if request.method == "POST":
        form.instance = Expenditure.objects.get(pk=expenditure.pk)
    return _change_page(
        request,
        form,
        lambda data: services.expenditure_correct(
            expenditure_id=expenditure.pk,
            user=request.user,
            funding_source=data["funding_source"],
            spent_on=data["spent_on"],
            amount=data["amount"],
            description=data["description"],
            reason=data["reason"],
            expected_version=form.expected_version,
        ),
        success=_("The expenditure has been corrected."),
        measure=measure,
        entry=expenditure,
        template="measures/correction_form.html",
        kind="expenditure",
        title=_("Correct an expenditure"),
    )


@guard(Capability.RECORD_PROGRESS)
@require_http_methods(["GET", "POST"])
def expenditure_remove(request: HttpRequest, pk: int, expenditure_pk: int) -> HttpResponse:
    measure, expenditure = _expenditure(request, pk, expenditure_pk)
    form = RemovalForm(request.POST or None, initial={"version": expenditure.version})
    return _change_page(
        request,
        form,
        lambda data: services.expenditure_remove(
            expenditure_id=expenditure.pk,
            user=request.user,
            reason=data["reason"],
            expected_version=data["version"],
        ),
        success=_("The expenditure has been removed; the history keeps it."),
        measure=measure,
        entry=expenditure,
        template="measures/removal_confirm.html",
        kind="expenditure",
        title=_("Remove an expenditure"),
    )


# --- effects on dynamics ----------------------------------------------------------------


def _shown_dynamics(query: str) -> tuple[list[Dynamic], bool]:
    """The dynamics the select offers: the matches of a search (at most
    ``DYNAMICS_FOUND``), else the first ``DYNAMICS_IN_SELECT`` by title. The flag says
    whether there were more."""
    dynamics = Dynamic.objects.only("id", "title").order_by("title", "id")
    limit = DYNAMICS_FOUND if query else DYNAMICS_IN_SELECT
    if query:
        dynamics = dynamics.filter(title__icontains=query)
    shown = list(dynamics[: limit + 1])
    return shown[:limit], len(shown) > limit


@guard(Capability.PROPOSE_MEASURES)
@require_http_methods(["GET", "POST"])
def effect_create(request: HttpRequest, pk: int) -> HttpResponse:
    measure = _measure(request, pk)
    search = DynamicSearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    shown, more = _shown_dynamics(query)
    form = MeasureEffectForm(request.POST or None, shown=shown)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            services.measure_effect_set(
                measure=measure,
                dynamic=data["dynamic"],
                effect=data["effect"],
                note=data["note"],
                user=request.user,
            )
            messages.success(
                request,
                _("Recorded: the measure acts on “%(dynamic)s”.")
                % {"dynamic": data["dynamic"].title},
            )
            return redirect("measures:detail", pk=measure.pk)
        status = 400
    return _page(
        request,
        "measures/effect_form.html",
        {
            "measure": measure,
            "form": form,
            "search": search,
            "query": query,
            "more": more,
            "limit": DYNAMICS_FOUND if query else DYNAMICS_IN_SELECT,
            "nothing_found": bool(query) and not shown,
        },
        status,
    )


@guard(Capability.PROPOSE_MEASURES)
@require_http_methods(["GET", "POST"])
def effect_remove(request: HttpRequest, pk: int, effect_pk: int) -> HttpResponse:
    measure = _measure(request, pk)
    effect = get_object_or_404(
        MeasureEffect.objects.select_related("dynamic"), pk=effect_pk, measure=measure
    )
    if request.method == "POST":
        services.measure_effect_remove(
            effect_id=effect.pk, measure_id=measure.pk, user=request.user
        )
        messages.success(
            request,
            _("The measure no longer counts as acting on “%(dynamic)s”.")
            % {"dynamic": effect.dynamic.title},
        )
        return redirect("measures:detail", pk=measure.pk)
    return _page(request, "measures/effect_remove.html", {"measure": measure, "effect": effect})
