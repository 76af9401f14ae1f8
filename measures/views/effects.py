"""Which dynamics of the analysis a measure acts on: the administration records and removes
them, each on a small page of its own (GET shows the form or the confirmation, POST
changes the record through ``measures.services``)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from analysis.models import Dynamic
from measures import services
from measures.forms import DYNAMICS_FOUND, DYNAMICS_IN_SELECT, DynamicSearchForm, MeasureEffectForm
from measures.models import MeasureEffect
from measures.views.common import visible_measure
from peine.roles import Capability, guard


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
    measure = visible_measure(request, pk)
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
    return render(
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
        status=status,
    )


@guard(Capability.PROPOSE_MEASURES)
@require_http_methods(["GET", "POST"])
def effect_remove(request: HttpRequest, pk: int, effect_pk: int) -> HttpResponse:
    measure = visible_measure(request, pk)
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
    return render(request, "measures/effect_remove.html", {"measure": measure, "effect": effect})
