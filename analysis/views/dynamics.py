"""The dynamics: list, detail and form; findings, options and stakeholders assigned."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from analysis import selectors, services
from analysis.forms import ActorForm, DynamicForm, FindingForm, FindingIdsForm, OptionLinkForm
from analysis.models import ActorEffect, Dynamic, Effect, OptionLink
from analysis.views.common import READ, RUN, paged, search_term
from consultations.models import ConsultationRound
from consultations.selectors import stakeholder_matches
from peine.lib.concurrency import ConflictError
from peine.roles import guard, has_capability


@guard(READ)
@require_GET
def dynamic_list(request):
    return render(
        request,
        "analysis/dynamic_list.html",
        {
            **paged(request, selectors.dynamics_list()),
            "releases": selectors.releases()[:10],
        },
    )


@guard(RUN)
@require_http_methods(["GET", "POST"])
def dynamic_create(request):
    form = DynamicForm(request.POST or None)
    round_ = None
    round_id = request.GET.get("round", "")
    if round_id.isdecimal() and len(round_id) < 10:
        round_ = ConsultationRound.objects.filter(pk=round_id).only("id", "title").first()
    if request.method == "POST" and form.is_valid():
        try:
            dynamic = services.dynamic_save(form=form)
        except ConflictError:  # pragma: no cover - a new record has no rival
            form.add_conflict_error()
        else:
            messages.success(
                request,
                _("The dynamic has been created. Assign findings: suggestions are below."),
            )
            url = dynamic.get_absolute_url()
            return redirect(f"{url}?round={round_.pk}" if round_ else url)
    return render(
        request,
        "analysis/dynamic_form.html",
        {"form": form, "round": round_, "title": _("New dynamic")},
    )


@guard(RUN)
@require_http_methods(["GET", "POST"])
def dynamic_update(request, pk: int):
    dynamic = get_object_or_404(Dynamic, pk=pk)
    form = DynamicForm(request.POST or None, instance=dynamic)
    if request.method == "POST" and form.is_valid():
        try:
            services.dynamic_save(form=form)
        except ConflictError:
            form.add_conflict_error()
        else:
            messages.success(request, _("The dynamic has been saved."))
            return redirect(dynamic)
    return render(
        request,
        "analysis/dynamic_form.html",
        {"form": form, "dynamic": dynamic, "title": _("Edit dynamic")},
    )


@guard(READ)
@require_GET
def dynamic_detail(request, pk: int):
    try:
        dynamic = selectors.dynamic_for_detail(pk)
    except Dynamic.DoesNotExist:
        raise Http404 from None
    run = has_capability(request.user, RUN)
    round_ = None
    round_id = request.GET.get("round", "")
    if round_id.isdecimal() and len(round_id) < 10:
        round_ = ConsultationRound.objects.filter(pk=round_id).only("id", "title").first()
    context = {
        "dynamic": dynamic,
        "findings": selectors.assigned_findings(dynamic),
        "influences": selectors.influences_of(dynamic),
        "option_links": selectors.options_of(dynamic),
        "actors": selectors.actors_of(dynamic),
        "measures": selectors.acting_measures([dynamic.pk], user=request.user).get(dynamic.pk, []),
        "round": round_,
        "effects": Effect.choices,
    }
    if run:
        option_q, stakeholder_q = search_term(request, "oq"), search_term(request, "sq")
        unassigned, unassigned_total = selectors.unassigned_findings(round_)
        context.update(
            suggestions=selectors.suggestions(dynamic),
            unassigned=unassigned,
            unassigned_total=unassigned_total,
            option_q=option_q,
            stakeholder_q=stakeholder_q,
        )
        if option_q:
            linked = [link.option_id for link in context["option_links"]]
            context["option_matches"], context["more_options"] = selectors.option_matches(
                option_q, exclude=linked
            )
        if stakeholder_q:
            present = [actor.stakeholder_id for actor in context["actors"]]
            context["stakeholder_matches"], context["more_stakeholders"] = stakeholder_matches(
                stakeholder_q, exclude=present
            )
    return render(request, "analysis/dynamic_detail.html", context)


def _back(dynamic, request):
    round_id = request.POST.get("round", "")
    url = dynamic.get_absolute_url()
    return redirect(
        f"{url}?round={round_id}" if round_id.isdecimal() and len(round_id) < 10 else url
    )


@guard(RUN)
@require_POST
def dynamic_assign(request, pk: int):
    dynamic = get_object_or_404(Dynamic, pk=pk)
    form = FindingIdsForm(request.POST)
    if form.is_valid():
        count = services.findings_assign(dynamic=dynamic, findings=form.cleaned_data["findings"])
        messages.success(
            request, _("%(count)s findings assigned to this dynamic.") % {"count": count}
        )
    else:
        messages.error(request, _("Tick at least one finding."))
    return _back(dynamic, request)


@guard(RUN)
@require_POST
def dynamic_unassign(request, pk: int):
    dynamic = get_object_or_404(Dynamic, pk=pk)
    form = FindingForm(request.POST)
    if form.is_valid():
        services.finding_unassign(dynamic=dynamic, finding=form.cleaned_data["finding"])
        messages.success(request, _("The finding no longer belongs to this dynamic."))
    return _back(dynamic, request)


@guard(RUN)
@require_POST
def suggestion_dismiss(request, pk: int):
    dynamic = get_object_or_404(Dynamic, pk=pk)
    form = FindingForm(request.POST)
    if form.is_valid():
        services.suggestion_dismiss(
            dynamic=dynamic, finding=form.cleaned_data["finding"], user=request.user
        )
        messages.success(request, _("The suggestion has been dismissed; it will not come back."))
    return _back(dynamic, request)


@guard(RUN)
@require_POST
def option_link(request, pk: int):
    dynamic = get_object_or_404(Dynamic, pk=pk)
    form = OptionLinkForm(request.POST)
    if form.is_valid():
        services.option_link(dynamic=dynamic, **form.cleaned_data)
        messages.success(
            request,
            _("“%(option)s” now addresses this dynamic.")
            % {"option": form.cleaned_data["option"].title},
        )
    else:
        messages.error(request, _("Choose an option for action and its effect."))
    return redirect(dynamic)


@guard(RUN)
@require_POST
def option_unlink(request, pk: int, link_pk: int):
    link = get_object_or_404(OptionLink, pk=link_pk, dynamic_id=pk)
    services.option_unlink(link=link)
    messages.success(request, _("The link has been removed."))
    return redirect("analysis:dynamic_detail", pk=pk)


@guard(RUN)
@require_POST
def actor_set(request, pk: int):
    dynamic = get_object_or_404(Dynamic, pk=pk)
    form = ActorForm(request.POST)
    if form.is_valid():
        services.actor_set(dynamic=dynamic, **form.cleaned_data)
        messages.success(request, _("The stakeholder has been recorded."))
    else:
        messages.error(request, _("Choose a stakeholder and its effect."))
    return redirect(dynamic)


@guard(RUN)
@require_POST
def actor_remove(request, pk: int, actor_pk: int):
    actor = get_object_or_404(ActorEffect, pk=actor_pk, dynamic_id=pk)
    services.actor_remove(actor=actor)
    messages.success(request, _("The stakeholder has been removed from this dynamic."))
    return redirect("analysis:dynamic_detail", pk=pk)
