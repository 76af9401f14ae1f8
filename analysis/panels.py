"""The workshops and dynamics of an option, on the option's page (a receiver of
``consultations.signals.option_detail_panels``)."""

from django.template.loader import render_to_string

from analysis.models import OptionLink, WorkshopOption
from peine.roles import Capability, has_capability


def option_analysis(*, request, option, **_signal) -> str:
    """Workshops that discussed the option with the priority each set, and the dynamics it
    addresses. Two queries."""
    if not has_capability(request.user, Capability.READ_CONSULTATIONS):
        return ""
    workshops = list(
        WorkshopOption.objects.filter(option=option)
        .select_related("workshop")
        .order_by("-workshop__held_on")[:20]
    )
    links = list(OptionLink.objects.filter(option=option).select_related("dynamic")[:50])
    return render_to_string(
        "analysis/includes/option_panel.html",
        {"workshops": workshops, "links": links},
        request=request,
    )
