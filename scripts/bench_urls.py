"""URLs of the benchmark server: the portal plus two reference pages.

Selected only when ``PEINE_BENCH_URLS=1`` is set (scripts/bench.py does so for the
gunicorn it starts); production and the tests' permission matrix never see these pages.

- ``/bench/ceiling/``: a bare Django view rendering a tiny template through the whole
  middleware stack: the fastest any page of this stack can be (the ceiling).
- ``/bench/admin/stakeholders/stakeholder/``: a stock Django admin changelist over the
  stakeholders, read-only for staff, on an admin site of its own (the portal's admin at
  /verwaltung/ stays as it is): what a team would otherwise hand its staff.
"""

from django.contrib import admin
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from peine.lib.admin import ReadOnlyAdmin
from stakeholders.models import Stakeholder

CEILING = engines["django"].from_string(
    '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{{ title }}</title>'
    "</head><body><main><h1>{{ title }}</h1><p>{{ user.is_authenticated|yesno }}</p></main>"
    "</body></html>"
)


def ceiling(request):
    return HttpResponse(CEILING.render({"title": "Ceiling"}, request))


class BenchStakeholderAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "active", "updated_at"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)


bench_admin = admin.AdminSite(name="bench_admin")
bench_admin.register(Stakeholder, BenchStakeholderAdmin)

urlpatterns = [
    path("bench/ceiling/", ceiling, name="bench_ceiling"),
    path("bench/admin/", bench_admin.urls),
    path("", include("peine.urls")),
]
