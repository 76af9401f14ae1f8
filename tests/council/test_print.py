"""At a glance and on paper: key figures and contents at the top, charts that never cut a
label, one colour per status, and a tagged, compact PDF with its data date once."""

import datetime
import io
import re
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from measures.models import Measure
from peine.lib.charts import LINE_CHARACTERS, LINES, bar_chart, status_palette, wrap_label
from tests.council.test_views import pdf_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REPORTS = [
    ("dashboard", {}),
    ("sector_report", {"subject": "sprache-bildung"}),
    ("district_report", {"subject": "kernstadt"}),
]


def _contrast(colour: str, background: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        hex_colour = hex_colour.lstrip("#")
        if len(hex_colour) == 3:
            hex_colour = "".join(c * 2 for c in hex_colour)
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(colour), luminance(background)], reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- charts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "Wohnen und Zusammenleben im Quartier",
        "Interkulturelle Öffnung der Verwaltung",
        "1.2 Alle Kinder erreichen bis zur Einschulung ausreichende Deutschkenntnisse",
        "Donaudampfschifffahrtsgesellschaftskapitänsmützenhalter",
        "Kurz",
    ],
)
def test_a_chart_label_wraps_or_is_shortened_never_cut(label):
    lines = wrap_label(label)
    assert 1 <= len(lines) <= LINES
    assert all(len(line) <= LINE_CHARACTERS for line in lines)
    shown = " ".join(lines)
    # every word shown is the label's own, from its start; a shortened one says so
    assert shown.rstrip("…") == label[: len(shown.rstrip("…"))] or shown == label
    if shown != label:
        assert shown.endswith("…")
    svg = bar_chart(title="T", description="D", items=[(label, 3, None)])
    assert f"<title>{label}: 3</title>" in svg  # the full label for the bar


def test_a_status_bar_takes_the_status_colour_class():
    svg = bar_chart(title="T", description="D", items=[("bewilligt", 2, None, "approved")])
    assert 'class="chart__bar chart__bar--approved" fill="#00457c"' in svg  # the PDF's colour


def test_every_status_has_one_colour_that_passes_contrast():
    palette = status_palette()
    codes = {status.value for status in Measure.Status} | {Measure.PUBLIC_REVIEW_CODE}
    assert codes <= set(palette)
    for code in codes:
        # as text (badge) 4.5:1; as a bar 3:1 against white and the soft background
        assert _contrast(palette[code]) >= 4.5, code
        assert _contrast(palette[code], "#f4f5f7") >= 4.5, code
    # one colour per status the council reads (the review stages are one status there)
    council = [palette[code] for code in codes if code not in Measure.PUBLIC_STATUS]
    assert len(set(council)) == len(council)


def test_status_figure_and_report_badges_use_the_status_palette(world, council_client):
    page = council_client.get(reverse("council:dashboard")).content.decode()
    assert "chart__bar--in_progress" in page
    assert "chart__bar--under_review" not in page  # the council sees from "approved" on
    report = council_client.get(reverse("council:sector_report", args=["sprache-bildung"]))
    html = report.content.decode()
    assert 'measure-status measure-status--in_progress">in Umsetzung</span>' in html
    assert "measure-status--under_review" not in html  # nothing under review (26.1)
    assert "measure-status--in_review" not in html


# --- at a glance --------------------------------------------------------------------


@pytest.mark.parametrize(("name", "kwargs"), REPORTS)
def test_key_figures_and_contents_come_before_the_figures(world, council_client, name, kwargs):
    html = council_client.get(reverse(f"council:{name}", kwargs=kwargs)).content.decode()
    glance = html.index('id="key-figures-heading"')
    contents = html.index('id="toc-heading"')
    first_figure = html.index('class="figure"')
    assert glance < contents < first_figure
    cards = re.findall(r'data-key-figure="(\w+)"', html)
    assert cards[:4] == ["count"] * 4
    assert {"planned", "spent"} <= set(cards)
    if name == "dashboard":
        assert "round" in cards
    # every in-page link of the contents lands on an element of the page
    toc = html[contents : html.index("</nav>", contents)]
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert len(targets) >= 5
    for target in targets:
        assert f'id="{target}"' in html, target


