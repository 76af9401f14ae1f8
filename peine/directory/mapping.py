"""The mapping from directory groups (or a claim's values) to the portal's roles."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from peine.roles import Role


def role_map() -> dict[str, Role]:
    """``DIRECTORY_ROLE_MAP`` parsed: ``group=role`` entries separated by ``;`` or new
    lines; the group is compared without regard to case, the role is after the last ``=``
    (a group may be an LDAP DN such as ``cn=x,ou=groups,dc=peine,dc=de``)."""
    mapping: dict[str, Role] = {}
    raw = settings.DIRECTORY_ROLE_MAP or ""
    for entry in raw.replace("\n", ";").split(";"):
        entry = entry.strip()
        if not entry:
            continue
        group, sep, role = entry.rpartition("=")
        if not sep or not group.strip():
            raise ImproperlyConfigured(f"DIRECTORY_ROLE_MAP: {entry!r} is not group=role")
        try:
            mapping[group.strip().casefold()] = Role(role.strip())
        except ValueError as error:
            raise ImproperlyConfigured(
                f"DIRECTORY_ROLE_MAP: {role.strip()!r} is not one of "
                f"{', '.join(r.value for r in Role)}"
            ) from error
    return mapping


def roles_for(groups) -> set[Role]:
    mapping = role_map()
    return {mapping[g.casefold()] for g in groups if isinstance(g, str) and g.casefold() in mapping}
