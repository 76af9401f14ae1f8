"""The four roles and what each may do: the one place that decides.

What a role may do is a set of named capabilities (``Capability``). ``GRANTS`` is the one
table: for each capability, the roles that hold it and the Django permissions it brings.
Views ask capabilities through ``guard``/``GuardMixin``, templates through
``can.<capability>``, code through ``has_capability``. Each role is a Django group of the
same name; after every ``migrate`` (see ``peine.apps``) its permissions are set to those of
its capabilities (``role_permissions``), so a new permission reaches the groups with the
migration that creates it; those permissions serve the admin site. Querysets narrow what a
permitted role sees (``.visible_to(user)``).
"""

from dataclasses import dataclass
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

# --- capabilities: what views, templates, forms, services and selectors ask ---------


class Capability(StrEnum):
    """Named abilities; ``GRANTS`` says who holds each and which permissions it brings.

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


@dataclass(frozen=True)
class Grant:
    """The roles that hold a capability, and the Django permissions it gives their groups."""

    roles: frozenset[Role]
    permissions: frozenset[str]


def _grant(roles: set[Role], *permissions: str) -> Grant:
    return Grant(frozenset(roles), frozenset(permissions))


_VIEW = ["view"]
_EDIT = ["view", "add", "change"]
_ALL = ["view", "add", "change", "delete"]
_WRITE = ["add", "change"]
_WRITE_DELETE = ["add", "change", "delete"]


def _perms(app: str, actions: list[str], *models: str) -> list[str]:
    return [f"{app}.{action}_{model}" for model in models for action in actions]


GRANTS: dict[Capability, Grant] = {
    # The register's names, kinds, sectors and districts.
    Capability.VIEW_STAKEHOLDERS: _grant(
        {Role.OFFICER, Role.REVIEWER, Role.COUNCIL}, *_perms("stakeholders", _VIEW, "stakeholder")
    ),
    # Description, address, influence/interest map, history, contact persons.
    Capability.SEE_CONTACT_DETAILS: _grant(
        {Role.OFFICER, Role.REVIEWER},
        *_perms("stakeholders", _VIEW, "contactperson", "relationship"),
    ),
    # Create and edit stakeholders, contact persons, relationships; import; erase.
    Capability.EDIT_STAKEHOLDERS: _grant(
        {Role.OFFICER},
        *_perms("stakeholders", _WRITE, "stakeholder"),
        *_perms("stakeholders", _WRITE_DELETE, "contactperson", "relationship"),
    ),
    # Rounds, interviews (without notes), findings, options for action.
    Capability.READ_CONSULTATIONS: _grant(
        {Role.OFFICER, Role.REVIEWER},
        *_perms(
            "consultations",
            _VIEW,
            "consultationround",
            "interview",
            "finding",
            "actionoption",
            "roundsummary",
        ),
    ),
    # Plan and log interviews, create and edit rounds, findings and options.
    Capability.RUN_CONSULTATIONS: _grant(
        {Role.OFFICER},
        *_perms("consultations", _WRITE, "consultationround", "actionoption"),
        *_perms("consultations", _WRITE_DELETE, "interview", "finding"),
    ),
    # Interview notes, summaries of confidential interviews, who was present.
    Capability.READ_NOTES: _grant({Role.OFFICER}, "consultations.view_interview_notes"),
    Capability.RELEASE_SUMMARIES: _grant(
        {Role.OFFICER},
        *_perms("consultations", _WRITE, "roundsummary"),
        "consultations.release_roundsummary",
    ),
    Capability.READ_SUMMARIES: _grant(
        {Role.OFFICER, Role.REVIEWER, Role.COUNCIL}, "consultations.view_released_summary"
    ),
    # Measures beyond drafts, with the public status only.
    Capability.VIEW_MEASURES: _grant(
        {Role.OFFICER, Role.REVIEWER, Role.COUNCIL},
        *_perms("measures", _VIEW, "measure", "indicator", "progressentry", "expenditure"),
    ),
    # Propose, edit and submit measures.
    Capability.PROPOSE_MEASURES: _grant(
        {Role.OFFICER, Role.REVIEWER},
        *_perms("measures", _WRITE, "measure"),
        "measures.submit_measure",
    ),
    # Decide on submitted measures: the review queue and its transitions.
    Capability.REVIEW_MEASURES: _grant(
        {Role.REVIEWER}, "measures.review_measure", *_perms("measures", _WRITE, "review")
    ),
    # Indicators, progress values and spending of approved measures.
    Capability.RECORD_PROGRESS: _grant(
        {Role.REVIEWER},
        *_perms("measures", _WRITE_DELETE, "indicator", "progressentry", "expenditure"),
    ),
    # The administration's side: drafts, internal statuses, reviews, history, figures.
    Capability.READ_INTERNAL: _grant(
        {Role.OFFICER, Role.REVIEWER},
        *_perms("measures", _VIEW, "review"),
        "peine.view_internal_figures",
    ),
    # The dashboard, the reports, their downloads and the frozen editions.
    Capability.VIEW_DASHBOARD: _grant(
        {Role.OFFICER, Role.REVIEWER, Role.COUNCIL},
        "peine.view_dashboard",
        *_perms("peine", _VIEW, "reportedition"),
    ),
    Capability.FREEZE_EDITIONS: _grant(
        {Role.OFFICER, Role.REVIEWER}, *_perms("peine", ["add"], "reportedition")
    ),
    # Users, roles and the shared lists (the Django admin site).
    Capability.ADMINISTER: _grant(
        {Role.ADMIN},
        *_perms("peine", _EDIT, "user"),
        *_perms("auth", _VIEW, "group"),
        *_perms("peine", _ALL, "district", "sector", "targetgroup", "fundingsource", "goal"),
    ),
    # Access and erasure requests (GDPR Art. 15, 17): the office that holds the data.
    Capability.HANDLE_PRIVACY_REQUESTS: _grant({Role.OFFICER}, "privacy.handle_requests"),
    # Who read notes, the records of processing, what falls due: also the admin, who sees
    # counts and staff only, never the persons.
    Capability.READ_PRIVACY_RECORDS: _grant(
        {Role.OFFICER, Role.ADMIN}, "privacy.view_notereadlog", "privacy.view_records"
    ),
}


def role_permissions(role: Role) -> frozenset[str]:
    """The Django permissions of ``role``'s group: those of the capabilities it holds."""
    return frozenset(
        permission
        for grant in GRANTS.values()
        if role in grant.roles
        for permission in grant.permissions
    )


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
    for role in Role:
        names = role_permissions(role)
        missing = sorted(names - permissions.keys())
        if missing:
            raise LookupError(f"Role {role} names unknown permissions: {', '.join(missing)}")
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set([permissions[name] for name in names])


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
            capability for capability, grant in GRANTS.items() if grant.roles & roles
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
