"""The findings board, options for action, search and export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from consultations.models import ActionOption
from tests.factories import (
    ActionOptionFactory,
    FindingFactory,
    InterviewFactory,
    RoundFactory,
    district,
    sector,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    round_ = RoundFactory()
    interview = InterviewFactory(round=round_)
    FindingFactory(interview=interview, statement="Sprachkurse haben lange Wartelisten.")
    FindingFactory(interview=interview, kind="tension", statement="Streit um Hallenzeiten.")
    FindingFactory(
        interview=interview,
        sector=sector("sport-freizeit"),
        kind="resource",
        district=district("woltorf"),
        statement="=HYPERLINK(evil) Vereine verbinden.",
    )
    FindingFactory(statement="Andere Runde, nicht zählen.")
    return round_


def test_board_groups_findings_by_sector_and_kind_with_counts(board, reviewer_client):
    response = reviewer_client.get(reverse("consultations:finding_board", args=[board.pk]))
    counts = response.context["counts"]
    assert counts["Sprache und Bildung"]["total"] == 2
    assert counts["Sprache und Bildung"]["kinds"] == {"Bedarf": 1, "Spannung": 1}
    assert counts["Sport und Freizeit"]["total"] == 1
    assert response.context["total"] == 3
    assert "Andere Runde" not in response.content.decode()


def test_board_filters_by_kind_and_district(board, officer_client):
    url = reverse("consultations:finding_board", args=[board.pk])
    assert [f.kind for f in officer_client.get(url + "?kind=tension").context["object_list"]] == [
        "tension"
    ]
    by_district = officer_client.get(url + f"?district={district('woltorf').pk}")
    assert by_district.context["total"] == 1


def test_board_with_bad_filter_input_shows_an_error_not_a_500(board, officer_client):
    url = reverse("consultations:finding_board", args=[board.pk])
    response = officer_client.get(url + "?sector=abc&kind=unbekannt")
    assert response.status_code == 200


def test_german_full_text_search_finds_word_forms(board, officer_client):
    url = reverse("consultations:finding_board", args=[board.pk])
    found = officer_client.get(url + "?q=Warteliste").context["object_list"]
    assert [f.statement for f in found] == ["Sprachkurse haben lange Wartelisten."]
    response = officer_client.get(reverse("consultations:search") + "?q=Warteliste")
    assert "Sprachkurse haben lange Wartelisten." in response.content.decode()


def test_findings_search_matches_the_beginning_of_words(board, officer_client):
    url = reverse("consultations:finding_board", args=[board.pk])
    found = officer_client.get(url + "?q=Sprachk Wartel").context["object_list"]
    assert [f.statement for f in found] == ["Sprachkurse haben lange Wartelisten."]
    response = officer_client.get(reverse("consultations:search"), {"q": "Hallenz"})
    assert [f.statement for f in response.context["findings"]] == ["Streit um Hallenzeiten."]


@pytest.mark.parametrize("query", ["?!", "-", "*", "'", "\\", "&|!:()"])
def test_findings_search_without_a_word_finds_nothing(board, officer_client, query):
    response = officer_client.get(reverse("consultations:search"), {"q": query})
    assert response.status_code == 200
    assert list(response.context["findings"]) == []


def test_csv_export_is_filtered_and_formula_safe(board, reviewer_client):
    url = reverse("consultations:finding_board", args=[board.pk])
    response = reviewer_client.get(url + "?format=csv&sector=" + str(sector("sport-freizeit").pk))
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "'=HYPERLINK(evil)" in text
    assert "Sprachkurse" not in text


def test_xlsx_export_contains_the_findings(board, officer_client):
    url = reverse("consultations:finding_board", args=[board.pk])
    response = officer_client.get(url + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    statements = {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "Streit um Hallenzeiten." in statements


def test_officer_links_ticked_findings_to_an_option(board, officer_client):
    option = ActionOptionFactory(round=board)
    findings = list(board.findings.all()[:2])
    response = officer_client.post(
        reverse("consultations:findings_link", args=[board.pk]),
        {"option": option.pk, "findings": [f.pk for f in findings]},
    )
    assert response.status_code == 302
    assert set(option.findings.all()) == set(findings)


def test_findings_of_another_round_cannot_be_linked(board, officer_client):
    option = ActionOptionFactory(round=board)
    stranger = FindingFactory()
    officer_client.post(
        reverse("consultations:findings_link", args=[board.pk]),
        {"option": option.pk, "findings": [stranger.pk]},
    )
    assert not option.findings.exists()


def test_linking_is_post_only_and_officer_only(board, officer_client, reviewer_client):
    url = reverse("consultations:findings_link", args=[board.pk])
    assert officer_client.get(url).status_code == 405
    assert reviewer_client.post(url, {}).status_code == 403


def test_officer_creates_an_option_with_findings(board, officer_client):
    finding = board.findings.first()
    response = officer_client.post(
        reverse("consultations:option_create", args=[board.pk]),
        {
            "title": "Sprachcafé",
            "description": "Jeden Dienstag.",
            "sectors": [sector().pk],
            "findings": [finding.pk],
            "version": "",
        },
    )
    option = ActionOption.objects.get()
    assert response.status_code == 302
    assert option.round == board
    assert list(option.findings.all()) == [finding]


@pytest.mark.parametrize(
    ("old", "new"),
    [("open", "adopted"), ("open", "discarded"), ("discarded", "open"), ("adopted", "open")],
)
def test_option_status_changes_by_post(officer_client, old, new):
    option = ActionOptionFactory(status=old)
    url = reverse("consultations:option_status", args=[option.pk, new])
    assert officer_client.get(url).status_code == 200
    option.refresh_from_db()
    assert option.status == old
    assert officer_client.post(url).status_code == 302
    option.refresh_from_db()
    assert option.status == new


def test_option_links_to_a_measure_only_when_the_measures_view_exists(officer_client):
    from django.urls import NoReverseMatch

    option = ActionOptionFactory()
    response = officer_client.get(reverse("consultations:option_detail", args=[option.pk]))
    try:
        expected = reverse("measures:create_from_option", kwargs={"option_pk": option.pk})
    except NoReverseMatch:
        expected = ""
    assert response.context["measure_url"] == expected


def _bulk_findings(round_, count: int, start: int = 0) -> None:
    from consultations.models import Finding

    interview = InterviewFactory(round=round_)
    sectors = [sector("sprache-bildung"), sector("sport-freizeit")]
    kinds = ["need", "tension", "resource"]
    Finding.objects.bulk_create(
        Finding(
            interview=interview,
            round=round_,
            sector=sectors[n % 2],
            kind=kinds[n % 3],
            statement=f"Aussage {n:05}",
        )
        for n in range(start, start + count)
    )


def test_board_runs_the_same_queries_and_shows_a_bounded_number_at_10_and_1000(
    officer_client, django_assert_num_queries
):
    from consultations.views.findings import BOARD_PER_GROUP

    round_ = RoundFactory()
    url = reverse("consultations:finding_board", args=[round_.pk])
    _bulk_findings(round_, 10)
    officer_client.get(
        url
    )  # the worker's first request reads the filter choices once (peine/taxonomy_cache.py)
    # session, user (roles, second factor: from the session), the round, the filter
    # form's sectors and districts, the counts by sector and kind, the first findings per
    # group (window), their options, the options to link to (no session save: renewed
    # once a minute).
    # (the filter form's sectors and districts: one read of the taxonomy version)
    with django_assert_num_queries(8) as few:
        officer_client.get(url)
    _bulk_findings(round_, 990, start=10)
    with django_assert_num_queries(len(few.captured_queries)):
        response = officer_client.get(url)
    html = response.content.decode()
    groups = 2 * 3
    assert html.count('class="board-card"') == groups * BOARD_PER_GROUP
    assert response.context["total"] == 1000
    assert "Alle 167 Erkenntnisse anzeigen" in html or "Show all 167 findings" in html


def test_a_groups_own_page_is_paged_by_keyset_and_visits_every_finding_once(officer_client):
    round_ = RoundFactory()
    _bulk_findings(round_, 300)
    url = reverse("consultations:finding_board", args=[round_.pk])
    query = {"sector": sector("sport-freizeit").pk, "kind": "need"}
    response = officer_client.get(url, query)
    seen = []
    while True:
        page = response.context["page_obj"]
        seen += [f.pk for f in page]
        assert response.content.decode().count('class="board-card"') == len(page) <= 25
        if not page.has_next:
            break
        response = officer_client.get(url, {**query, "after": page.next_cursor})
    from consultations.models import Finding

    expected = Finding.objects.filter(round=round_, sector=query["sector"], kind="need")
    assert seen == list(expected.order_by("pk").values_list("pk", flat=True))
    assert officer_client.get(url, {**query, "after": "falsch"}).status_code == 200
