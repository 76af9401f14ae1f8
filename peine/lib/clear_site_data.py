"""Signing out empties the browser's cache and storage of this site.

The response to the sign-out POST carries ``Clear-Site-Data: "cache", "storage"``: the
browser drops cached pages and anything a script kept in localStorage, sessionStorage or
IndexedDB (the portal keeps no notes there any more; this also clears what an older
version left behind). Cookies are left to the sign-out itself.
"""

from django.urls import reverse

CLEAR_SITE_DATA = '"cache", "storage"'


class ClearSiteDataOnLogoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "POST" and request.path == reverse("account_logout"):
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
