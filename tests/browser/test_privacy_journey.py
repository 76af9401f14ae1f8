"""The officer answers an access request and then an erasure request for the same person:
finds them by name, downloads the file, erases them after the preview, and a search for
the name finds nothing anywhere afterwards. axe-core on every page."""

import json
from pathlib import Path
from urllib.parse import quote

from peine.roles import Role
from privacy.models import AccessRequest, ErasureLog
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import (
    ContactPersonFactory,
    FindingFactory,
    InterviewFactory,
    RoundSummaryFactory,
    StakeholderFactory,
    UserFactory,
)

SURNAME = "Quellmatzki"
NAME = f"Henrike {SURNAME}"
EMAIL = "henrike.quellmatzki@verein.example"


def _plant():
    """The person as a contact, as a participant with notes, and named in a stakeholder's
    description, a finding and a released summary."""
    contact = ContactPersonFactory(name=NAME, email=EMAIL, phone="05171 938271")
    StakeholderFactory(
        name="Nachbarschaftsverein Vöhrum", description=f"Ansprechpartnerin ist {NAME}."
    )
    interview = InterviewFactory(notes=f"{NAME} berichtete vom Sprachcafé.")
    interview.contact_persons.add(contact)
    FindingFactory(interview=interview, statement=f"{NAME} wünscht sich mehr Räume.")
    RoundSummaryFactory(evaluation=f"Die Runde zeigte, was {NAME} vorschlug.")
    return interview


def _main_text(page) -> str:
    return page.locator("main").inner_text()


def test_officer_answers_an_access_request_then_erases_the_person(page):
    officer = UserFactory(role=Role.OFFICER)
    interview = _plant()
    sign_in_as(page, officer)

    # Before: every place of the search finds the person.
    page.goto(f"/akteure/?q={quote(SURNAME)}")
    assert "Nachbarschaftsverein Vöhrum" in _main_text(page)
    page.goto(f"/beteiligung/suche/?q={quote(SURNAME)}")
    assert SURNAME in _main_text(page)
    page.goto(f"/beteiligung/gespraeche/{interview.pk}/")
    assert SURNAME in _main_text(page)

    # The access request: find the person by name.
    page.goto("/datenschutz/anfragen/")
    assert_accessible(page)
    page.get_by_label("Name oder E-Mail-Adresse der Person").fill(NAME)
    page.get_by_role("button", name="Person suchen").click()
    page.wait_for_url("**/datenschutz/anfragen/auskunft/?q=*")
    main = _main_text(page)
    assert EMAIL in main
    assert "wünscht sich mehr Räume" in main
    assert "Nachbarschaftsverein Vöhrum" in main
    assert_accessible(page)

    # Export the file (JSON), logged without the name.
    page.get_by_label("Aktenzeichen").fill("AZ 15-2026-07")
    page.get_by_label("JSON (maschinenlesbar)").check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Anfrage protokollieren und Datei herunterladen").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    exported = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    exported_text = json.dumps(exported, ensure_ascii=False)
    assert NAME in exported_text
    assert EMAIL in exported_text
    assert "05171 938271" in exported_text
    assert "berichtete vom Sprachcafé" in exported_text  # the notes of their interview
    request = AccessRequest.objects.get()
    assert request.reference == "AZ 15-2026-07"
    assert request.format == AccessRequest.Format.JSON

    # The erasure: the preview first, the confirmation is required.
    page.get_by_role("link", name="Diese Person löschen …").click()
    page.wait_for_url("**/datenschutz/anfragen/loeschung/?q=*")
    preview = _main_text(page)
    assert EMAIL in preview
    assert "wünscht sich mehr Räume" in preview
    assert_accessible(page)
    page.get_by_label("Aktenzeichen").fill("AZ 17-2026-07")
    page.get_by_role("button", name="Jetzt löschen").click()
    assert page.locator(".error-summary").is_visible()  # not confirmed yet: nothing erased
    assert ErasureLog.objects.count() == 0
    assert_accessible(page)
    page.get_by_label(
        "Ich habe die Vorschau geprüft: Die Person löschen und die angekreuzten Stellen schwärzen."
    ).check()
    page.get_by_role("button", name="Jetzt löschen").click()
    page.wait_for_url("**/datenschutz/anfragen/")
    assert "Die Person wurde gelöscht" in _main_text(page)
    assert "AZ 17-2026-07" in _main_text(page)
    assert SURNAME not in page.content()
    assert_accessible(page)

    # Afterwards a search for the name finds nothing anywhere.
    page.get_by_label("Name oder E-Mail-Adresse der Person").fill(NAME)
    page.get_by_role("button", name="Person suchen").click()
    page.wait_for_url("**/datenschutz/anfragen/auskunft/?q=*")
    main = _main_text(page)
    assert "Keine Kontaktperson gefunden." in main
    assert "Keine Erwähnung gefunden." in main
    assert EMAIL not in main
    assert_accessible(page)

    page.goto(f"/datenschutz/anfragen/auskunft/?q={quote(EMAIL)}")
    assert "Keine Kontaktperson gefunden." in _main_text(page)
    assert "Keine Erwähnung gefunden." in _main_text(page)

    for url in (f"/akteure/?q={quote(SURNAME)}", f"/akteure/?q={quote(NAME)}"):
        page.goto(url)
        assert "Nachbarschaftsverein Vöhrum" not in _main_text(page), url
        assert_accessible(page)
    for url in (f"/beteiligung/suche/?q={quote(SURNAME)}", f"/beteiligung/suche/?q={quote(NAME)}"):
        page.goto(url)
        main = _main_text(page)
        assert "wünscht sich mehr Räume" not in main, url
        assert "was [gelöscht" not in main, url  # nor the released summary
        assert_accessible(page)
    # The interview page shows the redaction, not the person.
    page.goto(f"/beteiligung/gespraeche/{interview.pk}/")
    assert SURNAME not in page.content()
    assert EMAIL not in page.content()
    assert "[gelöscht gemäß Art. 17 DSGVO] berichtete vom Sprachcafé" in _main_text(page)
    assert_accessible(page)
