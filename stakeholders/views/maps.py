"""The influence/interest map of the filtered register and one stakeholder's network.

Influence, interest and relationships are working assessments of the office: officer and
reviewer see them, the council does not.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from peine.roles import Capability, guard
from stakeholders.charts import influence_interest_map, network
from stakeholders.filters import StakeholderFilter
from stakeholders.models import Stakeholder
from stakeholders.selectors import map_grid, network_of


@guard(Capability.SEE_CONTACT_DETAILS)
@require_GET
def stakeholder_map(request: HttpRequest) -> HttpResponse:
    queryset = Stakeholder.objects.only("id", "name", "kind", "influence", "interest")
    filterset = StakeholderFilter(request.GET, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_valid() else queryset.none()
    rows = list(rows.order_by("-influence", "-interest", "name"))
    svg = influence_interest_map(
        map_grid(rows),
        title=_("Stakeholder map: influence and interest"),
        description=_(
            "%(count)d stakeholders in a grid of influence (1 to 5, upwards) and interest "
            "(1 to 5, to the right). The table next to it lists the same data."
        )
        % {"count": len(rows)},
    )
    return render(
        request,
        "stakeholders/map.html",
        {"filter": filterset, "svg": svg, "rows": rows},
    )


@guard(Capability.SEE_CONTACT_DETAILS)
@require_GET
def stakeholder_network(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = get_object_or_404(Stakeholder.objects.only("id", "name", "kind"), pk=pk)
    neighbours = network_of(stakeholder)
    svg = network(
        stakeholder,
        neighbours,
        title=_("Relationships of %(name)s") % {"name": stakeholder.name},
        description=_(
            "%(name)s in the middle and %(count)d relationships to other stakeholders; the "
            "table lists them."
        )
        % {"name": stakeholder.name, "count": len(neighbours)},
    )
    return render(
        request,
        "stakeholders/network.html",
        {"stakeholder": stakeholder, "neighbours": neighbours, "svg": svg},
    )
