import time

from django.conf import settings
from django.contrib.auth import logout

SESSION_STARTED_KEY = "peine_session_started"


class AbsoluteSessionTimeoutMiddleware:
    """Ends a session a fixed time after sign-in, however active it was.

    The idle timeout is the session cookie's age (renewed on every request); this one
    bounds how long a stolen session could be used.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault(SESSION_STARTED_KEY, time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)
