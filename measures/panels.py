"""The measures a stakeholder leads or partners in, on its page (see peine.lib.panels)."""

from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string

from measures.models import Measure
from peine.roles import Capability, has_capability

PANEL_LIMIT = 20


def stakeholder_measures(request: HttpRequest, stakeholder) -> str:
    """Title, status and role of the stakeholder's measures, as far as the person may see
    them (the council sees only its public statuses). One query."""
    if not has_capability(request.user, Capability.VIEW_MEASURES):
        return ""
    measures = list(
        Measure.objects.visible_to(request.user)
        .filter(Q(lead=stakeholder) | Q(partners=stakeholder))
        .distinct()
        .only("id", "title", "status", "lead_id")
        .order_by("title")[:PANEL_LIMIT]
    )
    return render_to_string(
        "measures/includes/stakeholder_panel.html",
        {"measures": measures, "stakeholder": stakeholder, "limit": PANEL_LIMIT},
        request=request,
    )
