import contextlib
import logging
import signal
import threading
import time

import psycopg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import connections, transaction
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from psycopg.pq import TransactionStatus

from peine.roles import user_roles

SESSION_STARTED_KEY = "peine_session_started"
SESSION_LAST_SEEN_KEY = "peine_last_seen"
SESSION_ACCESS_KEY = "peine_access"


class AccessSnapshotMiddleware:
    """Reads a person's roles and second-factor state once per session, not per request.

    The session keeps them with the person's ``access_version``, which database triggers
    raise whenever their groups or authenticators change (peine/migrations/0005). The user
    row is loaded on every request anyway, so comparing the number costs nothing, and a
    role taken away counts at the very next request. Put right after Django's
    AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            load_access(request)
        return self.get_response(request)


def load_access(request) -> None:
    user = request.user
    snapshot = request.session.get(SESSION_ACCESS_KEY)
    if (
        isinstance(snapshot, dict)
        and snapshot.get("user") == user.pk
        and snapshot.get("version") == user.access_version
    ):
        user._role_names = set(snapshot["roles"])
        if snapshot["second_factor"] is not None:
            user._second_factor = snapshot["second_factor"]
        return
    store_access(request.session, user, version=user.access_version)


def store_access(session, user, *, version: int) -> None:
    """Reads ``user``'s roles and second-factor state into ``session`` under ``version``.

    ``version`` must have been read before the roles: a change in between then leaves a
    newer state under an older number, which the next request reads again."""
    for cached in ("_role_names", "_capabilities", "_second_factor"):
        user.__dict__.pop(cached, None)
    roles = user_roles(user)
    second_factor = has_second_factor(user) if requires_second_factor(user) else None
    session[SESSION_ACCESS_KEY] = {
        "user": user.pk,
        "version": version,
        "roles": sorted(roles),
        "second_factor": second_factor,
    }


def store_access_on_login(sender, request, user, **kwargs) -> None:
    """At sign-in (user_logged_in), so the first page after it pays nothing extra."""
    if request is None or not hasattr(request, "session"):
        return
    version = type(user).objects.filter(pk=user.pk).values_list("access_version", flat=True)
    store_access(request.session, user, version=version.first() or 0)


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
    """Whether ``user`` has an authenticator app or a security key (once per request; per
    session through AccessSnapshotMiddleware)."""
    from allauth.mfa.models import Authenticator

    if not hasattr(user, "_second_factor"):
        user._second_factor = Authenticator.objects.filter(
            user_id=user.pk, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exists()
    return user._second_factor


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
            and not request.session.get("peine_directory_mfa")  # asserted by the directory
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


class RequestDeadlineMiddleware:
    """Stops a request after REQUEST_DEADLINE_SECONDS with a German page that says whether
    the input was saved, before gunicorn's timeout (deploy/gunicorn.conf.py) kills the
    worker and answers with its bare English error.

    A request that may write (POST and the like) runs in one transaction, so stopping it
    rolls all of it back and the page can say so: nothing of it was saved. The deadline is
    a SIGALRM timer, so it holds where requests run in the main thread (gunicorn's sync
    workers, the test client); elsewhere (runserver's threads) requests run without it.
    """

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    class Exceeded(BaseException):
        """Raised into a request that passed its deadline. A BaseException, so that no
        ``except Exception`` in a view swallows it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.in_view = False

    def __call__(self, request):
        seconds = settings.REQUEST_DEADLINE_SECONDS
        if not seconds or threading.current_thread() is not threading.main_thread():
            return self.get_response(request)
        writes = request.method not in self.SAFE_METHODS
        previous = signal.signal(signal.SIGALRM, self._expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            if writes:
                with transaction.atomic():
                    return self._view(request)
            return self._view(request)
        except self.Exceeded:
            return self._stopped(request, seconds=seconds, writes=writes)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def _view(self, request):
        self.in_view = True
        try:
            return self.get_response(request)
        finally:
            # From here on the response stands (a POST's transaction is committed next).
            self.in_view = False

    def _expire(self, signum, frame):
        if not self.in_view:
            return
        self.in_view = False
        # A query still running goes on in the server unless it is cancelled.
        for connection in connections.all(initialized_only=True):
            if self._busy(connection):
                # If the cancel fails, closing the connection below ends the query too.
                with contextlib.suppress(psycopg.Error):
                    connection.connection.cancel_safe(timeout=2)
        raise self.Exceeded

    @staticmethod
    def _busy(connection) -> bool:
        raw = connection.connection
        return raw is not None and raw.info.transaction_status == TransactionStatus.ACTIVE

    def _stopped(self, request, *, seconds, writes: bool):
        # A connection interrupted in the middle of a query cannot be used again.
        for connection in connections.all(initialized_only=True):
            if self._busy(connection):
                connection.close()
        # Messages of the stopped request ("saved") would tell the next page a falsehood.
        for _message in messages.get_messages(request):
            pass
        logging.getLogger(__name__).warning(
            "Request stopped after its deadline of %s s: %s %s (%s)",
            seconds,
            request.method,
            request.path,
            "rolled back" if writes else "read only",
        )
        return render(request, "503_timeout.html", {"input_discarded": writes}, status=503)
