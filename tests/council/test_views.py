"""Pages, PDFs, CSV files and frozen editions of the council summaries."""

import csv
import io
import re
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from council.models import ReportEdition
from measures.models import Measure
from tests.council.conftest import MARKERS
from tests.factories import district, sector

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode()


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))[1:]


def council_urls(world) -> list[str]:
    urls = []
    for name, kwargs in [
        ("dashboard", {}),
        ("sector_report", {"subject": "sprache-bildung"}),
        ("district_report", {"subject": "kernstadt"}),
        ("round_report", {"subject": world["released"].pk}),
    ]:
        base = reverse(f"council:{name}", kwargs=kwargs)
        urls += [base, base + "pdf/", base + "export/"]
    return [*urls, reverse("council:report_index")]


def text_of(response) -> str:
    if response["Content-Type"] == "application/pdf":
        return pdf_text(response.content)
    return response.content.decode("utf-8-sig")


def test_council_never_sees_personal_data_notes_or_review_reasons(world, council_client):
    for url in council_urls(world):
        response = council_client.get(url)
        assert response.status_code == 200, url
        text = text_of(response)
        for marker in MARKERS.values():
            assert marker not in text, f"{marker} in {url}"


def test_frozen_edition_shows_no_personal_data_either(world, officer_client, council_client):
    response = officer_client.post(
        reverse("council:edition_create"),
        {"kind": "sector", "subject": "sprache-bildung", "meeting_date": "2027-03-12"},
    )
    edition = ReportEdition.objects.get()
    assert response.status_code == 302
    for suffix in ("", "pdf/", "export/"):
        text = text_of(
            council_client.get(reverse("council:edition_detail", args=[edition.pk]) + suffix)
        )
        for marker in MARKERS.values():
            assert marker not in text


def test_internal_readers_see_internal_figures_on_the_page_only(world, officer_client):
    page = officer_client.get(reverse("council:dashboard")).content.decode()
    assert MARKERS["unreleased"] in page  # the round not yet released
    assert "Entwurf" in page  # drafts are counted for the administration
    pdf = pdf_text(officer_client.get(reverse("council:dashboard_pdf")).content)
    assert MARKERS["unreleased"] not in pdf
    assert "Entwurf" not in pdf


def _csv_figures(response) -> dict:
    return {(figure, label, column): value for figure, label, column, value in csv_rows(response)}


def _german(value: str) -> str:
    """A CSV number (1234,5 or 3) as the page prints it (1.234,50 or 3)."""
    if "," in value:
        number = Decimal(value.replace(",", "."))
        whole, decimals = f"{number:.2f}".split(".")
        return f"{int(whole):,}".replace(",", ".") + "," + decimals
    return f"{int(value):,}".replace(",", ".")


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("dashboard", {}),
        ("sector_report", {"subject": "sprache-bildung"}),
        ("district_report", {"subject": "kernstadt"}),
    ],
)
def test_numbers_agree_on_page_pdf_and_csv(world, council_client, name, kwargs):
    url = reverse(f"council:{name}", kwargs=kwargs)
    figures = _csv_figures(council_client.get(url + "export/"))
    page = council_client.get(url).content.decode()
    pdf = re.sub(r"\s+", " ", pdf_text(council_client.get(url + "pdf/").content))
    tables = {}
    for table in page.split("<caption>")[1:]:
        caption = table.split("</caption>")[0]
        rows = re.findall(
            r'<tr><th scope="row">(?:<a [^>]*>)?([^<]+)(?:</a>)?</th>(.*?)</tr>', table
        )
        tables[caption] = {
            label: re.findall(r'<td class="number">([^<]*)</td>', cells) for label, cells in rows
        }
    assert figures
    for (figure, label, _column), value in figures.items():
        shown = _german(value)
        assert shown in tables[figure][label], (figure, label, value)
        # long labels wrap in the PDF's table cells: every word and the number are there
        assert all(word in pdf for word in label.split()), label
        assert f" {shown}" in pdf, (label, shown)
    # spot checks with known numbers
    assert "30.000,00" in pdf  # 3 × 10,000 AMIF; the 5,000 in review is not counted
    assert "3.703,50" in pdf


def test_csv_carries_the_budget_in_euros(world, council_client):
    figures = _csv_figures(council_client.get(reverse("council:dashboard_csv")))
    amif = next(
        v for (f, label, column), v in figures.items() if "AMIF" in label and "Geplant" in column
    )
    assert Decimal(amif.replace(",", ".")) == Decimal("30000.00")  # not the 5,000 in review


def test_pdf_carries_the_date_it_was_made_and_its_data_state(world, council_client):
    response = council_client.get(reverse("council:sector_report_pdf", args=["sprache-bildung"]))
    assert response["Content-Disposition"].startswith(
        'attachment; filename="bericht-sector-sprache-bildung-'
    )
    text = pdf_text(response.content)
    assert re.search(r"(Erstellt am|Made on) \d\d\.\d\d\.\d{4} \d\d:\d\d", text)
    assert re.search(r"(Datenstand:?|[Dd]ata as of) \d\d\.\d\d\.\d{4} \d\d:\d\d", text)
    assert "Sprache und Bildung" in text


def test_council_cannot_open_a_round_that_is_not_released(world, council_client, officer_client):
    for suffix in ("", "pdf/", "export/"):
        url = reverse("council:round_report", args=[world["unreleased"].pk]) + suffix
        assert council_client.get(url).status_code == 404
    assert (
        officer_client.get(
            reverse("council:round_report", args=[world["unreleased"].pk])
        ).status_code
        == 200
    )
    # downloads are the council's view, so they follow the council's rule
    url = reverse("council:round_report_pdf", args=[world["unreleased"].pk])
    assert officer_client.get(url).status_code == 404


