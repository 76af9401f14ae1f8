"""Journeys through the stakeholder register, with axe-core on every page state."""

from peine.roles import Role
from stakeholders.models import ContactPerson, Relationship, Stakeholder
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import ContactPersonFactory, StakeholderFactory, UserFactory

HEADER = "Name;Art;Handlungsfelder;Ortsteile;Kontakt Name;Kontakt E-Mail"
GOOD_ROW = (
    "Sprachcafé Südstadt;Initiative;Sprache und Bildung;Kernstadt;Fatima Benali;fb@example.org"
)


def _csv(*rows: str) -> dict:
    content = "\n".join([HEADER, *rows]).encode("utf-8")
    return {"name": "akteure.csv", "mimeType": "text/csv", "buffer": content}


def test_officer_creates_a_stakeholder_with_a_contact_and_a_relationship(page):
    sign_in_as(page, UserFactory(role=Role.OFFICER))
    StakeholderFactory(name="Runder Tisch Flucht und Asyl Peine")
    page.goto("/akteure/")
    assert_accessible(page)
    page.get_by_role("link", name="Neuer Akteur").click()
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    # Nothing typed yet: the error summary and the message next to the field.
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)
    page.get_by_label("Name:", exact=True).fill("Türkischer Elternverein Peine")
    page.get_by_label("Art:", exact=True).select_option("migrant")
    page.get_by_label("Sprache und Bildung").check()
    page.get_by_label("Kernstadt").check()
    page.get_by_label("Interesse:", exact=True).select_option("5")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/akteure/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Türkischer Elternverein Peine"
    assert_accessible(page)

    page.get_by_role("link", name="Kontaktperson hinzufügen").click()
    assert_accessible(page)
    page.get_by_label("Name:", exact=True).fill("Ayşe Yılmaz")
    page.get_by_label("E-Mail:", exact=True).fill("ayse@example.org")
    page.get_by_label("Einwilligung erteilt am").fill("2026-03-01")
    page.get_by_label("Zweck der Einwilligung").fill("Einladungen zu Beteiligungsrunden")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/akteure/*/")
    assert "Ayşe Yılmaz" in page.locator("#contacts + .table-wrap").inner_text()

    page.get_by_role("link", name="Beziehung hinzufügen").click()
    page.get_by_label("Art:", exact=True).select_option("member_of")
    # The picker: the typed name is resolved on submit.
    page.get_by_label("Anderer Akteur").fill("Runder Tisch Flucht und Asyl Peine")
    page.get_by_label("Notiz").fill("Seit der Gründung dabei.")
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/akteure/*/")
    assert "Seit der Gründung dabei." in page.locator("main").inner_text()
    assert_accessible(page)
    assert ContactPerson.objects.get().name == "Ayşe Yılmaz"
    assert Relationship.objects.get().kind == Relationship.Kind.MEMBER_OF

    page.get_by_role("link", name="Beziehungsnetz anzeigen").click()
    assert page.locator("svg.stakeholder-network").is_visible()
    assert_accessible(page)
    page.goto("/akteure/karte/")
    assert page.locator("svg.stakeholder-map").is_visible()
    assert_accessible(page)


def test_officer_imports_a_file_after_fixing_its_bad_row(page):
    sign_in_as(page, UserFactory(role=Role.OFFICER))
    page.goto("/akteure/import/")
    assert_accessible(page)
    bad_row = "Verein ohne Art;;;;Anna;keine-mail"
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(_csv(GOOD_ROW, bad_row))
    page.get_by_role("button", name="Datei prüfen").click()
    summary = page.locator(".error-summary")
    assert "1 Zeile hat Fehler" in summary.inner_text()
    assert "Zeile 3" in summary.inner_text()
    assert "Pflichtfeld „Art“ fehlt" in summary.inner_text()
    assert "ungültige E-Mail-Adresse" in summary.inner_text()
    assert page.get_by_role("button", name="Zeilen importieren").count() == 0
    assert_accessible(page)
    assert Stakeholder.objects.count() == 0

    fixed_row = "Verein mit Art;Sportverein;;;Anna Kowalczyk;anna@example.org"
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(_csv(GOOD_ROW, fixed_row))
    page.get_by_role("button", name="Datei prüfen").click()
    assert "fehlerfrei: 2 neu" in page.locator("main").inner_text()
    assert_accessible(page)
    assert Stakeholder.objects.count() == 0
    page.get_by_role("button", name="2 Zeilen importieren").click()
    page.wait_for_url("**/akteure/")
    assert "Import abgeschlossen: 2 Akteure angelegt" in page.locator(".messages").inner_text()
    assert_accessible(page)
    assert sorted(Stakeholder.objects.values_list("name", flat=True)) == [
        "Sprachcafé Südstadt",
        "Verein mit Art",
    ]
    assert ContactPerson.objects.count() == 2


def test_council_sees_the_register_without_contacts(page):
    contact = ContactPersonFactory(
        stakeholder=StakeholderFactory(name="Caritas Migrationsdienst", description="intern"),
        name="Aleksandra Nowak",
    )
    sign_in_as(page, UserFactory(role=Role.COUNCIL))
    page.goto("/akteure/")
    main = page.locator("main")
    assert "Caritas Migrationsdienst" in main.inner_text()
    assert main.get_by_role("link", name="Akteurslandkarte").count() == 0
    assert_accessible(page)
    main.get_by_role("link", name="Caritas Migrationsdienst").click()
    text = page.locator("main").inner_text()
    assert "Aleksandra" not in text
    assert "intern" not in text
    assert "Kontaktpersonen" not in text
    assert_accessible(page)
    response = page.goto(f"/akteure/kontakte/{contact.pk}/")
    assert response.status == 403
