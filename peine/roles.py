"""The four roles and what each may do: the one place that decides.

Each role is a Django group of the same name. Its permissions are kept in step with
``ROLE_PERMISSIONS`` after every ``migrate`` (see ``peine.apps``), so a new permission
reaches the groups with the migration that creates it. Views ask ``user.has_perm(...)``;
querysets narrow what a permitted role sees (``.visible_to(user)``).
"""

from enum import StrEnum

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


# Data protection (peine/privacy): the officer answers access and erasure requests; the
# officer and the admin read who read notes, the records of processing and what falls due
# (the admin sees counts only, never the persons).
ROLE_PERMISSIONS[Role.OFFICER] += [
    "privacy.handle_requests",
    "privacy.view_notereadlog",
    "privacy.view_records",
]
ROLE_PERMISSIONS[Role.ADMIN] += ["privacy.view_notereadlog", "privacy.view_records"]
