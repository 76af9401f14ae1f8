"""The contract between a figure and its list: every link of every figure on the dashboard
and in every report opens the measures list showing the same number, for every role that
sees the page (the figure's count and the list's count follow the same rule)."""

import csv
import datetime
import io
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl

import pytest
from django.urls import reverse

from measures.models import Measure
from tests.summaries.conftest import make_world
from tests.summaries.factories import MeasureFactory

pytestmark = pytest.mark.django_db

COUNT_COLUMN = "Maßnahmen"  # the column a figure's link stands for


class FigureTables(HTMLParser):
    """Reads every figure table of a page: its caption, header cells and rows, each row
    with its label link and its cells."""

    def __init__(self):
        super().__init__()
        self.tables = []
        self.links = []  # every <a href> of the page, with its text
        self._table = self._row = self._cell = self._link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "figure__table" in (attrs.get("class") or ""):
            self._table = {"caption": "", "header": [], "rows": []}
        elif self._table is not None and tag == "tr":
            self._row = {"cells": [], "href": None}
        elif self._table is not None and tag in ("th", "td", "caption"):
            self._cell = ""
        if tag == "a":
            self._link = [attrs.get("href"), ""]
            if self._row is not None:
                self._row["href"] = attrs.get("href")

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        if self._link is not None:
            self._link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append(tuple(self._link))
            self._link = None
        if self._table is None:
            return
        if tag == "caption":
            self._table["caption"] = self._cell.strip()
            self._cell = None
        elif tag in ("th", "td") and self._row is not None:
            self._row["cells"].append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if not self._table["header"]:
                self._table["header"] = self._row["cells"]
            else:
                self._table["rows"].append(self._row)
            self._row = None
        elif tag == "table":
            self.tables.append(self._table)
            self._table = None


def figure_links(html: str) -> list[tuple[str, str, int, str]]:
    """(figure caption, row label, the number in its "Maßnahmen" column, link) per linked row."""
    parser = FigureTables()
    parser.feed(html)
    found = []
    for table in parser.tables:
        if COUNT_COLUMN not in table["header"]:
            continue
        column = table["header"].index(COUNT_COLUMN)
        for row in table["rows"]:
            if row["href"]:
                number = int(row["cells"][column].replace(".", ""))
                found.append((table["caption"], row["cells"][0], number, row["href"]))
    return found


def list_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.content.decode()
    assert "Mehr als 10.000" not in text, "the contract test keeps to small data"
    match = re.search(r"(\d[\d.]*) Eintr(?:ag|äge)\b", text)
    assert match, f"no count on {url}"
    return int(match.group(1).replace(".", ""))


def report_pages(client) -> list[str]:
    index = client.get(reverse("summaries:report_index")).content.decode()
    parser = FigureTables()
    parser.feed(index)
    reports = [
        href
        for href, _ in parser.links
        if re.fullmatch(r"/rat/(handlungsfelder|ortschaften|beteiligung)/[^/]+/", href or "")
    ]
    return [reverse("summaries:dashboard"), *sorted(set(reports))]


def _same_list(url: str) -> tuple:
    path, _, query = url.partition("?")
    return path, tuple(sorted(parse_qsl(query)))


@pytest.fixture
def contract_world(db):
    world = make_world(n_measures=3)
    # every status, some overdue, some in no sector: the rules must agree on all of them
    for index, status in enumerate(Measure.Status):
        MeasureFactory(
            status=status,
            sectors=[world["measures"][0].sectors.first()] if index % 2 else [],
            starts_on=None,
            ends_on=None if index % 3 else datetime.date(2025, 1, 31),
        )
    return world


@pytest.mark.parametrize("role", ["officer", "reviewer", "council"])
def test_every_figure_link_opens_a_list_with_the_figures_count(contract_world, role, request):
    client = request.getfixturevalue(f"{role}_client")
    checked = {}
    pages = report_pages(client)
    assert len(pages) > 10  # dashboard, every sector, district and released round
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        links = figure_links(response.content.decode())
        if page == reverse("summaries:dashboard"):
            captions = {caption for caption, *_ in links}
            assert len(captions) >= 5, captions  # status, sector, district, overdue, budget
        for caption, label, number, url in links:
            key = _same_list(url)  # a district's sector and a sector's district: one list
            if key not in checked:
                checked[key] = list_count(client, url)
            assert checked[key] == number, f"{role} {page} {caption} {label}: {url}"
    assert len(checked) > 30


@pytest.mark.parametrize("role", ["officer", "council"])
def test_a_reports_all_as_csv_link_exports_every_measure_it_counts(contract_world, role, request):
    from peine.summaries import selectors

    client = request.getfixturevalue(f"{role}_client")
    make_world(n_measures=selectors.REPORT_LIST_SIZE)
    page = client.get(reverse("summaries:sector_report", args=["sprache-bildung"]))
    html = page.content.decode()
    parser = FigureTables()
    parser.feed(html)
    total, url = next(
        (int(re.sub(r"\D", "", text)), href) for href, text in parser.links if "als CSV" in text
    )
    sentence = f"wichtigsten von {total:,} Maßnahmen".replace(",", ".")
    assert sentence in html
    if role == "council":  # the PDF is the council's view for every role
        from tests.summaries.test_views import pdf_text

        pdf = client.get(reverse("summaries:sector_report_pdf", args=["sprache-bildung"]))
        text = " ".join(pdf_text(pdf.content).split())
        assert sentence in text
        assert f"Alle {total:,} als CSV".replace(",", ".") in text
    response = client.get(url)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) - 1 == total
