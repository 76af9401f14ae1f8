"""The four roles and what each may do: the one place that decides.

Each role is a Django group of the same name. Its permissions are kept in step with
``ROLE_PERMISSIONS`` after every ``migrate`` (see ``peine.apps``), so a new permission
reaches the groups with the migration that creates it; those permissions serve the admin
site. Everything else asks named capabilities (``Capability``, ``CAPABILITY_ROLES``):
views through ``guard``/``GuardMixin``, templates through ``can.<capability>``, code
through ``has_capability``. Querysets narrow what a permitted role sees
(``.visible_to(user)``).
"""

from enum import StrEnum
from functools import wraps

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    OFFICER = "officer"
    REVIEWER = "reviewer"
    COUNCIL = "council"
    ADMIN = "admin"


ROLE_LABELS = {
    Role.OFFICER: _("Equality and integration office"),
    Role.REVIEWER: _("Administration (review)"),
    Role.COUNCIL: _("Council"),
    Role.ADMIN: _("IT administration"),
}

_VIEW = ["view"]
_EDIT = ["view", "add", "change"]
_ALL = ["view", "add", "change", "delete"]


def _perms(app: str, model: str, actions: list[str]) -> list[str]:
    return [f"{app}.{action}_{model}" for action in actions]


ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.OFFICER: [
        *_perms("stakeholders", "stakeholder", _EDIT),
        *_perms("stakeholders", "contactperson", _ALL),
        *_perms("stakeholders", "relationship", _ALL),
        *_perms("consultations", "consultationround", _EDIT),
        *_perms("consultations", "interview", _ALL),
        "consultations.view_interview_notes",
        *_perms("consultations", "finding", _ALL),
        *_perms("consultations", "actionoption", _EDIT),
        *_perms("consultations", "roundsummary", _EDIT),
        "consultations.release_roundsummary",
        "consultations.view_released_summary",
        *_perms("measures", "measure", _EDIT),
        "measures.submit_measure",
        *_perms("measures", "review", _VIEW),
        *_perms("measures", "indicator", _VIEW),
        *_perms("measures", "progressentry", _VIEW),
        *_perms("measures", "expenditure", _VIEW),
        "peine.view_dashboard",
        "peine.view_internal_figures",
        *_perms("peine", "reportedition", ["view", "add"]),
    ],
    Role.REVIEWER: [
        *_perms("stakeholders", "stakeholder", _VIEW),
        *_perms("stakeholders", "contactperson", _VIEW),
        *_perms("stakeholders", "relationship", _VIEW),
        *_perms("consultations", "consultationround", _VIEW),
        *_perms("consultations", "interview", _VIEW),
        *_perms("consultations", "finding", _VIEW),
        *_perms("consultations", "actionoption", _VIEW),
        *_perms("consultations", "roundsummary", _VIEW),
        "consultations.view_released_summary",
        *_perms("measures", "measure", _EDIT),
        "measures.submit_measure",
        "measures.review_measure",
        *_perms("measures", "review", _EDIT),
        *_perms("measures", "indicator", _ALL),
        *_perms("measures", "progressentry", _ALL),
        *_perms("measures", "expenditure", _ALL),
        "peine.view_dashboard",
        "peine.view_internal_figures",
        *_perms("peine", "reportedition", ["view", "add"]),
    ],
    Role.COUNCIL: [
        # Names, kinds, sectors and districts only: the views narrow the fields.
        *_perms("stakeholders", "stakeholder", _VIEW),
        "consultations.view_released_summary",
        *_perms("measures", "measure", _VIEW),
        *_perms("measures", "indicator", _VIEW),
        *_perms("measures", "progressentry", _VIEW),
        *_perms("measures", "expenditure", _VIEW),
        "peine.view_dashboard",
        *_perms("peine", "reportedition", _VIEW),
    ],
    Role.ADMIN: [
        *_perms("peine", "user", _EDIT),
        *_perms("auth", "group", _VIEW),
        *_perms("peine", "district", _ALL),
        *_perms("peine", "sector", _ALL),
        *_perms("peine", "targetgroup", _ALL),
        *_perms("peine", "fundingsource", _ALL),
        *_perms("peine", "goal", _ALL),
    ],
}