def test_dashboard_key_figures_show_the_councils_numbers(world, council_client):
    html = council_client.get(reverse("council:dashboard")).content.decode()
    cards = dict(
        re.findall(
            r'class="key-figure key-figure--(\w+)".*?key-figure__value[^>]*>([^<]+)<', html, re.S
        )
    )
    # make_world: 3 measures in progress, 1 approved and overdue, none completed; budget
    # of the visible measures: 3 × 12,500.25 (the 5,000 of the one in review is never
    # counted: the council sees from "approved" on), spent 3 × 1,234.50
    assert cards["in_progress"] == "3"
    assert cards["approved"] == "1"
    assert cards["completed"] == "0"
    assert cards["overdue"] == "1"
    assert cards["planned"] == "37.500,75"
    assert cards["spent"] == "3.703,50"
    assert cards["round"] == world["released"].title


def test_a_wide_figure_puts_its_table_below_the_charts(world, council_client):
    html = council_client.get(reverse("council:dashboard")).content.decode()
    findings = html[html.index('id="figure-findings"') :]
    assert 'class="figure__body figure__body--wide"' in findings[:400]


# --- the PDF ------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "kwargs"), [*REPORTS, ("round_report", None)])
def test_the_pdf_is_tagged_with_language_and_title(world, council_client, name, kwargs):
    if kwargs is None:
        kwargs = {"subject": world["released"].pk}
    response = council_client.get(reverse(f"council:{name}_pdf", kwargs=kwargs))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    tree = catalog["/StructTreeRoot"].get_object()
    assert tree["/K"]  # a structure with content, not an empty root
    assert catalog["/Lang"] == "de"
    title = reader.metadata.title
    page = council_client.get(reverse(f"council:{name}", kwargs=kwargs)).content.decode()
    assert title
    assert f"<h1>{title}</h1>" in page
    assert "/ViewerPreferences" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]


def _structure_types(node, found: set) -> set:
    node = node.get_object()
    if isinstance(node, dict) or hasattr(node, "keys"):
        if "/S" in node:
            found.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, list) else [kids]:
                if hasattr(kid, "get_object") or isinstance(kid, dict):
                    _structure_types(kid, found)
    return found


def test_the_pdf_structure_has_headings_and_tables(world, council_client):
    response = council_client.get(reverse("council:sector_report_pdf", args=["sprache-bildung"]))
    reader = PdfReader(io.BytesIO(response.content))
    types = _structure_types(reader.trailer["/Root"]["/StructTreeRoot"], set())
    assert {"/H1", "/H2", "/H3", "/Table", "/TR", "/TH", "/TD"} <= types, types


def test_the_pdf_has_a_cover_with_its_data_date_once_and_page_numbers(world, council_client):
    response = council_client.get(reverse("council:sector_report_pdf", args=["sprache-bildung"]))
    text = pdf_text(response.content)
    assert len(re.findall(r"Datenstand:? \d\d\.\d\d\.\d{4}", text)) == 1
    assert len(re.findall(r"Erstellt am \d\d\.\d\d\.\d{4}", text)) == 1
    pages = len(PdfReader(io.BytesIO(response.content)).pages)
    for number in range(1, pages + 1):
        assert re.search(rf"\b{number}\s*/\s*{pages}\n", text), number
    assert text.count("Bericht: Sprache und Bildung") >= pages  # cover and running footer
    first = pdf_text_page(response.content, 1)
    assert "Auf einen Blick" in first  # the key figures on the first page


def pdf_text_page(content: bytes, page: int) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode()


def test_the_printed_page_has_no_forced_page_breaks():
    from django.contrib.staticfiles import finders

    for name in ("css/print.css", "css/summaries.css"):
        with open(finders.find(name), encoding="utf-8") as handle:
            css = handle.read()
        assert not re.search(r"(page-)?break-before:\s*(page|always)", css), name
        assert not re.search(r"(page-)?break-after:\s*(page|always)", css), name


def test_accessibility_statement_says_pdfs_are_tagged_but_not_checked(client):
    html = client.get(reverse("accessibility")).content.decode()
    assert "PDF/UA" in html
    assert "nicht mit Screenreadern geprüft" in html


# --- no half-empty pages --------------------------------------------------------------


