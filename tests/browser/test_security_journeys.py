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


def test_officer_enrols_totp_then_logs_an_interview_whose_draft_survives_a_lost_session(page):
    """Issue 9's journey in one piece: enrol the app, sign out, sign in with the code, log
    an interview; its server draft survives a deleted session cookie and nothing is ever
    kept in the browser's storage."""
    from django.conf import settings
    from django.urls import reverse
    from playwright.sync_api import expect

    from consultations.models import Interview, InterviewDraft
    from tests.factories import RoundFactory, StakeholderFactory

    RoundFactory(title="Was wollen wir werden?")
    club = StakeholderFactory(name="Familien für Familien e.V.")
    officer = UserFactory(role=Role.OFFICER, mfa=False, email="journey@peine.example")

    def storage_is_empty():
        assert page.evaluate("JSON.stringify(localStorage)") == "{}"
        assert page.evaluate("JSON.stringify(sessionStorage)") == "{}"

    def password_and_code(secret, step):
        page.get_by_label("E-Mail", exact=True).fill(officer.email)
        page.get_by_label("Passwort", exact=True).fill(TEST_PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url("**/konto/2fa/authenticate/**")
        page.get_by_label("Code", exact=True).fill(totp_code(secret, step=step))
        with page.expect_navigation():
            page.get_by_role("button", name="Anmelden").click()

    # Enrol the authenticator app right after the first sign-in.
    sign_in_with_password(page, officer.email, TEST_PASSWORD)
    page.wait_for_url("**/konto/2fa/totp/activate/")
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code aus der App").fill(totp_code(secret))
    page.get_by_role("button", name="Aktivieren").click()
    page.wait_for_url("**/konto/2fa/recovery-codes/")

    # Sign out; sign in again with password and code.
    page.goto("/konto/logout/")
    with page.expect_response(lambda r: r.request.method == "POST") as logout:
        page.get_by_role("main").get_by_role("button", name="Abmelden").click()
    assert logout.value.all_headers()["clear-site-data"] == '"cache", "storage"'
    page.wait_for_url("**/konto/login/")
    password_and_code(secret, step=0)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Willkommen")

    # Log an interview: the draft goes to the server while typing.
    page.goto(reverse("consultations:interview_create"))
    page.get_by_label("Akteure suchen").fill("famil")
    page.get_by_label("Familien für Familien e.V.", exact=True).check()
    page.get_by_label("Vertrauliche Notizen").fill("Vertraulich: überlebt die Sitzung.")
    page.locator("#id_findings-0-statement").fill("Es fehlen Räume für Treffen.")
    page.locator("#id_findings-0-sector").select_option(label="Sprache und Bildung")
    page.locator("#id_findings-0-kind").select_option(label="Bedarf")
    page.locator("#id_findings-1-statement").fill("Viele helfen ehrenamtlich mit.")
    page.locator("#id_findings-1-sector").select_option(label="Sprache und Bildung")
    page.locator("#id_findings-1-kind").select_option(label="Ressource")
    expect(page.get_by_role("status").filter(has_text="Entwurf um")).to_be_visible()
    assert InterviewDraft.objects.get(author=officer).data["notes"] == [
        "Vertraulich: überlebt die Sitzung."
    ]
    storage_is_empty()

    # The session cookie is deleted: sign in again (password and code), the draft is back.
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    page.goto(reverse("consultations:interview_create"))
    password_and_code(secret, step=1)  # the same code twice is refused (replay)
    if "gespraeche/neu" not in page.url:
        page.goto(reverse("consultations:interview_create"))
    expect(page.get_by_label("Vertrauliche Notizen")).to_have_value(
        "Vertraulich: überlebt die Sitzung."
    )
    expect(page.locator("#id_findings-1-statement")).to_have_value("Viele helfen ehrenamtlich mit.")
    storage_is_empty()
    assert_accessible(page)
    page.get_by_role("button", name="Gespräch speichern").click()
    expect(page.get_by_text("Das Gespräch wurde gespeichert.")).to_be_visible()
    interview = Interview.objects.get()
    assert interview.findings.count() == 2
    assert list(interview.stakeholders.all()) == [club]
    assert not InterviewDraft.objects.exists()
    storage_is_empty()
