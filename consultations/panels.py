"""The interviews of a stakeholder, shown on the stakeholder's page (a receiver of
``stakeholders.signals.stakeholder_detail_panels``)."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from consultations.models import Interview
from peine.roles import Capability, has_capability

PANEL_LIMIT = 20


def stakeholder_interviews(*, request: HttpRequest, stakeholder, **_signal) -> str:
    """Date, round, format and status of the stakeholder's interviews; never notes.

    One query. Council members have no permission on interviews and get nothing.
    """
    if not has_capability(request.user, Capability.READ_CONSULTATIONS):
        return ""
    interviews = list(
        Interview.objects.filter(stakeholders=stakeholder)
        .select_related("round")
        .only("id", "held_on", "status", "format", "round__id", "round__title")
        .order_by("-held_on", "-id")[:PANEL_LIMIT]
    )
    return render_to_string(
        "consultations/includes/stakeholder_panel.html",
        {"interviews": interviews, "limit": PANEL_LIMIT},
        request=request,
    )