def make_council_year() -> dict:
    """Demo-like data: every sector and district, measures in every council status, with
    goals, budget and spending over several years, overdue ones, and a released round
    whose findings cover all sectors and districts."""
    from consultations import services
    from consultations.models import Finding
    from peine.models import District, Goal, Sector
    from tests.factories import (
        BudgetLineFactory,
        ExpenditureFactory,
        FindingFactory,
        InterviewFactory,
        MeasureFactory,
        RoundFactory,
        UserFactory,
    )

    sectors = list(Sector.objects.order_by("pk"))
    districts = list(District.objects.order_by("pk"))
    goals = list(Goal.objects.order_by("code"))
    officer = UserFactory(role="officer")
    statuses = [
        Measure.Status.IN_PROGRESS,
        Measure.Status.APPROVED,
        Measure.Status.COMPLETED,
        Measure.Status.IN_REVIEW,
        Measure.Status.PAUSED,
        Measure.Status.REJECTED,
    ]
    for index in range(90):
        year = 2023 + index % 4
        measure = MeasureFactory(
            title=f"Maßnahme {index}: Begegnung und Beratung im Quartier",
            status=statuses[index % len(statuses)],
            sectors=[sectors[index % len(sectors)]],
            districts=[districts[index % len(districts)], districts[(index * 7) % len(districts)]],
            goal=goals[index % len(goals)] if goals else None,
            proposed_by=officer,
            starts_on=datetime.date(year, 1 + index % 12, 1),
            ends_on=datetime.date(year + 1, 1 + index % 12, 1),
        )
        BudgetLineFactory(measure=measure, amount=Decimal(1000 + 250 * index))
        ExpenditureFactory(measure=measure, amount=Decimal(100 + 30 * index))
    released = RoundFactory(
        title="Runde Zusammenleben",
        status="closed",
        evaluation="Die Runde zeigt einen großen Bedarf an Begegnung und Beratung.",
    )
    kinds = list(Finding.Kind)
    for index, place in enumerate(districts):
        interview = InterviewFactory(
            round=released, district=place, confidentiality="releasable", interviewer=officer
        )
        for step in range(4):
            FindingFactory(
                interview=interview,
                sector=sectors[(index + step) % len(sectors)],
                kind=kinds[(index + step) % len(kinds)],
                district=place,
            )
    services.summary_release(consultation_round=released, user=officer)
    return {"released": released, "sector": sectors[0], "district": districts[0]}


def _page_fullness(document) -> list[float]:
    """How much of each page's content area is used: the bottom of its lowest line, table
    row or picture, as a share of the height between the page margins (the running footer
    and page number live in the margin and do not count)."""
    leaves = {"LineBox", "TableRowBox", "InlineReplacedBox", "BlockReplacedBox"}
    shares = []
    for page in document.pages:
        page_box = page._page_box
        top = page_box.content_box_y()
        lowest = top
        stack = [page_box]
        while stack:
            for child in getattr(stack.pop(), "children", ()):
                name = type(child).__name__
                if name == "MarginBox":
                    continue
                if name in leaves:
                    lowest = max(lowest, child.position_y + child.margin_height())
                else:
                    stack.append(child)
        shares.append((lowest - top) / page_box.height)
    return shares


def test_no_pdf_page_but_the_last_is_left_half_empty(council_client, monkeypatch):
    """Figures flow on: a figure that does not fit below the one before it must not push
    a third of a page or more to the next page (every kind of report and an edition)."""
    from council.services import edition_create
    from peine.lib import pdf

    data = make_council_year()
    edition = edition_create(
        kind="district",
        subject=data["district"].slug,
        meeting_date=datetime.date(2026, 6, 1),
        user=UserFactory(role="officer"),
    )
    documents = []

    def laid_out(html, *, base_url):  # the pages the view would write, kept to measure
        documents.append(pdf.layout(html, base_url=base_url))
        return b""

    monkeypatch.setattr(pdf, "render_pdf", laid_out)
    urls = {
        "dashboard": reverse("council:dashboard_pdf"),
        "sector": reverse("council:sector_report_pdf", args=[data["sector"].slug]),
        "district": reverse("council:district_report_pdf", args=[data["district"].slug]),
        "round": reverse("council:round_report_pdf", args=[data["released"].pk]),
        "edition": reverse("council:edition_pdf", args=[edition.pk]),
    }
    half_empty = {}
    for kind, url in urls.items():
        assert council_client.get(url).status_code == 200, kind
        shares = _page_fullness(documents.pop())
        assert len(shares) >= 2, kind  # enough data to need a page break
        if any(share < 2 / 3 for share in shares[:-1]):
            half_empty[kind] = [round(share, 2) for share in shares]
    assert not half_empty, half_empty
