"""No page for a signed-in person is kept by a browser or proxy cache.

Interview notes and contact data must not be left in a shared computer's browser cache
or the back-button history after signing out. ``NoStoreForSignedInMiddleware`` sends
``Cache-Control: no-store`` (with Django's other never-cache headers) on every response
to a signed-in person; static files (served before the session is read) and pages for
visitors who are not signed in keep their caching.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers


class NoStoreForSignedInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.STATIC_URL):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
