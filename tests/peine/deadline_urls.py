"""The portal's URLs and, for tests/peine/test_request_deadline.py only, slow views."""

import time

from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.urls import path

from peine.urls import urlpatterns as portal_urlpatterns


def slow(request):
    """Writes when posted to, then takes ``seconds`` (query string) to answer."""
    if request.method == "POST":
        Group.objects.create(name=request.POST["group"])
    time.sleep(float(request.GET.get("seconds", 0)))
    return HttpResponse("done")


urlpatterns = [*portal_urlpatterns, path("test-slow/", slow, name="test_slow")]
