import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from peine.roles import user_roles

SESSION_STARTED_KEY = "peine_session_started"
SESSION_LAST_SEEN_KEY = "peine_last_seen"


class AbsoluteSessionTimeoutMiddleware:
    """Ends a session a fixed time after sign-in, however active it was.

    The idle timeout is IdleSessionTimeoutMiddleware's; this one bounds how long a stolen
    session could be used.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault(SESSION_STARTED_KEY, time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)


def idle_seconds_for(user) -> int:
    """How long this person's session survives without a request (depends on the role)."""
    if user.is_superuser or user_roles(user) & set(settings.MFA_REQUIRED_ROLES):
        return settings.SESSION_IDLE_SECONDS
    return settings.SESSION_IDLE_SECONDS_COUNCIL


class IdleSessionTimeoutMiddleware:
    """Signs out after the role's idle time without a request.

    The session (and its cookie) is renewed at most once every SESSION_REFRESH_SECONDS,
    not on every request, so reading pages does not write to the database each time.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            idle = idle_seconds_for(request.user)
            last_seen = request.session.get(SESSION_LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > idle:
                logout(request)
            elif last_seen is None or now - last_seen >= settings.SESSION_REFRESH_SECONDS:
                request.session[SESSION_LAST_SEEN_KEY] = now
                request.session.set_expiry(idle)
        return self.get_response(request)


# What a person who must still set up a second factor may open (URL names).
SECOND_FACTOR_SETUP_ALLOWED = {
    "account_logout",
    "account_reauthenticate",
    "accessibility",
    "accessibility_feedback",
    "privacy",
    "imprint",
    "healthz",
    "set_language",
}


def requires_second_factor(user) -> bool:
    return user.is_superuser or bool(user_roles(user) & set(settings.MFA_REQUIRED_ROLES))


def has_second_factor(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user_id=user.pk, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


class SecondFactorRequiredMiddleware:
    """Officer, reviewer and admin must set up a second factor before anything else.

    Until they have one, every page except the set-up pages (allauth's ``mfa_*``), sign
    out, static files and the public pages redirects to the authenticator-app set-up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and requires_second_factor(user)
            and not self._allowed(request.path_info)
            and not has_second_factor(user)
        ):
            messages.warning(
                request,
                _("Please set up two-factor authentication with an authenticator app first."),
                fail_silently=True,
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        if path.startswith(settings.STATIC_URL):
            return True
        try:
            name = resolve(path).url_name or ""
        except Resolver404:
            return False
        return name.startswith("mfa_") or name in SECOND_FACTOR_SETUP_ALLOWED