def user_roles(user) -> set[str]:
    """The role names of a user, cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_role_names"):
        user._role_names = set(user.groups.values_list("name", flat=True))
    return user._role_names


def sync_groups() -> None:
    """Create the role groups and give each exactly its permissions."""
    from django.contrib.auth.models import Group, Permission

    permissions = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type")
    }
    for role, names in ROLE_PERMISSIONS.items():
        missing = sorted(set(names) - permissions.keys())
        if missing:
            raise LookupError(f"Role {role} names unknown permissions: {', '.join(missing)}")
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set([permissions[name] for name in names])


# --- capabilities: what views, templates, forms, services and selectors ask ---------


class Capability(StrEnum):
    """Named abilities; each belongs to the roles listed in ``CAPABILITY_ROLES``.

    Views ask for them through ``guard`` (function views) or ``GuardMixin`` (class-based
    views), templates through ``can.<name>`` (see ``peine.context_processors``), code
    through ``has_capability``. Django permissions stay for the admin site.
    """

    VIEW_STAKEHOLDERS = "view_stakeholders"
    SEE_CONTACT_DETAILS = "see_contact_details"
    EDIT_STAKEHOLDERS = "edit_stakeholders"
    READ_CONSULTATIONS = "read_consultations"
    RUN_CONSULTATIONS = "run_consultations"
    READ_NOTES = "read_notes"
    RELEASE_SUMMARIES = "release_summaries"
    READ_SUMMARIES = "read_summaries"
    VIEW_MEASURES = "view_measures"
    PROPOSE_MEASURES = "propose_measures"
    REVIEW_MEASURES = "review_measures"
    RECORD_PROGRESS = "record_progress"
    READ_INTERNAL = "read_internal"
    VIEW_DASHBOARD = "view_dashboard"
    FREEZE_EDITIONS = "freeze_editions"
    ADMINISTER = "administer"
    HANDLE_PRIVACY_REQUESTS = "handle_privacy_requests"
    READ_PRIVACY_RECORDS = "read_privacy_records"


CAPABILITY_ROLES: dict[Capability, frozenset[Role]] = {
    # The register's names, kinds, sectors and districts.
    Capability.VIEW_STAKEHOLDERS: frozenset({Role.OFFICER, Role.REVIEWER, Role.COUNCIL}),
    # Description, address, influence/interest map, history, contact persons.
    Capability.SEE_CONTACT_DETAILS: frozenset({Role.OFFICER, Role.REVIEWER}),
    # Create and edit stakeholders, contact persons, relationships; import; erase.
    Capability.EDIT_STAKEHOLDERS: frozenset({Role.OFFICER}),
    # Rounds, interviews (without notes), findings, options for action.
    Capability.READ_CONSULTATIONS: frozenset({Role.OFFICER, Role.REVIEWER}),
    # Plan and log interviews, create and edit rounds, findings and options.
    Capability.RUN_CONSULTATIONS: frozenset({Role.OFFICER}),
    # Interview notes, summaries of confidential interviews, who was present.
    Capability.READ_NOTES: frozenset({Role.OFFICER}),
    Capability.RELEASE_SUMMARIES: frozenset({Role.OFFICER}),
    Capability.READ_SUMMARIES: frozenset({Role.OFFICER, Role.REVIEWER, Role.COUNCIL}),
    # Measures beyond drafts, with the public status only.
    Capability.VIEW_MEASURES: frozenset({Role.OFFICER, Role.REVIEWER, Role.COUNCIL}),
    # Propose, edit and submit measures.
    Capability.PROPOSE_MEASURES: frozenset({Role.OFFICER, Role.REVIEWER}),
    # Decide on submitted measures: the review queue and its transitions.
    Capability.REVIEW_MEASURES: frozenset({Role.REVIEWER}),
    # Indicators, progress values and spending of approved measures.
    Capability.RECORD_PROGRESS: frozenset({Role.REVIEWER}),
    # The administration's side: drafts, internal statuses, reviews, history, figures.
    Capability.READ_INTERNAL: frozenset({Role.OFFICER, Role.REVIEWER}),
    # The dashboard, the reports, their downloads and the frozen editions.
    Capability.VIEW_DASHBOARD: frozenset({Role.OFFICER, Role.REVIEWER, Role.COUNCIL}),
    Capability.FREEZE_EDITIONS: frozenset({Role.OFFICER, Role.REVIEWER}),
    # Users, roles and the shared lists (the Django admin site).
    Capability.ADMINISTER: frozenset({Role.ADMIN}),
    # Access and erasure requests (GDPR Art. 15, 17): the office that holds the data.
    Capability.HANDLE_PRIVACY_REQUESTS: frozenset({Role.OFFICER}),
    # Who read notes, what falls due: also the admin, who sees counts and staff only.
    Capability.READ_PRIVACY_RECORDS: frozenset({Role.OFFICER, Role.ADMIN}),
}


def has_role(user, role: Role) -> bool:
    return role in user_roles(user)


def capabilities_of(user) -> frozenset[Capability]:
    """Every capability of ``user`` (none for anonymous or inactive people)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(Capability)
    if not hasattr(user, "_capabilities"):
        roles = user_roles(user)
        user._capabilities = frozenset(
            capability for capability, holders in CAPABILITY_ROLES.items() if holders & roles
        )
    return user._capabilities


