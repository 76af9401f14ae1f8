"""The council journey: sign in, dashboard, a sector report, the PDF download."""

import re
import subprocess

from playwright.sync_api import expect

from peine.roles import Role
from tests.browser.conftest import assert_accessible, sign_in_with_password
from tests.factories import TEST_PASSWORD, UserFactory, district, sector
from tests.summaries.factories import BudgetLineFactory, ContactPersonFactory, MeasureFactory


def test_council_member_reads_dashboard_and_downloads_a_sector_report(page, tmp_path):
    council = UserFactory(role=Role.COUNCIL, email="ratsmitglied@peine.example")
    measure = MeasureFactory(title="Sprachcafé Vöhrum", sectors=[sector()], districts=[district()])
    BudgetLineFactory(measure=measure)
    ContactPersonFactory(name="GEHEIMKONTAKT")

    sign_in_with_password(page, council.email, TEST_PASSWORD)
    page.goto("/rat/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Ratsübersicht|Council dashboard")
    )
    expect(page.get_by_role("img").first).to_be_visible()
    assert "GEHEIMKONTAKT" not in page.content()
    assert_accessible(page)

    # A figure's link opens the list with the same number.
    row = page.get_by_role("table", name="Maßnahmen nach Handlungsfeld").get_by_role(
        "row", name=re.compile("Sprache und Bildung")
    )
    shown = row.get_by_role("cell").first.inner_text()
    row.get_by_role("link").click()
    expect(page.get_by_text(re.compile(rf"^{shown} Eintr(ag|äge)$"))).to_be_visible()
    assert "sector=" in page.url

    page.goto("/rat/berichte/")
    assert_accessible(page)
    page.get_by_role("link", name="Sprache und Bildung").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sprache und Bildung")
    expect(page.get_by_role("rowheader", name="Sprachcafé Vöhrum")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF").click()
    target = tmp_path / "bericht.pdf"
    download_info.value.save_as(target)
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "Sprachcafé Vöhrum" in text
    assert "GEHEIMKONTAKT" not in text
