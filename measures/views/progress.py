"""Progress of a measure: its indicators, their values and the spending, recorded by the
administration; the reviewer corrects or removes a value or an expenditure (with a reason
the history shows).

Each change has a small page of its own: GET shows the form or the confirmation, POST
changes the record through ``measures.services``. Nothing changes on a GET.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from measures import services
from measures.forms import (
    ExpenditureCorrectionForm,
    ExpenditureForm,
    IndicatorForm,
    ProgressEntryCorrectionForm,
    ProgressEntryForm,
    RemovalForm,
)
from measures.models import Expenditure, Indicator, Measure, ProgressEntry
from measures.views.common import PROGRESS_STATUSES, visible_measure
from peine.lib.concurrency import ConflictError
from peine.roles import Capability, guard

# --- indicators, values and spending recorded ------------------------------------------


def _small_form_page(request, *, measure, form, title, template="measures/small_form.html"):
    return render(request, template, {"measure": measure, "form": form, "title": title})


@guard(Capability.RECORD_PROGRESS)
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(Measure.objects.visible_to(request.user), pk=pk)
    if measure.status in services.NOT_EDITABLE:
        raise PermissionDenied(_("This measure is closed."))
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.indicator_create(measure=measure, **form.cleaned_data)
        messages.success(request, _("The indicator has been added."))
        return redirect("measures:detail", pk=measure.pk)
    return _small_form_page(request, measure=measure, form=form, title=_("Add an indicator"))


@guard(Capability.RECORD_PROGRESS)
@require_http_methods(["GET", "POST"])
def progress_create(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    measure = visible_measure(request, pk, statuses=PROGRESS_STATUSES)
    indicator = get_object_or_404(Indicator, pk=indicator_pk, measure=measure)
    form = ProgressEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.progress_record(indicator=indicator, user=request.user, **form.cleaned_data)
        messages.success(request, _("The value has been recorded."))
        return redirect("measures:detail", pk=measure.pk)
    title = _("Record a value: %(name)s") % {"name": indicator.name}
    return _small_form_page(request, measure=measure, form=form, title=title)


@guard(Capability.RECORD_PROGRESS)
@require_http_methods(["GET", "POST"])
def expenditure_create(request: HttpRequest, pk: int) -> HttpResponse:
    measure = visible_measure(request, pk, statuses=PROGRESS_STATUSES)
    form = ExpenditureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.expenditure_record(measure=measure, user=request.user, **form.cleaned_data)
        messages.success(request, _("The expenditure has been recorded."))
        return redirect("measures:detail", pk=measure.pk)
    return _small_form_page(request, measure=measure, form=form, title=_("Record spending"))


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
    return render(
        request,
        template,
        {"measure": measure, "form": form, "entry": entry, "kind": kind, "title": title},
        status=status,
    )


# --- corrections and removals of values -------------------------------------------------


def _entry(request, pk: int, entry_pk: int) -> tuple[Measure, ProgressEntry]:
    measure = visible_measure(request, pk, statuses=PROGRESS_STATUSES)
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


# --- corrections and removals of spending -----------------------------------------------


def _expenditure(request, pk: int, expenditure_pk: int) -> tuple[Measure, Expenditure]:
    measure = visible_measure(request, pk, statuses=PROGRESS_STATUSES)
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
