"""The workshops: list, detail and form; their participants and the options discussed."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from analysis import selectors, services
from analysis.forms import ParticipantsForm, StakeholderForm, WorkshopForm, WorkshopOptionForm
from analysis.models import Priority, Workshop, WorkshopOption
from analysis.views.common import READ, RUN, paged, search_term
from consultations.selectors import stakeholder_matches
from peine.lib.concurrency import ConflictError
from peine.roles import guard, has_capability


@guard(READ)
@require_GET
def workshop_list(request):
    return render(
        request, "analysis/workshop_list.html", paged(request, selectors.workshops_list())
    )


@guard(RUN)
@require_http_methods(["GET", "POST"])
def workshop_create(request):
    return _workshop_form(request, WorkshopForm(request.POST or None), _("New workshop"))


@guard(RUN)
@require_http_methods(["GET", "POST"])
def workshop_update(request, pk: int):
    workshop = get_object_or_404(Workshop, pk=pk)
    form = WorkshopForm(request.POST or None, instance=workshop)
    return _workshop_form(request, form, _("Edit workshop"))


def _workshop_form(request, form, title):
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.workshop_save(form=form)
        except ConflictError:
            form.add_conflict_error()
        else:
            messages.success(request, _("The workshop has been saved."))
            return redirect(workshop)
    return render(request, "analysis/workshop_form.html", {"form": form, "title": title})


@guard(READ)
@require_GET
def workshop_detail(request, pk: int):
    try:
        workshop = selectors.workshop_for_detail(pk)
    except Workshop.DoesNotExist:
        raise Http404 from None
    context = {"workshop": workshop, "priorities": Priority.choices}
    if has_capability(request.user, RUN):
        stakeholder_q, option_q = search_term(request, "sq"), search_term(request, "oq")
        context.update(stakeholder_q=stakeholder_q, option_q=option_q)
        if stakeholder_q:
            present = [s.pk for s in workshop.stakeholders.all()]
            context["stakeholder_matches"], context["more_stakeholders"] = stakeholder_matches(
                stakeholder_q, exclude=present
            )
        if option_q:
            discussed = [item.option_id for item in workshop.discussed.all()]
            context["option_matches"], context["more_options"] = selectors.option_matches(
                option_q, exclude=discussed
            )
    return render(request, "analysis/workshop_detail.html", context)


@guard(RUN)
@require_POST
def workshop_participants(request, pk: int):
    workshop = get_object_or_404(Workshop, pk=pk)
    form = ParticipantsForm(request.POST)
    if form.is_valid():
        services.workshop_participants_add(
            workshop=workshop, stakeholders=form.cleaned_data["stakeholders"]
        )
        messages.success(request, _("The participants have been added."))
    else:
        messages.error(request, _("Tick at least one stakeholder."))
    return redirect(workshop)


@guard(RUN)
@require_POST
def workshop_participant_remove(request, pk: int):
    workshop = get_object_or_404(Workshop, pk=pk)
    form = StakeholderForm(request.POST)
    if form.is_valid():
        services.workshop_participant_remove(
            workshop=workshop, stakeholder=form.cleaned_data["stakeholder"]
        )
        messages.success(request, _("The participant has been removed."))
    return redirect(workshop)


@guard(RUN)
@require_POST
def workshop_option(request, pk: int):
    """Adds an option to the workshop, or changes its priority."""
    workshop = get_object_or_404(Workshop, pk=pk)
    form = WorkshopOptionForm(request.POST)
    if form.is_valid():
        services.workshop_option_set(workshop=workshop, **form.cleaned_data)
        messages.success(request, _("The option and its priority have been saved."))
    else:
        messages.error(request, _("Choose an option for action and its priority."))
    return redirect(workshop)


@guard(RUN)
@require_POST
def workshop_option_remove(request, pk: int, item_pk: int):
    item = get_object_or_404(WorkshopOption, pk=item_pk, workshop_id=pk)
    services.workshop_option_remove(item=item)
    messages.success(request, _("The option has been removed from the workshop."))
    return redirect("analysis:workshop_detail", pk=pk)