def test_unknown_subjects_answer_404(council_client):
    assert council_client.get("/rat/handlungsfelder/gibt-es-nicht/").status_code == 404
    assert council_client.get("/rat/ortschaften/gibt-es-nicht/pdf/").status_code == 404
    assert council_client.get("/rat/beteiligung/999999999/").status_code == 404
    assert council_client.get("/rat/ausgaben/999999/").status_code == 404


def test_round_report_shows_the_released_evaluation_and_safe_content(world, council_client):
    page = council_client.get(reverse("council:round_report", args=[world["released"].pk]))
    text = page.content.decode()
    assert "großen Bedarf an Sprachkursen" in text
    assert "Mehr Sprachkurse am Abend." in text  # its interview is marked releasable
    assert "Fassung 2 vom" in text
    assert MARKERS["confidential"] not in text
    assert MARKERS["content"] not in text  # version 1's content is not read as text


def test_an_edition_stays_unchanged_when_the_records_change(world, officer_client, council_client):
    officer_client.post(
        reverse("council:edition_create"),
        {"kind": "dashboard", "subject": "", "meeting_date": "2027-03-12"},
    )
    edition = ReportEdition.objects.get()
    assert "12.03.2027" in edition.title

    def frozen_part():
        page = council_client.get(reverse("council:edition_detail", args=[edition.pk]))
        return page.content.decode().split('<div class="report-body">')[1].split("</main>")[0]

    before_html = frozen_part()
    before_csv = council_client.get(reverse("council:edition_csv", args=[edition.pk])).content
    Measure.objects.update(status=Measure.Status.COMPLETED)
    sector().measures.clear()
    assert frozen_part() == before_html
    assert (
        council_client.get(reverse("council:edition_csv", args=[edition.pk])).content == before_csv
    )
    pdf = pdf_text(council_client.get(reverse("council:edition_pdf", args=[edition.pk])).content)
    assert "12.03.2027" in pdf
    live = council_client.get(reverse("council:dashboard_csv")).content
    assert live != before_csv


def test_edition_create_shows_a_confirmation_on_get(officer_client):
    response = officer_client.get(
        reverse("council:edition_create") + "?kind=district&subject=kernstadt"
    )
    assert response.status_code == 200
    assert ReportEdition.objects.count() == 0
    assert b'name="meeting_date"' in response.content


@pytest.mark.parametrize("bad_date", ["31.02.2027", "morgen", "", "9" * 300, "99999-01-01"])
def test_a_bad_meeting_date_is_shown_again_with_a_german_message(officer_client, bad_date):
    response = officer_client.post(
        reverse("council:edition_create"),
        {"kind": "sector", "subject": "sprache-bildung", "meeting_date": bad_date},
    )
    assert response.status_code == 200
    assert ReportEdition.objects.count() == 0
    content = response.content.decode()
    expected = "zwingend erforderlich" if bad_date == "" else "gültiges Datum"
    assert expected in content


@pytest.mark.parametrize(
    ("kind", "subject"), [("sector", "gibt-es-nicht"), ("magic", ""), ("round", "abc")]
)
def test_freezing_an_unknown_report_is_refused_without_a_500(officer_client, kind, subject):
    response = officer_client.post(
        reverse("council:edition_create"),
        {"kind": kind, "subject": subject, "meeting_date": "2027-03-12"},
    )
    assert response.status_code == 200
    assert ReportEdition.objects.count() == 0


def test_council_may_not_freeze_an_edition(council_client):
    response = council_client.post(
        reverse("council:edition_create"),
        {"kind": "dashboard", "subject": "", "meeting_date": "2027-03-12"},
    )
    assert response.status_code == 403
    assert ReportEdition.objects.count() == 0


@pytest.mark.parametrize("name", ["dashboard", "dashboard_pdf", "dashboard_csv", "edition_list"])
def test_read_only_pages_refuse_post(council_client, name):
    assert council_client.post(reverse(f"council:{name}")).status_code == 405


def test_dashboard_charts_are_titled_described_svg_with_tables(world, council_client):
    page = council_client.get(reverse("council:dashboard")).content.decode()
    assert page.count('role="img"') >= 4
    assert "<title id=" in page
    assert "<desc id=" in page
    assert page.count("<caption>") >= 5
    assert "<script" not in page.split("<main")[1].split("</main>")[0]
    assert district().name in page


def test_dashboard_lists_the_latest_rounds_and_the_reports_page_pages_through_all(
    council_client, monkeypatch
):
    from council import reports, selectors
    from tests.factories import RoundSummaryFactory

    monkeypatch.setattr(selectors, "ROUND_LIST_SIZE", 2)
    monkeypatch.setattr(reports, "ROUND_PAGE_SIZE", 2)
    for n in range(3):
        RoundSummaryFactory(round__title=f"Freigegebene Runde {n}")
    page = council_client.get(reverse("council:dashboard")).content.decode()
    assert "Die 2 neuesten von 3 Gesprächsrunden." in page
    assert f'href="{reverse("council:report_index")}#by-round"' in page
    listed = re.findall(r'<th scope="row"><a href="[^"]+">(Freigegebene Runde \d)', page)
    assert listed == ["Freigegebene Runde 2", "Freigegebene Runde 1"]

    index = council_client.get(reverse("council:report_index"))
    assert len(re.findall(r"Freigegebene Runde \d", index.content.decode())) == 2
    assert "Seite 1 von 2" in index.content.decode()
    rest = council_client.get(reverse("council:report_index") + "?page=2")
    assert len(re.findall(r"Freigegebene Runde \d", rest.content.decode())) == 1
    # A page number that is no number gives the first page, never an error.
    assert council_client.get(reverse("council:report_index") + "?page=x").status_code == 200
