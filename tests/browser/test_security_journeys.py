"""Two-factor sign-in as a person makes it: enrol the authenticator app, sign out, sign in
with password and code; the sessions list. axe on every page."""

from peine.roles import Role
from tests.browser.conftest import assert_accessible, sign_in_with_password
from tests.factories import TEST_PASSWORD, UserFactory, totp_code


def test_officer_enrols_an_authenticator_app_and_signs_in_with_it(page):
    UserFactory(
        role=Role.OFFICER,
        mfa=False,
        email="neu@peine.example",
        first_name="Alex",
        last_name="Muster",
    )
    sign_in_with_password(page, "neu@peine.example", TEST_PASSWORD)

    # Led straight to the set-up; nothing else opens before it is done.
    page.wait_for_url("**/konto/2fa/totp/activate/")
    assert page.get_by_role("heading", level=1).inner_text() == "Authentifizierungs-App einrichten"
    assert page.get_by_role("img", name="QR-Code für Ihre Authentifizierungs-App").count() == 1
    assert_accessible(page)
    page.goto("/massnahmen/")
    page.wait_for_url("**/konto/2fa/totp/activate/")

    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code aus der App").fill("123")
    page.get_by_role("button", name="Aktivieren").click()
    page.wait_for_load_state()
    assert page.locator(".field__errors").count() == 1
    assert_accessible(page)
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code aus der App").fill(totp_code(secret))
    page.get_by_role("button", name="Aktivieren").click()

    # The recovery codes come next.
    page.wait_for_load_state()
    page.wait_for_url("**/konto/2fa/recovery-codes/")
    assert page.locator(".recovery-codes li").count() == 10
    assert_accessible(page)

    # The overview and the sessions list.
    page.get_by_role("link", name="Anmeldesicherheit").click()
    page.wait_for_url("**/konto/2fa/")
    assert "ist aktiv" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Ihre Sitzungen anzeigen und beenden").click()
    page.wait_for_url("**/konto/sessions/")
    assert "aktuelle Sitzung" in page.locator("main").inner_text()
    assert_accessible(page)

    # Sign out, then sign in with password and code.
    page.get_by_role("link", name="Abmelden").click()
    page.get_by_role("main").get_by_role("button", name="Abmelden").click()
    page.wait_for_url("**/konto/login/")
    page.get_by_label("E-Mail", exact=True).fill("neu@peine.example")
    page.get_by_label("Passwort", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/konto/2fa/authenticate/")
    assert_accessible(page)
    page.get_by_label("Code", exact=True).fill(totp_code(secret))
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).inner_text() == "Willkommen, Alex Muster"
    assert_accessible(page)


def test_the_sign_in_helper_types_the_code_for_factory_users(page):
    UserFactory(role=Role.REVIEWER, email="pruef@peine.example", first_name="Kim", last_name="Lee")
    sign_in_with_password(page, "pruef@peine.example", TEST_PASSWORD)
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).inner_text() == "Willkommen, Kim Lee"
