"""The portal's URLs and, for tests/peine/test_access_snapshot.py, a trivial guarded page:
what a signed-in request costs before a page runs queries of its own."""

from django.http import HttpResponse
from django.urls import path

from peine.roles import Capability, guard
from peine.urls import urlpatterns as portal_urlpatterns


@guard(Capability.VIEW_STAKEHOLDERS)
def trivial(request):
    return HttpResponse("ok")


urlpatterns = [*portal_urlpatterns, path("test-trivial/", trivial, name="test_trivial")]
