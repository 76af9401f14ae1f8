"""First journeys: each role signs in and sees its home; language switch; wrong password."""

import pytest

from peine.roles import Role
from tests.browser.conftest import assert_accessible, sign_in_with_password
from tests.factories import TEST_PASSWORD, UserFactory

ROLE_LABELS = {
    Role.OFFICER: "Gleichstellungs- und Integrationsbüro",
    Role.REVIEWER: "Fachverwaltung (Prüfung)",
    Role.ADMIN: "IT-Administration",
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_signs_in_and_sees_its_home(page, role):
    UserFactory(role=role, email=f"{role}@peine.example", first_name="Alex", last_name="Muster")
    page.goto("/")
    assert "/konto/login/" in page.url
    assert_accessible(page)
    sign_in_with_password(page, f"{role}@peine.example", TEST_PASSWORD)
    if role == Role.COUNCIL:
        page.wait_for_url("**/rat/")
        assert page.get_by_role("heading", level=1).inner_text() == "Ratsübersicht"
    else:
        page.wait_for_url("**/")
        assert page.get_by_role("heading", level=1).inner_text() == "Willkommen, Alex Muster"
        assert f"Ihre Rolle: {ROLE_LABELS[role]}" in page.locator("main").inner_text()
    assert_accessible(page)


def test_council_navigation_offers_no_register_contacts_or_administration(page):
    UserFactory(role=Role.COUNCIL, email="rat@peine.example")
    sign_in_with_password(page, "rat@peine.example", TEST_PASSWORD)
    page.wait_for_url("**/rat/")
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    assert navigation.get_by_role("link", name="Verwaltung").count() == 0
    assert navigation.get_by_role("link", name="Beteiligung").count() == 0
    assert navigation.get_by_role("link", name="Ratsübersicht").count() == 1


def test_wrong_password_gets_a_clear_message_and_keeps_the_email(page):
    UserFactory(role=Role.OFFICER, email="officer@peine.example")
    sign_in_with_password(page, "officer@peine.example", "not-the-password")
    alert = page.locator(".errorlist, [role=alert]").first
    assert "Passwort sind leider falsch" in alert.inner_text()
    assert page.get_by_label("E-Mail", exact=True).input_value() == "officer@peine.example"
    assert_accessible(page)


def test_language_switch_to_english_and_back(page):
    UserFactory(role=Role.OFFICER, email="officer@peine.example")
    sign_in_with_password(page, "officer@peine.example", TEST_PASSWORD)
    page.wait_for_url("**/")
    page.get_by_label("Sprache").select_option("en")
    page.get_by_role("button", name="Wechseln").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to content").count() == 1
    assert_accessible(page)
    page.get_by_label("Language").select_option("de")
    page.get_by_role("button", name="Switch").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "de"


def test_skip_link_is_first_and_moves_focus_to_main(page):
    page.goto("/barrierefreiheit/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Zum Inhalt springen" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert_accessible(page)
