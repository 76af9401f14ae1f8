from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from peine.models import District, FundingSource, Goal, Sector, TargetGroup, User
from peine.roles import Role, users_with_role


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Admins create accounts here; the person then sets a password via 'forgot password'."""

    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "last_login"]
    list_filter = ["groups", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name"]}),
        (_("Roles"), {"fields": ["is_active", "groups"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "email",
                    "first_name",
                    "last_name",
                    "groups",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = ["groups"]

    def save_related(self, request, form, formsets, change):
        """Members of the admin role may use this admin site; nobody else may."""
        super().save_related(request, form, formsets, change)
        user = form.instance
        is_admin = users_with_role(Role.ADMIN).filter(pk=user.pk).exists() or user.is_superuser
        if user.is_staff != is_admin:
            user.is_staff = is_admin
            user.save(update_fields=["is_staff"])


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "residents", "position", "active"]
    list_filter = ["kind", "active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Sector, TargetGroup)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "active"]
    list_filter = ["active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FundingSource)
class FundingSourceAdmin(TaxonomyAdmin):
    list_display = ["name", "kind", "position", "active"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "sector", "active"]
    list_filter = ["sector", "active"]
    search_fields = ["code", "title"]
