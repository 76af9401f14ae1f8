"""allauth's socialaccount adapter for the directory sign-ins (OpenID Connect, SAML).

- A sign-in whose ID token's nonce is not the one sent is refused.
- A directory account never attaches by itself to a local account with the same e-mail
  address: it is refused with a page saying how to connect it explicitly (signed in with
  the local password, "Connected accounts"); that connection is logged.
- The roles come from the mapped groups at every sign-in; no mapped group, no sign-in.
- A second factor the identity provider asserts (``amr``/``acr``, as configured) counts
  for the portal's second-factor rule for this session.
"""

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.shortcuts import render

from peine.directory import services
from peine.directory.mapping import roles_for
from peine.directory.oidc.provider import NONCE_STATE_KEY
from peine.models import User

# The session key that says the identity provider asserted a second factor.
DIRECTORY_MFA_SESSION_KEY = "peine_directory_mfa"

SOURCES = {"directory_oidc": User.Source.OIDC, "saml": User.Source.SAML}


def refuse(request, reason: str, email: str = "", source: str = ""):
    if reason != "unverified":
        services.record_refusal(email, reason, source)
    raise ImmediateHttpResponse(
        render(request, "peine/directory/refused.html", {"reason": reason}, status=403)
    )


def _provider(sociallogin) -> str:
    """The provider's type (``directory_oidc``, ``saml``), not the app's id (``stadt``)."""
    return sociallogin.account.get_provider(request=None).id


def _claims(sociallogin) -> tuple[dict, dict]:
    data = sociallogin.account.extra_data or {}
    return data.get("id_token") or {}, data.get("userinfo") or {}


def _groups(id_token: dict, userinfo: dict) -> list[str]:
    claim = settings.DIRECTORY_OIDC_GROUPS_CLAIM
    value = userinfo.get(claim, id_token.get(claim, []))
    if isinstance(value, str):
        value = [value]
    return [g for g in value if isinstance(g, str)]


def idp_asserted_second_factor(id_token: dict) -> bool:
    amr = id_token.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    accepted_amr = set(settings.DIRECTORY_OIDC_MFA_AMR)
    accepted_acr = set(settings.DIRECTORY_OIDC_MFA_ACR)
    return bool(accepted_amr & set(amr)) or (
        bool(accepted_acr) and id_token.get("acr") in accepted_acr
    )


class DirectorySocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        # Just-in-time accounts: pre_social_login has already checked the mapped role.
        return True

    def pre_social_login(self, request, sociallogin) -> None:
        provider = _provider(sociallogin)
        source = SOURCES.get(provider, provider)
        id_token, userinfo = _claims(sociallogin)
        state = sociallogin.state or {}
        if provider == "directory_oidc":
            sent = state.get(NONCE_STATE_KEY)
            if not sent or id_token.get("nonce") != sent:
                refuse(request, "unverified")
        if state.get("process") == "connect":
            return  # an explicit link by a signed-in person; logged on social_account_added
        email = (sociallogin.user.email or userinfo.get("email") or "").strip()
        roles = roles_for(_groups(id_token, userinfo))
        if not roles:
            if sociallogin.is_existing:  # removed from every group: loses the roles now
                services.apply_directory_roles(sociallogin.user, set(), source)
            refuse(request, "no_role", email, source)
        if not sociallogin.is_existing and User.objects.filter(email__iexact=email).exists():
            refuse(request, "existing_account", email, source)
        if sociallogin.is_existing:
            services.apply_directory_roles(sociallogin.user, roles, source)
        sociallogin.peine_roles = roles
        if idp_asserted_second_factor(id_token):
            request.session[DIRECTORY_MFA_SESSION_KEY] = True
        else:
            request.session.pop(DIRECTORY_MFA_SESSION_KEY, None)

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        provider = _provider(sociallogin)
        user.source = SOURCES.get(provider, User.Source.OIDC)
        user.directory_id = sociallogin.account.uid[:255]
        user.save(update_fields=["source", "directory_id"])
        roles = getattr(sociallogin, "peine_roles", None)
        if roles is None:
            id_token, userinfo = _claims(sociallogin)
            roles = roles_for(_groups(id_token, userinfo))
        services.apply_directory_roles(user, roles, user.source)
        return user


def on_social_account_added(sender, request, sociallogin, **kwargs):
    """An explicit connection of a directory account to a signed-in local account."""
    source = SOURCES.get(_provider(sociallogin), _provider(sociallogin))
    services.record_link(sociallogin.user, source, sociallogin.account.uid)