def has_capability(user, *capabilities: Capability) -> bool:
    """True when ``user`` has every one of ``capabilities``."""
    return set(capabilities) <= capabilities_of(user)


def users_with_role(role: Role):
    """The people of one role (a queryset of users): the one place that knows roles are
    groups."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=Role(role).value)


# --- the guard ------------------------------------------------------------------------


def _check(request, capabilities, anonymous=None):
    """None when the request may go on; else the sign-in redirect, or PermissionDenied."""
    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied

    if not request.user.is_authenticated:
        if anonymous is not None:
            return anonymous(request)
        return redirect_to_login(request.get_full_path())
    if not request.user.is_active or not has_capability(request.user, *capabilities):
        raise PermissionDenied
    return None


def guard(*capabilities: Capability, anonymous=None):
    """Protects a function view: anonymous people go to the sign-in page (or to
    ``anonymous(request)``), signed-in people without every one of ``capabilities`` get
    403. Without capabilities, being signed in is enough. The view is marked with
    ``guard_capabilities`` so a test can prove that every URL is guarded."""
    required = tuple(Capability(capability) for capability in capabilities)

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if (response := _check(request, required, anonymous)) is not None:
                return response
            return view(request, *args, **kwargs)

        guarded.guard_capabilities = required
        return guarded

    return decorator


class GuardMixin:
    """The same guard for class-based views: set ``capabilities`` (a tuple; empty means
    signed in). Put it first among the bases so it runs before anything loads. A view
    that forgets to set it fails loudly instead of opening to everyone signed in."""

    capabilities: tuple[Capability, ...] | None = None

    def dispatch(self, request, *args, **kwargs):
        if self.capabilities is None:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(f"{type(self).__name__} sets no capabilities")
        if (response := _check(request, self.capabilities)) is not None:
            return response
        return super().dispatch(request, *args, **kwargs)


# Data protection (privacy/): the officer answers access and erasure requests; the
# officer and the admin read who read notes, the records of processing and what falls due
# (the admin sees counts only, never the persons).
ROLE_PERMISSIONS[Role.OFFICER] += [
    "privacy.handle_requests",
    "privacy.view_notereadlog",
    "privacy.view_records",
]
ROLE_PERMISSIONS[Role.ADMIN] += ["privacy.view_notereadlog", "privacy.view_records"]
