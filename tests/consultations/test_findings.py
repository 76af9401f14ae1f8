"""The findings board, options for action, search and export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from consultations.models import ActionOption
from tests.consultations.factories import (
    FindingFactory,
    InterviewFactory,
    OptionFactory,
    RoundFactory,
)
from tests.factories import district, sector

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
    option = OptionFactory(round=board)
    findings = list(board.findings.all()[:2])
    response = officer_client.post(
        reverse("consultations:findings_link", args=[board.pk]),
        {"option": option.pk, "findings": [f.pk for f in findings]},
    )
    assert response.status_code == 302
    assert set(option.findings.all()) == set(findings)


def test_findings_of_another_round_cannot_be_linked(board, officer_client):
    option = OptionFactory(round=board)
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
    option = OptionFactory(status=old)
    url = reverse("consultations:option_status", args=[option.pk, new])
    assert officer_client.get(url).status_code == 200
    option.refresh_from_db()
    assert option.status == old
    assert officer_client.post(url).status_code == 302
    option.refresh_from_db()
    assert option.status == new


def test_option_links_to_a_measure_only_when_the_measures_view_exists(officer_client):
    from django.urls import NoReverseMatch

    option = OptionFactory()
    response = officer_client.get(reverse("consultations:option_detail", args=[option.pk]))
    try:
        expected = reverse("measures:create_from_option", kwargs={"option_pk": option.pk})
    except NoReverseMatch:
        expected = ""
    assert response.context["measure_url"] == expected
