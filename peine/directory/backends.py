"""Authentication backends: LDAP / Active Directory, and local passwords per role.

``DirectoryLDAPBackend`` is django-auth-ldap's backend with the portal's rules: people
type their e-mail address (the sign-in form's field) and their directory password; the
user is found by a search (``LDAP_USER_FILTER``), bound as themselves, their groups found
by a group search; an account is found by its directory name, never by e-mail, so a
directory sign-in cannot take over a local account; roles are the mapped groups' at every
sign-in; with no mapped group nobody signs in.
"""

import ldap
from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django_auth_ldap.backend import LDAPBackend
from django_auth_ldap.config import (
    GroupOfNamesType,
    LDAPSearch,
    NestedActiveDirectoryGroupType,
)

from peine.directory import services
from peine.directory.mapping import roles_for
from peine.models import User


class DirectoryLDAPBackend(LDAPBackend):
    def __init__(self):
        super().__init__()
        self.settings.SERVER_URI = settings.LDAP_SERVER_URI
        self.settings.START_TLS = settings.LDAP_START_TLS
        self.settings.BIND_DN = settings.LDAP_BIND_DN
        self.settings.BIND_PASSWORD = settings.LDAP_BIND_PASSWORD
        self.settings.USER_SEARCH = LDAPSearch(
            settings.LDAP_USER_SEARCH_BASE, ldap.SCOPE_SUBTREE, settings.LDAP_USER_FILTER
        )
        active_directory = settings.LDAP_GROUP_TYPE == "activedirectory"
        self.settings.GROUP_SEARCH = LDAPSearch(
            settings.LDAP_GROUP_SEARCH_BASE,
            ldap.SCOPE_SUBTREE,
            "(objectClass=group)" if active_directory else "(objectClass=groupOfNames)",
        )
        self.settings.GROUP_TYPE = (
            NestedActiveDirectoryGroupType() if active_directory else GroupOfNamesType()
        )
        self.settings.USER_ATTR_MAP = {"first_name": "givenName", "last_name": "sn"}
        self.settings.ALWAYS_UPDATE_USER = True
        self.settings.MIRROR_GROUPS = False
        options = {ldap.OPT_REFERRALS: 0, ldap.OPT_NETWORK_TIMEOUT: 10}
        if settings.LDAP_CA_FILE:
            options[ldap.OPT_X_TLS_CACERTFILE] = settings.LDAP_CA_FILE
            options[ldap.OPT_X_TLS_NEWCTX] = 0
        self.settings.CONNECTION_OPTIONS = options

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        login = (username or email or "").strip()
        if not login or not password:
            return None
        self._request = request
        return super().authenticate(request, username=login, password=password, **kwargs)

    def get_or_build_user(self, username, ldap_user):
        key = (ldap_user.dn or username).casefold()[:255]
        user = User.objects.filter(source=User.Source.LDAP, directory_id=key).first()
        if user is not None:
            return user, False
        mail = (ldap_user.attrs.get("mail") or [username])[0]
        if User.objects.filter(email__iexact=mail).exists():
            services.record_refusal(mail, "existing_account", User.Source.LDAP)
            self._say(
                _(
                    "A portal account with this e-mail address already exists and is not "
                    "joined to your directory account automatically. Please ask the IT "
                    "administration."
                )
            )
            raise PermissionDenied
        user = User(email=mail, source=User.Source.LDAP, directory_id=key)
        user.set_unusable_password()
        return user, True

    def authenticate_ldap_user(self, ldap_user, password):
        user = super().authenticate_ldap_user(ldap_user, password)
        if user is None:
            return None
        group_dns = ldap_user.group_dns
        roles = roles_for(group_dns | {dn.split(",")[0].split("=")[-1] for dn in group_dns})
        if not roles:
            if user.pk:  # removed from every group: loses the roles now
                services.apply_directory_roles(user, set(), User.Source.LDAP)
            services.record_refusal(user.email, "no_role", User.Source.LDAP)
            self._say(
                _(
                    "Your directory account belongs to no group that has a role in this "
                    "portal, so you cannot sign in. Please ask the IT administration."
                )
            )
            raise PermissionDenied
        services.apply_directory_roles(user, roles, User.Source.LDAP)
        return user

    def _say(self, text: str) -> None:
        request = getattr(self, "_request", None)
        if request is not None:
            messages.error(request, text, fail_silently=True)


class LocalPasswordBackend(AuthenticationBackend):
    """allauth's e-mail and password backend (Django's password backend beneath it),
    refusing local passwords for directory accounts and for the roles in
    ``LOCAL_PASSWORD_DISABLED_ROLES``, except the break-glass admins'
    (``LOCAL_PASSWORD_BREAK_GLASS``). Sessions already open are not affected."""

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None and not local_password_allowed(user):
            return None
        return user


def local_password_allowed(user) -> bool:
    if user.source != User.Source.LOCAL:
        return False
    if user.email.casefold() in {e.casefold() for e in settings.LOCAL_PASSWORD_BREAK_GLASS}:
        return True
    disabled = set(settings.LOCAL_PASSWORD_DISABLED_ROLES)
    return not (disabled & set(user.groups.values_list("name", flat=True)))
