from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from peine import security
from peine.lib.admin import ReadOnlyAdmin
from peine.models import (
    District,
    FundingSource,
    Goal,
    Sector,
    SecurityEvent,
    TargetGroup,
    User,
)
from peine.roles import Role, users_with_role

MAIL_FAILED = _(
    "The change is saved, but the notification mail could not be sent. "
    "Please inform the people concerned yourself."
)


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
    actions = ["reset_second_factor"]

    def get_readonly_fields(self, request, obj=None):
        """Nobody changes their own roles or deactivates themselves: no self-promotion."""
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            fields += ["groups", "is_active"]
        return fields

    def save_model(self, request, obj, form, change):
        obj._changed_by = request.user
        request._peine_roles_before = (
            set(User.objects.get(pk=obj.pk).groups.values_list("name", flat=True))
            if change
            else set()
        )
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Reset second factor"), permissions=["change"])
    def reset_second_factor(self, request, queryset):
        """Deletes the chosen people's authenticators; recorded and mailed to each."""
        failed = False
        users = list(queryset)
        for user in users:
            failed = not security.reset_second_factor(request.user, user) or failed
        self.message_user(
            request,
            ngettext(
                "Second factor reset for %(count)d person. They set up a new one at their "
                "next sign-in.",
                "Second factor reset for %(count)d people. They set up a new one at their "
                "next sign-in.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )
        if failed:
            self.message_user(request, MAIL_FAILED, messages.WARNING)

    def user_change_password(self, request, id, form_url=""):
        """An admin setting another person's password is recorded and announced."""
        response = super().user_change_password(request, id, form_url)
        if (
            request.method == "POST"
            and response.status_code == 302
            and str(id) != str(request.user.pk)
        ):
            user = User.objects.get(pk=id)
            if not security.password_set_by_admin(request.user, user):
                self.message_user(request, MAIL_FAILED, messages.WARNING)
        return response

    def save_related(self, request, form, formsets, change):
        """Members of the admin role may use this admin site; nobody else may.

        Every newly granted officer or admin role is recorded and announced.
        """
        super().save_related(request, form, formsets, change)
        user = form.instance
        before = getattr(request, "_peine_roles_before", set())
        granted = set(user.groups.values_list("name", flat=True)) - before
        if granted and not security.roles_granted(request.user, user, granted):
            self.message_user(request, MAIL_FAILED, messages.WARNING)
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


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    """The audit trail of security-relevant account changes: read only."""

    list_display = ["created_at", "action", "subject_email", "actor_email", "detail"]
    list_filter = ["action"]
    search_fields = ["subject_email", "actor_email"]
    date_hierarchy = "created_at"

    def has_view_permission(self, request, obj=None):
        # Whoever manages accounts reads their audit trail (no separate permission).
        return request.user.has_perm("peine.change_user")
