"""Spreadsheet import: a preview with every bad row, nothing written until confirmed."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from stakeholders.models import ContactPerson, Stakeholder
from tests.factories import StakeholderFactory

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


# --- hostile and damaged files ---------------------------------------------------------


def _xlsx(*rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _replace_member(content: bytes, name: str, data: bytes) -> bytes:
    """The same XLSX with one part of the zip replaced."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            replaced = data if member.filename == name else source.read(member)
            target.writestr(member.filename, replaced)
    return buffer.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _refused(client, name: str, content: bytes) -> str:
    """The German message next to the file field (and no preview)."""
    response = _upload(client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert response.context["preview"] is None
    assert 'id="id_file_error"' in response.content.decode()
    return " ".join(response.context["form"].errors["file"])


def test_openpyxl_parses_with_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_entity_expansion_in_a_sheet_is_refused(officer_client):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f'<worksheet {SHEET_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;'
        "</t></is></c></row></sheetData></worksheet>"
    ).encode()
    content = _replace_member(_xlsx(["Name", "Art"]), SHEET, laughs)
    assert "keine gültige XLSX-Tabelle" in _refused(officer_client, "a.xlsx", content)


def test_a_file_above_the_cap_is_refused_before_it_is_read(officer_client, monkeypatch):
    from peine.lib import uploads
    from stakeholders.views import imports

    def never(*args):
        raise AssertionError("an oversized file must not be parsed")

    monkeypatch.setattr(imports, "parse_file", never)
    passed_on = []
    original = uploads.CappedUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        passed = original(self, raw_data, start)
        passed_on.append(len(passed or b""))
        return passed

    monkeypatch.setattr(uploads.CappedUploadHandler, "receive_data_chunk", spy)
    big = b"Name;Art\n" + b"x" * (5 * 1024 * 1024)
    assert "größer als 2 MB" in _refused(officer_client, "a.csv", big)
    # Only the first 2 MB (plus at most one chunk) went on to memory or disk.
    assert sum(passed_on) <= uploads.MAX_UPLOAD_BYTES + 64 * 1024


def test_a_sheet_declaring_a_million_rows_is_refused_unread(officer_client):
    content = _xlsx(["Name", "Art"], ["Verein", "initiative"])
    sheet = zipfile.ZipFile(io.BytesIO(content)).read(SHEET).decode()
    sheet = sheet.replace('<dimension ref="A1:B2" />', '<dimension ref="A1:R1000000" />')
    assert "A1:R1000000" in sheet
    content = _replace_member(content, SHEET, sheet.encode())
    assert len(content) < 2 * 1024 * 1024
    assert "mehr als 2000 Zeilen" in _refused(officer_client, "a.xlsx", content)


def test_a_sheet_holding_rows_up_to_a_million_stops_at_the_cap(officer_client):
    # No <dimension>: the rows themselves say where they are; openpyxl would fill the gap
    # with a million empty rows.
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>'
    rows += '<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = f"<worksheet {SHEET_NS}><sheetData>{rows}</sheetData></worksheet>"
    content = _replace_member(_xlsx(["Name", "Art"]), SHEET, sheet.encode())
    assert "mehr als 2000 Zeilen" in _refused(officer_client, "a.xlsx", content)


def test_more_than_2000_filled_rows_are_refused_while_streaming(officer_client):
    content = _xlsx(["Name", "Art"], *([f"Verein {i}", "initiative"] for i in range(2002)))
    assert "mehr als 2000 Zeilen" in _refused(officer_client, "a.xlsx", content)


def test_a_zip_unpacking_to_gigabytes_is_refused_unread(officer_client, monkeypatch):
    content = _xlsx(["Name", "Art"])
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for member in source.infolist():
            target.writestr(member.filename, source.read(member))
        with target.open("xl/media/padding.bin", "w", force_zip64=True) as padding:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(40):
                padding.write(chunk)
    content = buffer.getvalue()
    assert len(content) < 2 * 1024 * 1024

    import openpyxl

    def never(*args, **kwargs):
        raise AssertionError("a zip bomb must not reach the parser")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    assert "mehr als 20 MB" in _refused(officer_client, "a.xlsx", content)


def test_too_many_columns_are_refused(officer_client):
    xlsx = _xlsx(["Name", "Art", *[None] * 60, "Überzählig"])
    assert "mehr als 50 Spalten" in _refused(officer_client, "a.xlsx", xlsx)
    csv_content = ("Name;Art" + ";x" * 60 + "\nVerein;initiative\n").encode()
    assert "mehr als 50 Spalten" in _refused(officer_client, "a.csv", csv_content)


def test_trailing_empty_columns_are_fine(officer_client):
    upload = _csv("Name;Art" + ";" * 80, "Verein;initiative" + ";" * 80)
    assert _upload(officer_client, upload).context["preview"].clean
    xlsx = _xlsx(["Name", "Art", None, None], ["Verein", "initiative"])
    response = _upload(officer_client, SimpleUploadedFile("a.xlsx", xlsx))
    assert response.context["preview"].clean


def _truncated() -> bytes:
    content = _xlsx(["Name", "Art"], ["Verein", "initiative"])
    return content[: len(content) // 2]


def _broken_xml() -> bytes:
    return _replace_member(_xlsx(["Name", "Art"]), SHEET, b"<worksheet><sheetData><row>")


def _not_a_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "Hallo")
    return buffer.getvalue()


def _no_workbook_part() -> bytes:
    content = _xlsx(["Name", "Art"])
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for member in source.infolist():
            if member.filename != "xl/workbook.xml":
                target.writestr(member.filename, source.read(member))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "make",
    [
        _truncated,
        _broken_xml,
        _not_a_workbook,
        _no_workbook_part,
        lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        lambda: b"Name;Art\nVerein;initiative\n",
        lambda: b"PK\x03\x04" + b"\0" * 100,
    ],
    ids=["truncated", "broken-xml", "zip-not-xlsx", "no-workbook", "pdf", "csv-renamed", "junk"],
)
def test_damaged_or_renamed_xlsx_gets_a_german_message_next_to_the_field(officer_client, make):
    assert "keine gültige XLSX-Tabelle" in _refused(officer_client, "akteure.xlsx", make())


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Name;Art\nVerein Größe;Initiative\n".encode("cp1252"), "nicht UTF-8-kodiert"),
        (b"Name;Art\n\xed\xa0\x80;x\n", "nicht UTF-8-kodiert"),
        (b"Name;Art\nVer\0ein;x\n", "Binärdaten"),
        (b"\n\n  \n", "Die Datei ist leer"),
        (b"", "leer"),
    ],
    ids=["cp1252", "surrogate-bytes", "nul", "blank-lines", "empty"],
)
def test_bad_csv_gets_a_german_message_next_to_the_field(officer_client, content, expected):
    assert expected in _refused(officer_client, "akteure.csv", content)
