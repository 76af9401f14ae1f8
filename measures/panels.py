"""The measures a stakeholder leads or partners in, on its page (a receiver of
``stakeholders.signals.stakeholder_detail_panels``)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from measures.models import Measure
from peine.roles import Capability, has_capability

PANEL_LIMIT = 20


def stakeholder_measures(*, request: HttpRequest, stakeholder, **_signal) -> str:
    """Title, status and role of the stakeholder's first measures, as far as the person may
    see them (the council sees only its public statuses), with a link to all of them in
    the filtered list. One query: the UNION of two indexed lookups (lead_id, and the
    partners table by stakeholder), not an OR across a join that scans every measure."""
    if not has_capability(request.user, Capability.VIEW_MEASURES):
        return ""
    fields = ("id", "title", "status", "lead_id")
    visible = Measure.objects.visible_to(request.user).order_by()
    led = visible.filter(lead=stakeholder).only(*fields)
    partnered = visible.filter(partners=stakeholder).only(*fields)
    measures = list(led.union(partnered).order_by("title", "id")[: PANEL_LIMIT + 1])
    more = len(measures) > PANEL_LIMIT
    return render_to_string(
        "measures/includes/stakeholder_panel.html",
        {
            "measures": measures[:PANEL_LIMIT],
            "more": more,
            "all_url": f"{reverse('measures:list')}?stakeholder={stakeholder.pk}",
            "stakeholder": stakeholder,
            "limit": PANEL_LIMIT,
        },
        request=request,
    )
