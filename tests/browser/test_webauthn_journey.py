"""A security key as second factor, driven by Chromium's virtual authenticator (CDP).

The officer signs in with password and authenticator app, adds a security key, signs out,
and signs in again with password and the key instead of the code (a forged answer is
turned away first); then renames and removes the key. axe on every page.
"""

from urllib.parse import urlsplit

from allauth.mfa.models import Authenticator

from peine.roles import Role
from tests.browser.conftest import assert_accessible, sign_in_with_password
from tests.factories import TEST_PASSWORD, UserFactory


def add_virtual_authenticator(page) -> tuple:
    """A platform authenticator (like a laptop's fingerprint reader) that says yes."""
    client = page.context.new_cdp_session(page)
    client.send("WebAuthn.enable")
    result = client.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return client, result["authenticatorId"]


def test_officer_adds_a_security_key_and_signs_in_with_it(page):
    officer = UserFactory(
        role=Role.OFFICER, email="schluessel@peine.example", first_name="Sam", last_name="Key"
    )
    client, authenticator_id = add_virtual_authenticator(page)
    sign_in_with_password(page, "schluessel@peine.example", TEST_PASSWORD)
    page.wait_for_url(lambda url: urlsplit(url).path == "/")

    page.goto("/konto/2fa/")
    assert_accessible(page)
    page.get_by_role("link", name="Sicherheitsschlüssel hinzufügen").click()
    # Changing the factors asks for the password first.
    page.wait_for_url("**/konto/reauthenticate/**")
    page.get_by_label("Passwort").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url("**/konto/2fa/webauthn/add/")
    assert page.get_by_role("heading", level=1).inner_text() == "Sicherheitsschlüssel hinzufügen"
    assert_accessible(page)
    page.get_by_label("Name des Schlüssels").fill("Blauer USB-Schlüssel")
    page.get_by_role("button", name="Schlüssel hinzufügen").click()

    # The first key also makes the recovery codes.
    page.wait_for_url("**/konto/2fa/recovery-codes/")
    assert page.locator(".recovery-codes li").count() == 10
    key = Authenticator.objects.get(user=officer, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Blauer USB-Schlüssel"
    credentials = client.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert len(credentials["credentials"]) == 1

    page.goto("/konto/2fa/webauthn/")
    assert page.get_by_role("row", name="Blauer USB-Schlüssel").count() == 1
    assert_accessible(page)

    # The same key cannot be added twice: the browser refuses, the page says why.
    page.get_by_role("link", name="Sicherheitsschlüssel hinzufügen").click()
    page.wait_for_url("**/konto/2fa/webauthn/add/")
    page.get_by_role("button", name="Schlüssel hinzufügen").click()
    alert = page.locator("[data-webauthn-error]")
    alert.filter(has_text="bereits").wait_for()
    assert alert.inner_text() == (
        "Dieser Sicherheitsschlüssel wurde Ihrem Konto bereits hinzugefügt."
    )
    assert_accessible(page)
    assert Authenticator.objects.filter(user=officer, type=Authenticator.Type.WEBAUTHN).count() == 1

    # Sign out, then sign in with password and the key.
    page.get_by_role("link", name="Abmelden").click()
    page.get_by_role("main").get_by_role("button", name="Abmelden").click()
    page.wait_for_url("**/konto/login/")
    page.get_by_label("E-Mail", exact=True).fill("schluessel@peine.example")
    page.get_by_label("Passwort", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/konto/2fa/authenticate/")
    assert_accessible(page)

    # A forged answer (bad signature) is turned away with a message, not signed in.
    client.send(
        "WebAuthn.setResponseOverrideBits",
        {"authenticatorId": authenticator_id, "isBogusSignature": True},
    )
    page.get_by_role("button", name="Sicherheitsschlüssel verwenden").click()
    page.get_by_text("Der Sicherheitsschlüssel wurde nicht erkannt.").wait_for()
    assert "/konto/2fa/authenticate/" in page.url
    assert_accessible(page)
    client.send(
        "WebAuthn.setResponseOverrideBits",
        {"authenticatorId": authenticator_id, "isBogusSignature": False},
    )

    page.get_by_role("button", name="Sicherheitsschlüssel verwenden").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Willkommen, Sam Key"
    assert_accessible(page)
    key.refresh_from_db()
    assert key.last_used_at is not None

    # Rename the key, then remove it (both ask to confirm access first).
    page.goto("/konto/2fa/webauthn/")
    page.get_by_role("link", name="Umbenennen „Blauer USB-Schlüssel“").click()
    page.wait_for_url("**/konto/reauthenticate/**")
    page.get_by_label("Passwort").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url(f"**/konto/2fa/webauthn/keys/{key.pk}/edit/")
    assert_accessible(page)
    page.get_by_label("Name des Schlüssels").fill("")
    page.get_by_role("button", name="Speichern").click()
    page.locator(".field__errors").wait_for()
    assert_accessible(page)
    page.get_by_label("Name des Schlüssels").fill("Laptop")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/konto/2fa/webauthn/")
    page.get_by_role("link", name="Entfernen „Laptop“").click()
    page.wait_for_url(f"**/konto/2fa/webauthn/keys/{key.pk}/remove/")
    assert_accessible(page)
    page.get_by_role("button", name="Entfernen").click()
    page.wait_for_url("**/konto/2fa/webauthn/")
    assert "noch keinen Sicherheitsschlüssel" in page.locator("main").inner_text()
    assert not Authenticator.objects.filter(user=officer, type=Authenticator.Type.WEBAUTHN).exists()
