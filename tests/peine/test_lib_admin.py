"""peine.lib.admin: the read-only admin."""

from django.contrib.admin.sites import AdminSite
from django.test import RequestFactory

from peine.lib.admin import ReadOnlyAdmin
from peine.models import SecurityEvent


def test_a_read_only_admin_allows_no_adding_changing_or_deleting(admin_user):
    model_admin = ReadOnlyAdmin(SecurityEvent, AdminSite())
    request = RequestFactory().get("/")
    request.user = admin_user
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
