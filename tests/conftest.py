"""Personas and shared fixtures. The taxonomies come from the data migration."""

import importlib
import os

import pytest
from django.test import Client

from peine.roles import Role
from tests.factories import UserFactory

ROLES = ["anonymous", Role.OFFICER, Role.REVIEWER, Role.COUNCIL, Role.ADMIN]


def pytest_collection_modifyitems(items):
    """Tests that commit for real flush the database afterwards; the migrations' data
    (taxonomies, role groups) must come back for the tests after them."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        commits = "transactional_db" in item.fixturenames or "live_server" in item.fixturenames
        if commits or (marker and marker.kwargs.get("transaction")):
            options = {
                **(marker.kwargs if marker else {}),
                "transaction": True,
                "serialized_rollback": True,
            }
            item.add_marker(pytest.mark.django_db(**options), append=False)


def pytest_configure(config):
    if not os.environ.get("DATABASE_URL"):
        from peine.lib import localdb

        localdb.ensure_running()


def ensure_reference_data() -> None:
    """Put back what the migrations put in a fresh database, if a flush took it.

    Tests that commit for real flush the database afterwards. Django's serialized rollback
    should restore the migrations' data, but once a browser test has run, Playwright's
    event loop has given the connection another context (asgiref's Local is
    context-local), where the serialized copy made at setup is not visible. So the
    taxonomies are re-created from the data migration itself and the role groups from
    peine/roles.py, exactly as a fresh database has them (both idempotent).
    """
    from django.apps import apps

    from peine.apps import _sync_roles

    importlib.import_module("peine.migrations.0002_taxonomies_and_roles").create_data(apps, None)
    _sync_roles(sender=None, using="default")


@pytest.fixture(autouse=True)
def _reference_data_for_committing_tests(request):
    """Every test that commits starts with the migrations' data, whatever ran before it."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("_django_db_helper")
    ensure_reference_data()
    # A flush empties peine_figurechange but not the cache table (no model): start clean.
    from django.core.cache import caches

    from council import figure_cache

    caches[figure_cache.CACHE].clear()


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings):
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _fresh_taxonomy_cache():
    """Each test starts without the filter choices a rolled-back test kept."""
    from peine.taxonomy_cache import clear

    clear()


@pytest.fixture
def officer(db):
    return UserFactory(role=Role.OFFICER, email="officer@peine.example")


@pytest.fixture
def officer2(db):
    return UserFactory(role=Role.OFFICER, email="officer2@peine.example")


@pytest.fixture
def reviewer(db):
    return UserFactory(role=Role.REVIEWER, email="reviewer@peine.example")


@pytest.fixture
def council(db):
    return UserFactory(role=Role.COUNCIL, email="council@peine.example")


@pytest.fixture
def admin_user(db):
    return UserFactory(role=Role.ADMIN, email="admin@peine.example")


@pytest.fixture
def persona(request, db):
    """The user of a role name, or None for anonymous; use with indirect parametrisation."""
    role = request.param
    if role == "anonymous":
        return None
    return UserFactory(role=role, email=f"{role}-persona@peine.example")


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def officer_client(officer):
    return client_for(officer)


@pytest.fixture
def reviewer_client(reviewer):
    return client_for(reviewer)


@pytest.fixture
def council_client(council):
    return client_for(council)


@pytest.fixture
def admin_client_(admin_user):
    return client_for(admin_user)
