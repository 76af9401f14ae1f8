"""Browser tests: Playwright drives Debian's Chromium against a live server.

Every page a test looks at should be checked with ``assert_accessible(page)`` (axe-core,
WCAG 2.1 A and AA); ``test_axe_every_page.py`` also visits every page of the permission
matrix. A missing browser is a failure, never a skip.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connections
from playwright.sync_api import sync_playwright

from tests.conftest import ensure_reference_data

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test
# itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
_axe = Axe()


def pytest_collection_modifyitems(items):
    """Live-server tests commit for real: the database is flushed after each, and the
    migrations' data (taxonomies, role groups) is restored from its serialised copy."""
    for item in items:
        if Path(str(item.fspath)).parent.name == "browser":
            item.add_marker(pytest.mark.browser)
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started after (so stopped before) the test database:
    its thread's connection must be gone when the database is dropped."""
    return live_server


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    ensure_reference_data()
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.live_server_url = live_server.url
    yield page
    context.close()
    # The connection this test opened lives in Playwright's context; close it, or it
    # keeps the test database busy when pytest drops it at the end.
    connections.close_all()


def assert_accessible(page) -> None:
    """axe-core on the page as it is now: no WCAG 2.2 A/AA violation (2.0, 2.1 included)."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def sign_in_as(page, user) -> None:
    """Put a signed-in session cookie into the browser (for tests that are not about login)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = django_settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": page.live_server_url,
            }
        ]
    )


def sign_in_with_password(page, email: str, password: str, totp_secret: str | None = None) -> None:
    """Sign in through the form, and type the authenticator code when the portal asks.

    The code comes from ``totp_secret``, or else from the factories' TEST_TOTP_SECRET
    (every factory officer, reviewer and admin has it).
    """
    from tests.factories import TEST_TOTP_SECRET, totp_code

    page.goto("/konto/login/")
    page.get_by_label("E-Mail", exact=True).fill(email)
    page.get_by_label("Passwort", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden").click()
    if "/konto/2fa/authenticate/" in page.url:
        page.get_by_label("Code", exact=True).fill(totp_code(totp_secret or TEST_TOTP_SECRET))
        with page.expect_navigation():
            page.get_by_role("button", name="Anmelden").click()
