"""Pages of the analysis: dynamics, the system map, workshops, the review, releases."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from analysis import graph, selectors, services
from analysis.charts import paired_chart
from analysis.forms import (
    ActorForm,
    CompareForm,
    DynamicForm,
    FindingForm,
    FindingIdsForm,
    InfluenceForm,
    OptionLinkForm,
    ParticipantsForm,
    SearchForm,
    StakeholderForm,
    WorkshopForm,
    WorkshopOptionForm,
)
from analysis.models import (
    ActorEffect,
    Dynamic,
    Effect,
    Influence,
    OptionLink,
    Priority,
    Release,
    Workshop,
    WorkshopOption,
)
from consultations.models import ConsultationRound
from consultations.selectors import stakeholder_matches
from peine.lib.concurrency import ConflictError, save_form_versioned
from peine.lib.pagination import CappedPaginator
from peine.lib.picker import search_view
from peine.roles import Capability, guard, has_capability

READ = Capability.READ_CONSULTATIONS
RUN = Capability.RUN_CONSULTATIONS


# Rows a page of the dynamics or the workshops shows.
PER_PAGE = 25


def _paged(request, queryset) -> dict:
    """One numbered page of ``queryset`` in the names ``includes/pagination.html`` reads."""
    paginator = CappedPaginator(queryset, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return {"paginator": paginator, "page_obj": page, "is_paginated": page.has_other_pages()}


def _search(request, name="q") -> str:
    form = SearchForm({"q": request.GET.get(name, "")})
    return form.cleaned_data["q"] if form.is_valid() else ""


# --- dynamics ----------------------------------------------------------------------


@guard(READ)
@require_GET
def dynamic_list(request):
    return render(
        request,
        "analysis/dynamic_list.html",
        {
            **_paged(request, selectors.dynamics_list()),
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
            dynamic = save_form_versioned(form)
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
            save_form_versioned(form)
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
        option_q, stakeholder_q = _search(request, "oq"), _search(request, "sq")
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


# --- influences and the map --------------------------------------------------------


@guard(RUN)
@require_http_methods(["GET", "POST"])
def influence_create(request):
    initial = {}
    for name in ("source", "target"):
        value = request.GET.get(name, "")
        if value.isdecimal() and len(value) < 10:
            initial[name] = int(value)
    return _influence_form(request, InfluenceForm(request.POST or None, initial=initial))


@guard(RUN)
@require_http_methods(["GET", "POST"])
def influence_update(request, pk: int):
    influence = get_object_or_404(Influence, pk=pk)
    return _influence_form(request, InfluenceForm(request.POST or None, instance=influence))


def _influence_form(request, form):
    if request.method == "POST" and form.is_valid():
        try:
            influence = services.influence_save(form=form)
        except services.AnalysisError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The influence has been saved."))
            return redirect(f"{influence.source.get_absolute_url()}#influences")
    title = _("Edit influence") if form.instance.pk else _("New influence")
    return render(request, "analysis/influence_form.html", {"form": form, "title": title})


@guard(RUN)
@require_http_methods(["GET", "POST"])
def influence_delete(request, pk: int):
    influence = get_object_or_404(Influence.objects.select_related("source", "target"), pk=pk)
    if request.method == "POST":
        services.influence_delete(influence=influence)
        messages.success(request, _("The influence has been deleted."))
        return redirect("analysis:map")
    return render(request, "analysis/influence_delete.html", {"influence": influence})


def _map_context(data, *, title, description):
    return {
        **data,
        "drawing": graph.draw(data["nodes"], data["edges"]),
        "map_title": title,
        "map_description": description,
    }


@guard(READ)
@require_GET
def system_map(request):
    data = selectors.map_data(user=request.user)
    context = _map_context(
        data,
        title=_("System map of the dynamics"),
        description=_(
            "%(nodes)s dynamics and %(edges)s influences; solid arrows marked + strengthen, "
            "dashed arrows marked − weaken. The table below lists the same."
        )
        % {"nodes": len(data["nodes"]), "edges": len(data["edges"])},
    )
    return render(request, "analysis/map.html", context)


@guard(Capability.RELEASE_SUMMARIES)
@require_http_methods(["GET", "POST"])
def map_release(request):
    if request.method == "POST":
        try:
            release = services.release_map(user=request.user)
        except services.AnalysisError as error:
            messages.error(request, str(error))
            return redirect("analysis:map")
        messages.success(request, _("The map has been released to the council."))
        return redirect(release)
    return render(request, "analysis/map_release.html", {"data": selectors.map_data()})


# --- workshops ---------------------------------------------------------------------


@guard(READ)
@require_GET
def workshop_list(request):
    return render(
        request, "analysis/workshop_list.html", _paged(request, selectors.workshops_list())
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
            workshop = save_form_versioned(form)
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
        stakeholder_q, option_q = _search(request, "sq"), _search(request, "oq")
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
        workshop.stakeholders.add(*form.cleaned_data["stakeholders"])
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
        workshop.stakeholders.remove(form.cleaned_data["stakeholder"])
        messages.success(request, _("The participant has been removed."))
    return redirect(workshop)


@guard(RUN)
@require_POST
def workshop_option(request, pk: int):
    """Adds an option to the workshop, or changes its priority."""
    workshop = get_object_or_404(Workshop, pk=pk)
    form = WorkshopOptionForm(request.POST)
    if form.is_valid():
        WorkshopOption.objects.update_or_create(
            workshop=workshop,
            option=form.cleaned_data["option"],
            defaults={"priority": form.cleaned_data["priority"]},
        )
        messages.success(request, _("The option and its priority have been saved."))
    else:
        messages.error(request, _("Choose an option for action and its priority."))
    return redirect(workshop)


@guard(RUN)
@require_POST
def workshop_option_remove(request, pk: int, item_pk: int):
    item = get_object_or_404(WorkshopOption, pk=item_pk, workshop_id=pk)
    item.delete()
    messages.success(request, _("The option has been removed from the workshop."))
    return redirect("analysis:workshop_detail", pk=pk)


# --- pickers: the JSON of the search-as-you-type fields (at most 20 titles) -------

dynamic_picker = search_view(selectors.DYNAMIC_PICKER)
round_picker = search_view(selectors.ROUND_PICKER)


# --- the review --------------------------------------------------------------------


@guard(READ)
@require_GET
def review(request):
    form = CompareForm(request.GET or None)
    comparison = None
    if form.is_bound and form.is_valid():
        comparison = selectors.compare(
            form.cleaned_data["later"], form.cleaned_data["earlier"], user=request.user
        )
    return render(
        request,
        "analysis/review.html",
        {"form": form, "comparison": comparison, **_comparison_context(comparison)},
    )


def _comparison_context(comparison) -> dict:
    """Charts and table sections of a comparison (live or released)."""
    if not comparison:
        return {"charts": {}, "sections": []}
    earlier, later = comparison["earlier"]["title"], comparison["later"]["title"]
    headings = (
        ("by_dynamic", _("Findings by dynamic")),
        ("by_sector", _("Findings by sector")),
        ("by_district", _("Findings by district")),
        ("by_kind", _("Findings by kind")),
    )
    charts = {
        name: paired_chart(
            title=title, rows=comparison[name], earlier_label=earlier, later_label=later
        )
        for name, title in headings
        if name != "by_district"
    }
    return {
        "charts": charts,
        "sections": [(name, title, comparison[name]) for name, title in headings],
    }


@guard(Capability.RELEASE_SUMMARIES)
@require_POST
def review_release(request):
    form = CompareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose two different rounds."))
        return redirect("analysis:review")
    release = services.release_comparison(
        later=form.cleaned_data["later"], earlier=form.cleaned_data["earlier"], user=request.user
    )
    messages.success(request, _("The comparison has been released to the council."))
    return redirect(release)


# --- released versions: what the council reads --------------------------------------


@guard(Capability.READ_SUMMARIES)
@require_GET
def release_list(request):
    return render(request, "analysis/release_list.html", {"releases": selectors.releases()[:50]})


@guard(Capability.READ_SUMMARIES)
@require_GET
def release_detail(request, pk: int):
    release = get_object_or_404(Release, pk=pk)
    content = release.content if isinstance(release.content, dict) else {}
    if release.kind == Release.Kind.MAP:
        data = selectors.from_snapshot(content)
        context = _map_context(
            data,
            title=release.title,
            description=_(
                "Released version: %(nodes)s dynamics and %(edges)s influences; solid arrows "
                "marked + strengthen, dashed arrows marked − weaken."
            )
            % {"nodes": len(data["nodes"]), "edges": len(data["edges"])},
        )
        context["release"] = release
        return render(request, "analysis/release_map.html", context)
    if release.kind != Release.Kind.COMPARISON:  # pragma: no cover - no other kind
        raise PermissionDenied
    comparison = {
        "earlier": {"title": content.get("earlier", "")},
        "later": {"title": content.get("later", "")},
        **{
            key: content.get(key, [])
            for key in ("by_dynamic", "by_sector", "by_district", "by_kind")
        },
    }
    return render(
        request,
        "analysis/release_comparison.html",
        {"release": release, "comparison": comparison, **_comparison_context(comparison)},
    )
