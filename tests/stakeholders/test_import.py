"""Spreadsheet import: a preview with every bad row, nothing written until confirmed."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from stakeholders.models import ContactPerson, Stakeholder
from tests.stakeholders.factories import StakeholderFactory

IMPORT = reverse("stakeholders:import")
CONFIRM = reverse("stakeholders:import_confirm")
HEADER = (
    "Name;Art;Handlungsfelder;Ortsteile;Einfluss;Interesse;"
    "Kontakt Name;Kontakt E-Mail;Einwilligung am;Einwilligung Zweck"
)
GOOD = [
    "Sprachcafé Südstadt;Initiative;Sprache und Bildung;Kernstadt;2;5;"
    "Fatima Benali;fatima@example.org;01.03.2026;Einladungen",
    "Українська громада;Migrantenorganisation;teilhabe-demokratie, sprache-bildung;"
    "Vöhrum/Landwehr;1;5;;;;",
    "Türk Veliler Derneği;migrant;;;;;;;;",
]


def _csv(*lines, encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("akteure.csv", "\n".join(lines).encode(encoding), "text/csv")


def _upload(client, upload):
    return client.post(IMPORT, {"file": upload})


def test_clean_file_shows_a_preview_and_writes_nothing(officer_client):
    response = _upload(officer_client, _csv(HEADER, *GOOD))
    assert response.status_code == 200
    preview = response.context["preview"]
    assert [row.status for row in preview.rows] == ["new", "new", "new"]
    assert response.context["token"]
    assert Stakeholder.objects.count() == 0


def test_confirming_imports_every_row_in_one_go(officer_client):
    token = _upload(officer_client, _csv(HEADER, *GOOD)).context["token"]
    response = officer_client.post(CONFIRM, {"token": token})
    assert response.status_code == 302
    assert Stakeholder.objects.count() == 3
    cafe = Stakeholder.objects.get(name="Sprachcafé Südstadt")
    assert cafe.kind == "initiative"
    assert cafe.interest == 5
    assert list(cafe.sectors.values_list("slug", flat=True)) == ["sprache-bildung"]
    contact = ContactPerson.objects.get()
    assert contact.email == "fatima@example.org"
    assert str(contact.consent_given_on) == "2026-03-01"
    ukrainian = Stakeholder.objects.get(name="Українська громада")
    assert ukrainian.kind == "migrant"
    assert ukrainian.sectors.count() == 2
    # The token is used up: a second confirmation imports nothing more.
    officer_client.post(CONFIRM, {"token": token})
    assert Stakeholder.objects.count() == 3


def test_existing_rows_are_marked_changed_or_unchanged(officer_client):
    StakeholderFactory(name="Türk Veliler Derneği", kind="migrant", influence=3, interest=3)
    StakeholderFactory(name="Sprachcafé Südstadt", kind="initiative", influence=4)
    response = _upload(officer_client, _csv("Name;Art;Einfluss", "türk veliler derneği;migrant;3",
                                            "Sprachcafé Südstadt;initiative;2"))  # fmt: skip
    rows = response.context["preview"].rows
    assert [row.status for row in rows] == ["unchanged", "changed"]
    assert rows[1].changes == ["Einfluss"]
    officer_client.post(CONFIRM, {"token": response.context["token"]})
    assert Stakeholder.objects.get(name="Sprachcafé Südstadt").influence == 2
    assert Stakeholder.objects.count() == 2


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Verein;Initiative;Raumfahrt;;;;;;;", "unbekanntes Handlungsfeld"),
        ("Verein;Initiative;;;;;Anna;keine-mail;;", "ungültige E-Mail-Adresse"),
        ("Sprachcafé Südstadt;Initiative;;;;;;;;", "doppelter Name (auch in Zeile 2)"),
        (";Initiative;;;;;;;;", "Pflichtfeld „Name“ fehlt"),
        ("Verein;;;;;;;;;", "Pflichtfeld „Art“ fehlt"),
        ('=HYPERLINK("x");Initiative;;;;;;;;', "Zelle wie eine Formel"),
        ("Verein;Initiative;;;@SUM(1);;;;;", "Zelle wie eine Formel"),
        ("Verein;Initiative;;;9;;;;;", "von 1 bis 5"),
        ("Verein;Raumschiff;;;;;;;;", "unbekannte Art"),
        ("Verein;Initiative;;Atlantis;;;;;;", "unbekannter Ortsteil"),
        ("Verein;Initiative;;;;;Anna;a@example.org;32.13.2025;Zweck", "ungültiges Datum"),
    ],
)
def test_bad_rows_are_listed_with_line_and_reason_and_nothing_is_imported(
    officer_client, line, reason
):
    response = _upload(officer_client, _csv(HEADER, GOOD[0], line))
    preview = response.context["preview"]
    assert response.status_code == 200
    assert [row.line for row in preview.errors] == [3]
    assert reason in " ".join(preview.errors[0].errors)
    assert "token" not in response.context
    assert Stakeholder.objects.count() == 0
    assert reason in response.content.decode()


def test_file_in_the_wrong_encoding_is_refused_with_its_line(officer_client):
    upload = _csv("Name;Art", "Verein A;Initiative", "Verein Größe;Initiative", encoding="cp1252")
    response = _upload(officer_client, upload)
    assert "Zeile 3: Die Datei ist nicht UTF-8-kodiert" in response.content.decode()
    assert Stakeholder.objects.count() == 0


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02", b"Name;Art\n", b"Foo;Bar\nx;y", b"PK\x03\x04broken"],
)
def test_unreadable_files_give_a_message_not_a_500(officer_client, content):
    response = _upload(officer_client, SimpleUploadedFile("a.csv", content))
    assert response.status_code == 200
    assert response.context["preview"] is None or not response.context["preview"].clean
    xlsx = _upload(officer_client, SimpleUploadedFile("a.xlsx", content))
    assert xlsx.status_code == 200


def test_wrong_file_type_is_refused_next_to_the_field(officer_client):
    response = _upload(officer_client, SimpleUploadedFile("a.pdf", b"%PDF"))
    assert response.context["form"].errors["file"]


def test_xlsx_import_with_contact(officer_client):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["Name", "Art", "Kontakt Name", "Kontakt Telefon", "Einwilligung am", "Einwilligung Zweck"]
    )
    sheet.append(
        ["Chor der Kulturen", "Kulturverein", "Marija Jovanović", "+49 5171 1234", None, None]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("akteure.xlsx", buffer.getvalue())
    response = _upload(officer_client, upload)
    assert response.context["preview"].clean, response.context["preview"].errors
    officer_client.post(CONFIRM, {"token": response.context["token"]})
    assert ContactPerson.objects.get().phone == "+49 5171 1234"


def test_xlsx_formula_cells_are_refused(officer_client):
    workbook = Workbook()
    workbook.active.append(["Name", "Art"])
    workbook.active.append(["=1+1", "initiative"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = _upload(officer_client, SimpleUploadedFile("a.xlsx", buffer.getvalue()))
    assert response.context["preview"].errors[0].line == 2


def test_confirm_without_a_valid_token_imports_nothing(officer_client):
    _upload(officer_client, _csv(HEADER, *GOOD))
    response = officer_client.post(CONFIRM, {"token": "forged"})
    assert response.status_code == 302
    assert Stakeholder.objects.count() == 0


def test_template_downloads_open_as_spreadsheets(officer_client):
    xlsx = officer_client.get(reverse("stakeholders:import_template"), {"format": "xlsx"})
    header = next(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert header[:2] == ("Name", "Art")
    csv_file = officer_client.get(reverse("stakeholders:import_template"), {"format": "csv"})
    # The template itself imports cleanly.
    response = _upload(officer_client, SimpleUploadedFile("vorlage.csv", csv_file.content))
    assert response.context["preview"].clean, response.context["preview"].errors
