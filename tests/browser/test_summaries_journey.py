"""The council journey: sign in, the dashboard's key figures, a figure's link to its list,
a sector report and its tagged PDF."""

import io
import re
import subprocess

from playwright.sync_api import expect
from pypdf import PdfReader

from measures.models import Measure
from peine.roles import Role
from tests.browser.conftest import assert_accessible, sign_in_with_password
from tests.factories import (
    TEST_PASSWORD,
    BudgetLineFactory,
    ContactPersonFactory,
    MeasureFactory,
    UserFactory,
    district,
    sector,
)


def test_council_member_reads_dashboard_and_downloads_a_sector_report(page, tmp_path):
    council = UserFactory(role=Role.COUNCIL, email="ratsmitglied@peine.example")
    measure = MeasureFactory(
        title="Sprachcafé Vöhrum",
        status=Measure.Status.IN_PROGRESS,
        sectors=[sector()],
        districts=[district()],
    )
    BudgetLineFactory(measure=measure)
    MeasureFactory(title="Elternlotsen", status=Measure.Status.APPROVED, sectors=[sector()])
    MeasureFactory(
        title="Jobbrücke", status=Measure.Status.COMPLETED, sectors=[sector("arbeit-wirtschaft")]
    )
    ContactPersonFactory(name="GEHEIMKONTAKT")

    sign_in_with_password(page, council.email, TEST_PASSWORD)
    page.goto("/rat/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Ratsübersicht|Council dashboard")
    )
    # At a glance: the key figures are the first thing below the title, on screen at once.
    glance = page.get_by_role("region", name="Auf einen Blick")
    expect(glance).to_be_in_viewport()
    approved = glance.get_by_role("link", name=re.compile(r"^1 bewilligt$"))
    expect(approved).to_be_in_viewport()
    expect(glance.get_by_role("link", name=re.compile(r"^1 in Umsetzung$"))).to_be_visible()
    expect(glance.get_by_role("link", name=re.compile(r"^1 abgeschlossen$"))).to_be_visible()
    expect(glance.get_by_role("link", name=re.compile(r"Budget geplant"))).to_contain_text(
        "1.000,00"
    )
    expect(page.get_by_role("navigation", name="Inhalt")).to_be_visible()
    expect(page.get_by_role("img").first).to_be_visible()
    assert "GEHEIMKONTAKT" not in page.content()
    assert_accessible(page)

    # A key figure opens the list showing the same number.
    approved.click()
    expect(page.get_by_text(re.compile(r"^1 Eintrag$"))).to_be_visible()
    expect(page.get_by_role("rowheader", name="Elternlotsen")).to_be_visible()
    assert_accessible(page)

    # A sector's figure opens its list with the same number.
    page.goto("/rat/")
    row = page.get_by_role("table", name="Maßnahmen nach Handlungsfeld").get_by_role(
        "row", name=re.compile("Sprache und Bildung")
    )
    shown = row.get_by_role("cell").first.inner_text()
    assert shown == "2"
    row.get_by_role("link").click()
    expect(page.get_by_text(re.compile(rf"^{shown} Eintr(ag|äge)$"))).to_be_visible()
    assert "sector=" in page.url
    assert_accessible(page)

    page.goto("/rat/berichte/")
    assert_accessible(page)
    page.get_by_role("link", name="Sprache und Bildung").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sprache und Bildung")
    expect(page.get_by_role("region", name="Auf einen Blick")).to_be_in_viewport()
    expect(page.get_by_role("rowheader", name="Sprachcafé Vöhrum")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF").click()
    target = tmp_path / "bericht.pdf"
    download_info.value.save_as(target)
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, check=True
    ).stdout.decode()
    text = " ".join(text.split())  # a title may wrap in its table cell
    assert "Sprachcafé Vöhrum" in text
    assert "GEHEIMKONTAKT" not in text
    # Tagged for screen readers: marked, a structure tree, German, with its title.
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    assert catalog["/StructTreeRoot"].get_object()["/K"]
    assert catalog["/Lang"] == "de"
    assert reader.metadata.title == "Bericht: Sprache und Bildung"
