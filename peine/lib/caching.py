"""The one caching policy: no page for a signed-in person is kept by a browser or proxy.

Interview notes and contact data must not be left in a shared computer's browser cache
or the back-button history after signing out. ``NoStoreForSignedInMiddleware`` sends
``Cache-Control: no-store`` (with Django's other never-cache headers) on

- every response to a signed-in person, whatever the view (pages, downloads, JSON,
  error pages): so no view sets no-store itself, nor uses ``never_cache``
  (``tests/peine/test_no_store.py`` walks the URLs to keep it so);
- the few pages for everyone named in ``NO_STORE_URL_NAMES``, whose answer must be fresh
  even for a visitor who is not signed in.

Static files (served before the session is read) and the other pages for visitors who
are not signed in keep their caching.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

# The health check: a cached "ok" from a proxy would hide an outage from the monitor.
NO_STORE_URL_NAMES = frozenset({"healthz"})


class NoStoreForSignedInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.STATIC_URL):
            return response
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        if (user is not None and user.is_authenticated) or (
            match is not None and match.view_name in NO_STORE_URL_NAMES
        ):
            # no-store and private first, as the downloads have always begun (the Art. 15
            # export is pinned so); then Django's other never-cache headers.
            patch_cache_control(response, no_store=True, private=True)
            add_never_cache_headers(response)
        return response
