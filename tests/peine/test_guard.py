"""One guard for every view (peine.roles): capabilities, the decorator, the mixin, the
URL walk that proves every page is guarded, and the one list for navigation and tiles."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver
from django.views import View
from django.views.generic import RedirectView

from peine.context_processors import ENTRIES, CapabilityFlags
from peine.roles import (
    GRANTS,
    Capability,
    GuardMixin,
    Role,
    capabilities_of,
    guard,
    has_capability,
    role_permissions,
    users_with_role,
)
from tests.conftest import client_for
from tests.factories import UserFactory

# Pages anyone may open: health check, legal pages, feedback, the language switch.
PUBLIC_URL_NAMES = {
    "healthz",
    "accessibility",
    "accessibility_feedback",
    "privacy",
    "imprint",
    "set_language",
    "display_settings",
    # The directory sign-in (peine/directory/oidc/): its start and the provider's
    # callback are reached before anyone is signed in.
    "directory_oidc_login",
    "directory_oidc_callback",
}
# allauth's own sign-in, password and account views guard themselves.
PUBLIC_MODULES = ("allauth.",)
# The Django admin checks staff status and model permissions itself; OParl is public open
# data by specification (released reports only, tests/oparl/test_markers.py).
PUBLIC_NAMESPACES = ("admin", "oparl")


def _patterns(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern


def _is_guarded(callback) -> bool:
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return issubclass(view_class, GuardMixin) and view_class.capabilities is not None
    return hasattr(callback, "guard_capabilities")


def _is_allowed_public(namespace: str, pattern: URLPattern) -> bool:
    callback = pattern.callback
    view_class = getattr(callback, "view_class", callback)
    module = view_class.__module__
    return (
        pattern.name in PUBLIC_URL_NAMES
        # allauth's old "social/" addresses only redirect to pages checked here themselves
        or view_class is RedirectView
        or module.startswith(PUBLIC_MODULES)
        or namespace.split(":")[0] in PUBLIC_NAMESPACES
    )


def test_every_url_pattern_is_guarded_or_explicitly_public():
    unguarded = [
        f"{namespace}{pattern.name or pattern.pattern}"
        for namespace, pattern in _patterns(get_resolver().url_patterns)
        if not _is_guarded(pattern.callback) and not _is_allowed_public(namespace, pattern)
    ]
    assert unguarded == [], "views without peine.roles.guard / GuardMixin"


def test_the_public_allow_list_names_only_existing_unguarded_pages():
    by_name = {
        pattern.name: pattern
        for namespace, pattern in _patterns(get_resolver().url_patterns)
        if not namespace
    }
    assert by_name.keys() >= PUBLIC_URL_NAMES
    # A page on the list that has a guard after all should leave the list.
    assert not [name for name in PUBLIC_URL_NAMES if _is_guarded(by_name[name].callback)]


def test_the_walk_sees_guarded_views_of_every_app():
    guarded = {
        namespace.split(":")[0]
        for namespace, pattern in _patterns(get_resolver().url_patterns)
        if _is_guarded(pattern.callback)
    }
    assert {"", "stakeholders", "consultations", "measures", "council"} <= guarded


# --- capabilities ---------------------------------------------------------------------

# For every capability, a Django permission (kept for the admin site) that the same
# roles hold: the capability table and the groups' permissions cannot drift apart.
WITNESSES = {
    Capability.VIEW_STAKEHOLDERS: "stakeholders.view_stakeholder",
    Capability.SEE_CONTACT_DETAILS: "stakeholders.view_contactperson",
    Capability.EDIT_STAKEHOLDERS: "stakeholders.change_stakeholder",
    Capability.READ_CONSULTATIONS: "consultations.view_interview",
    Capability.RUN_CONSULTATIONS: "consultations.add_interview",
    Capability.READ_NOTES: "consultations.view_interview_notes",
    Capability.RELEASE_SUMMARIES: "consultations.release_roundsummary",
    Capability.READ_SUMMARIES: "consultations.view_released_summary",
    Capability.VIEW_MEASURES: "measures.view_measure",
    Capability.PROPOSE_MEASURES: "measures.change_measure",
    Capability.REVIEW_MEASURES: "measures.review_measure",
    Capability.RECORD_PROGRESS: "measures.add_progressentry",
    Capability.READ_INTERNAL: "measures.view_review",
    Capability.VIEW_DASHBOARD: "peine.view_dashboard",
    Capability.FREEZE_EDITIONS: "peine.add_reportedition",
    Capability.ADMINISTER: "peine.change_user",
    Capability.HANDLE_PRIVACY_REQUESTS: "privacy.handle_requests",
    Capability.READ_PRIVACY_RECORDS: "privacy.view_records",
}


def test_every_capability_has_roles_and_matches_the_admin_permissions():
    assert set(GRANTS) == set(Capability) == set(WITNESSES)
    for capability, permission in WITNESSES.items():
        holders = {role for role in Role if permission in role_permissions(role)}
        assert GRANTS[capability].roles == holders, capability


def test_the_council_reads_nothing_internal_and_the_admin_only_administers():
    council = {c for c, grant in GRANTS.items() if Role.COUNCIL in grant.roles}
    assert council == {
        Capability.VIEW_STAKEHOLDERS,
        Capability.READ_SUMMARIES,
        Capability.VIEW_MEASURES,
        Capability.VIEW_DASHBOARD,
    }
    # The admin also reads the privacy records: who read notes, what falls due (counts and
    # staff accounts only, never contact persons or notes).
    admin = {c for c, grant in GRANTS.items() if Role.ADMIN in grant.roles}
    assert admin == {Capability.ADMINISTER, Capability.READ_PRIVACY_RECORDS}
    assert GRANTS[Capability.READ_NOTES].roles == {Role.OFFICER}


@pytest.mark.django_db
def test_capabilities_follow_the_roles_and_inactive_people_have_none():
    officer = UserFactory(role=Role.OFFICER)
    reviewer = UserFactory(role=Role.REVIEWER)
    assert has_capability(officer, Capability.READ_NOTES)
    assert not has_capability(reviewer, Capability.READ_NOTES)
    assert has_capability(reviewer, Capability.REVIEW_MEASURES, Capability.READ_INTERNAL)
    assert not has_capability(officer, Capability.REVIEW_MEASURES, Capability.READ_INTERNAL)
    assert capabilities_of(AnonymousUser()) == frozenset()
    officer.is_active = False
    officer._capabilities = frozenset(Capability)  # even a stale cache does not count
    assert capabilities_of(officer) == frozenset()


@pytest.mark.django_db
def test_users_with_role_finds_exactly_that_role():
    officer = UserFactory(role=Role.OFFICER)
    UserFactory(role=Role.REVIEWER)
    UserFactory(role=Role.COUNCIL)
    assert list(users_with_role(Role.OFFICER)) == [officer]
    assert list(users_with_role("officer")) == [officer]


# --- the decorator and the mixin -------------------------------------------------------


@guard(Capability.READ_NOTES)
def _notes_view(request):
    return HttpResponse("notes")


class _NotesView(GuardMixin, View):
    capabilities = (Capability.READ_NOTES,)

    def get(self, request):
        return HttpResponse("notes")


def _request(user):
    request = RequestFactory().get("/somewhere/?page=2")
    request.user = user
    return request


@pytest.mark.django_db
@pytest.mark.parametrize("view", [_notes_view, _NotesView.as_view()])
def test_guard_redirects_anonymous_forbids_without_capability_and_lets_through(view):
    response = view(_request(AnonymousUser()))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/somewhere/%3Fpage%3D2" in response["Location"]
    with pytest.raises(PermissionDenied):
        view(_request(UserFactory(role=Role.REVIEWER)))
    inactive = UserFactory(role=Role.OFFICER, is_active=False)
    with pytest.raises(PermissionDenied):
        view(_request(inactive))
    assert view(_request(UserFactory(role=Role.OFFICER))).content == b"notes"


@pytest.mark.django_db
def test_guard_without_capabilities_needs_only_a_sign_in_and_marks_the_view():
    @guard()
    def signed_in(request):
        return HttpResponse("ok")

    assert signed_in.guard_capabilities == ()
    assert _notes_view.guard_capabilities == (Capability.READ_NOTES,)
    assert signed_in(_request(AnonymousUser())).status_code == 302
    assert signed_in(_request(UserFactory(role=Role.ADMIN))).content == b"ok"


@pytest.mark.django_db
def test_a_class_view_without_capabilities_fails_loudly():
    from django.core.exceptions import ImproperlyConfigured

    class Forgotten(GuardMixin, View):
        def get(self, request):
            return HttpResponse("open")

    with pytest.raises(ImproperlyConfigured):
        Forgotten.as_view()(_request(UserFactory(role=Role.OFFICER)))
    assert not _is_guarded(Forgotten.as_view())


@pytest.mark.django_db
def test_guard_hands_anonymous_requests_to_its_own_handler():
    @guard(Capability.RUN_CONSULTATIONS, anonymous=lambda request: HttpResponse(status=418))
    def view(request):
        return HttpResponse("ok")

    assert view(_request(AnonymousUser())).status_code == 418


# --- templates: can.<capability> -------------------------------------------------------


@pytest.mark.django_db
def test_can_in_templates_answers_per_capability_and_unknown_names_are_false():
    can = CapabilityFlags(UserFactory(role=Role.REVIEWER))
    assert can.review_measures is True
    assert can.read_notes is False
    assert can.reed_notes is False  # a typo never opens anything
    with pytest.raises(KeyError):
        can["reed_notes"]
    assert CapabilityFlags(AnonymousUser()).view_measures is False


# --- navigation and home tiles: one list ------------------------------------------------


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.OFFICER, Role.REVIEWER, Role.ADMIN])
def test_navigation_and_home_tiles_come_from_one_list(role):
    user = UserFactory(role=role)
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    capabilities = capabilities_of(user)
    allowed = [e for e in ENTRIES if e.capability is None or e.capability in capabilities]
    nav = [item["url"] for item in response.context["main_navigation"]]
    assert nav == [reverse(e.url_name) for e in allowed if e.label]
    tiles = [tile["url"] for tile in response.context["tiles"]]
    assert tiles == [reverse(e.url_name) for e in allowed if e.title]
    html = response.content.decode()
    main = html[html.index("<main") :]
    for url in tiles:
        assert f'href="{url}"' in main
    forbidden = [reverse(e.url_name) for e in ENTRIES if e not in allowed]
    assert not set(forbidden) & set(_links(html))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.OFFICER, Role.REVIEWER, Role.COUNCIL, Role.ADMIN])
def test_every_navigation_entry_opens_for_the_people_it_is_shown_to(role):
    user = UserFactory(role=role)
    client = client_for(user)
    capabilities = capabilities_of(user)
    for entry in ENTRIES:
        if entry.capability is not None and entry.capability not in capabilities:
            continue
        response = client.get(reverse(entry.url_name))
        expected = 302 if (entry.url_name == "home" and role == Role.COUNCIL) else 200
        assert response.status_code == expected, (role, entry.url_name)
