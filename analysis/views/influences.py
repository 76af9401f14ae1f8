"""The influences between dynamics and the system map they draw; the map's release."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from analysis import graph, selectors, services
from analysis.forms import InfluenceForm
from analysis.models import Influence
from analysis.views.common import READ, RUN
from peine.roles import Capability, guard


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


def map_context(data, *, title, description):
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
    context = map_context(
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
