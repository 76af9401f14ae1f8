from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from peine.roles import Capability, capabilities_of


@dataclass(frozen=True)
class Entry:
    """One place of the portal: in the main navigation (``label``), as a tile on the
    home page (``title`` and ``text``), or both; shown to people with ``capability``
    (``None``: everyone signed in)."""

    url_name: str
    capability: Capability | None
    label: str | Promise = ""
    title: str | Promise = ""
    text: str | Promise = ""


# The one list the navigation and the home tiles are built from.
ENTRIES = [
    Entry("home", None, label=_("Overview")),
    Entry(
        "stakeholders:list",
        Capability.VIEW_STAKEHOLDERS,
        label=_("Stakeholders"),
        title=_("Stakeholder register"),
        text=_("Organisations and initiatives, their contact persons and relationships."),
    ),
    Entry(
        "consultations:round_list",
        Capability.READ_CONSULTATIONS,
        label=_("Consultations"),
        title=_("Consultation rounds"),
        text=_("Interviews with local actors, findings and options for action."),
    ),
    Entry(
        "consultations:interview_create",
        Capability.RUN_CONSULTATIONS,
        title=_("Log an interview"),
        text=_("Record a conversation right after it happened."),
    ),
    Entry(
        "consultations:summary_list",
        Capability.READ_SUMMARIES,
        label=_("Summaries"),
        title=_("Released summaries"),
        text=_("Evaluations of consultation rounds released to the council."),
    ),
    Entry(
        "analysis:dynamic_list",
        Capability.READ_CONSULTATIONS,
        label=_("Analysis"),
        title=_("Analysis"),
        text=_("Dynamics, the system map with its loops, workshops and the review."),
    ),
    Entry(
        "analysis:release_list",
        Capability.READ_SUMMARIES,
        title=_("Released analysis"),
        text=_("The system map and comparisons of rounds released to the council."),
    ),
    Entry(
        "measures:list",
        Capability.VIEW_MEASURES,
        label=_("Measures"),
        title=_("Measures"),
        text=_("Integration measures, their status, progress and budget."),
    ),
    Entry(
        "measures:queue",
        Capability.REVIEW_MEASURES,
        label=_("Review queue"),
        title=_("Review queue"),
        text=_("Measures waiting for the administration's decision."),
    ),
    Entry(
        "council:dashboard",
        Capability.VIEW_DASHBOARD,
        label=_("Dashboard"),
        title=_("Council dashboard"),
        text=_("Released figures, reports by sector and district, PDF downloads."),
    ),
    Entry(
        "admin:index",
        Capability.ADMINISTER,
        label=_("Administration"),
        title=_("User administration"),
        text=_("Invite users, assign roles, maintain districts, sectors and goals."),
    ),
]


# Data protection (privacy/): the records of processing for the officer and the admin.
ENTRIES += [
    Entry(
        "privacy:records",
        Capability.READ_PRIVACY_RECORDS,
        title=_("Records of processing"),
        text=_("What personal data the portal holds, why, for how long and who sees it."),
    ),
]


def entries_for(user) -> list[Entry]:
    """The entries ``user`` may use, in the list's order."""
    if not user.is_authenticated:
        return []
    capabilities = capabilities_of(user)
    return [e for e in ENTRIES if e.capability is None or e.capability in capabilities]


class CapabilityFlags:
    """``can.read_notes`` in templates: True when the person has that capability.
    An unknown name is False, so a typo never opens anything."""

    def __init__(self, user):
        self._capabilities = capabilities_of(user)

    def __getitem__(self, name):
        try:
            return Capability(name) in self._capabilities
        except ValueError:
            raise KeyError(name) from None

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            return False


def navigation(request):
    """The main navigation for the signed-in person and their capabilities (``can``)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"main_navigation": [], "can": CapabilityFlags(AnonymousUser())}
    items = []
    for entry in entries_for(user):
        if not entry.label:
            continue
        url = reverse(entry.url_name)
        items.append(
            {
                "label": entry.label,
                "url": url,
                "current": request.path == url or (url != "/" and request.path.startswith(url)),
            }
        )
    return {"main_navigation": items, "can": CapabilityFlags(user)}
