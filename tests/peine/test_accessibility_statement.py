"""The accessibility statement follows Lower Saxony's law (§§ 9a, 9b, 9d NBGG), not the
federal rules, and claims only the checks the test suite makes."""

from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

BROWSER_TESTS = Path(__file__).resolve().parent.parent / "browser"


def _statement(client) -> str:
    return client.get(reverse("accessibility")).content.decode()


def test_statement_cites_the_lower_saxony_law(client):
    html = _statement(client)
    for citation in ("§ 9a", "§ 9b NBGG", "§ 9d NBGG", "NBITVO"):
        assert citation in html
    assert "behindertenbeauftragte-niedersachsen.de" in html
    assert "16 BGG" not in html
    assert "BITV 2.0" not in html
    assert "schlichtungsstelle-bgg.de" not in html


def test_statement_names_barriers_with_alternatives_and_the_date_of_the_check(client, settings):
    html = _statement(client)
    assert "Nicht barrierefreie Inhalte" in html
    assert html.count("Alternative:") >= 3
    assert "30. November 2026" in html
    assert reverse("accessibility_feedback") in html


def test_every_check_the_statement_claims_is_a_test_that_exists():
    """axe on every page, reflow at 320 px, text spacing, keyboard journeys."""
    assert (BROWSER_TESTS / "test_axe_every_page.py").exists()
    assert "wcag22aa" in (BROWSER_TESTS / "conftest.py").read_text()
    assert "320" in (BROWSER_TESTS / "test_reflow_every_page.py").read_text()
    keyboard = (BROWSER_TESTS / "test_keyboard_journeys.py").read_text()
    for journey in ("interview", "approves_a_measure", "council_follows", "admin", "text_spacing"):
        assert journey in keyboard


def test_feedback_form_is_linked_from_every_page(client):
    for name in ("privacy", "imprint", "account_login"):
        assert reverse("accessibility_feedback") in client.get(reverse(name)).content.decode()
