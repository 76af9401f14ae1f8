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
from tests.council.conftest import make_world
from tests.factories import MeasureFactory

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


class KeyFigures(HTMLParser):
    """Reads the key-figure cards at the top of a page: (kind, value text, link)."""

    def __init__(self):
        super().__init__()
        self.cards = []
        self._card = self._value = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li" and attrs.get("data-key-figure"):
            self._card = {"kind": attrs["data-key-figure"], "value": "", "href": None}
        elif self._card is not None and tag == "a":
            self._card["href"] = attrs.get("href")
        elif self._card is not None and "key-figure__value" in (attrs.get("class") or ""):
            self._value = ""

    def handle_data(self, data):
        if self._value is not None:
            self._value += data

    def handle_endtag(self, tag):
        if tag == "span" and self._value is not None:
            self._card["value"] = self._value.strip()
            self._value = None
        elif tag == "li" and self._card is not None:
            self.cards.append(self._card)
            self._card = None


def key_figures(html: str) -> list[dict]:
    parser = KeyFigures()
    parser.feed(html)
    return parser.cards


def list_totals(client, url: str) -> dict[str, str]:
    """The planned and spent totals in the footer of the measures list at ``url``."""
    text = client.get(url).content.decode()
    footer = re.search(r"<tfoot>(.*?)</tfoot>", text, re.S)
    assert footer, f"no totals on {url}"
    planned, spent = re.findall(r'<td class="number">([^<]*)</td>', footer.group(1))
    return {"planned": planned.strip(), "spent": spent.strip()}


def list_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.content.decode()
    assert "Mehr als 10.000" not in text, "the contract test keeps to small data"
    match = re.search(r"(\d[\d.]*) Eintr(?:ag|äge)\b", text)
    assert match, f"no count on {url}"
    return int(match.group(1).replace(".", ""))


def report_pages(client) -> list[str]:
    index = client.get(reverse("council:report_index")).content.decode()
    parser = FigureTables()
    parser.feed(index)
    reports = [
        href
        for href, _ in parser.links
        if re.fullmatch(r"/rat/(handlungsfelder|ortschaften|beteiligung)/[^/]+/", href or "")
    ]
    return [reverse("council:dashboard"), *sorted(set(reports))]


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
        if page == reverse("council:dashboard"):
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
    from council import selectors

    client = request.getfixturevalue(f"{role}_client")
    make_world(n_measures=selectors.REPORT_LIST_SIZE)
    page = client.get(reverse("council:sector_report", args=["sprache-bildung"]))
    html = page.content.decode()
    parser = FigureTables()
    parser.feed(html)
    total, url = next(
        (int(re.sub(r"\D", "", text)), href) for href, text in parser.links if "als CSV" in text
    )
    sentence = f"wichtigsten von {total:,} Maßnahmen".replace(",", ".")
    assert sentence in html
    if role == "council":  # the PDF is the council's view for every role
        from tests.council.test_views import pdf_text

        pdf = client.get(reverse("council:sector_report_pdf", args=["sprache-bildung"]))
        text = " ".join(pdf_text(pdf.content).split())
        assert sentence in text
        assert f"Alle {total:,} als CSV".replace(",", ".") in text
    response = client.get(url)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) - 1 == total


@pytest.mark.parametrize("role", ["officer", "reviewer", "council"])
def test_every_key_figure_links_to_a_list_with_the_same_number(contract_world, role, request):
    """The cards at the top of the dashboard and every report (approved, in progress,
    completed, overdue, budget planned and spent, last released round) open a list
    showing exactly their number."""
    client = request.getfixturevalue(f"{role}_client")
    checked = 0
    for page in report_pages(client):
        response = client.get(page)
        cards = key_figures(response.content.decode())
        kinds = [card["kind"] for card in cards]
        assert kinds.count("count") == 4, (page, kinds)  # approved, in progress, done, overdue
        assert {"planned", "spent"} <= set(kinds), (page, kinds)
        for card in cards:
            if card["href"] is None:  # a round's measures: the list has no filter for it
                assert "/beteiligung/" in page, (page, card)
                continue
            if card["kind"] == "count":
                number = int(card["value"].replace(".", ""))
                assert list_count(client, card["href"]) == number, (role, page, card)
            elif card["kind"] in ("planned", "spent"):
                totals = list_totals(client, card["href"])
                assert totals[card["kind"]] == card["value"], (role, page, card, totals)
            else:  # the last released round opens its report (or its section on it)
                assert card["kind"] == "round"
                if card["href"].startswith("/"):
                    opened = client.get(card["href"])
                    assert opened.status_code == 200
                    assert card["value"] in opened.content.decode()
                else:
                    assert f'id="{card["href"][1:]}"' in response.content.decode()
            checked += 1
    assert checked > 60
    dashboard = key_figures(client.get(reverse("council:dashboard")).content.decode())
    assert [card["value"] for card in dashboard if card["kind"] == "round"] == [
        contract_world["released"].title
    ]
