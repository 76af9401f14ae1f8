"""The measure list (filters, German search, sorting, totals, exports) and the review queue."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from measures.models import BudgetLine, Expenditure, Measure
from tests.factories import (
    BudgetLineFactory,
    ExpenditureFactory,
    MeasureFactory,
    StakeholderFactory,
    district,
    funding_source,
    sector,
    target_group,
)

pytestmark = pytest.mark.django_db

S = Measure.Status


def _titles(response) -> list[str]:
    return [measure.title for measure in response.context["object_list"]]


def _many(count: int, *, proposer, status=S.IN_PROGRESS) -> None:
    """``count`` measures with a sector, a district, a budget line and a spending entry each."""
    lead = StakeholderFactory()
    measures = Measure.objects.bulk_create(
        Measure(title=f"Maßnahme {n:04}", status=status, proposed_by=proposer, lead=lead)
        for n in range(count)
    )
    Measure.sectors.through.objects.bulk_create(
        Measure.sectors.through(measure=m, sector=sector()) for m in measures
    )
    Measure.districts.through.objects.bulk_create(
        Measure.districts.through(measure=m, district=district()) for m in measures
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(measure=m, funding_source=funding_source(), amount=Decimal("0.10"))
        for m in measures
    )
    Expenditure.objects.bulk_create(
        Expenditure(
            measure=m,
            funding_source=funding_source(),
            amount=Decimal("0.05"),
            spent_on=datetime.date(2026, 5, 1),
            recorded_by=proposer,
        )
        for m in measures
    )


@pytest.mark.parametrize("client_name", ["reviewer_client", "council_client"])
def test_list_runs_the_same_number_of_queries_for_10_and_1000_rows(
    request, client_name, officer, django_assert_num_queries
):
    client = request.getfixturevalue(client_name)
    _many(10, proposer=officer)
    # Queries: session, user (roles and second factor: from the session, see
    # peine.middleware.AccessSnapshotMiddleware), the capped count, the planned and spent
    # totals (one aggregate over the maintained columns), the keyset page of rows, its
    # sectors, its districts, the filter
    # form's choices (sectors, districts, target groups, funding sources: one read of the
    # taxonomy version, peine.taxonomy_cache; the lead picker sends none). No session
    # save: it is renewed once a minute.
    expected = 8
    client.get("/massnahmen/")  # the process reads the filter choices once
    with django_assert_num_queries(expected) as few:
        client.get("/massnahmen/")
    _many(990, proposer=officer)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/massnahmen/")
    assert response.context["paginator"].count == 1000
    html = response.content.decode()
    assert html.count("<tr") == 25 + 2  # a page of rows, the header and the footer
    assert html.count("<option") < 60  # the small taxonomies only, no stakeholders


def test_queue_runs_the_same_number_of_queries_for_10_and_500_rows(
    reviewer_client, officer, django_assert_num_queries
):
    _many(10, proposer=officer, status=S.SUBMITTED)
    # 5 = session, user (roles and second factor: from the session), the capped
    # count, the page with proposer and lead, its sectors (no session save: it is renewed
    # once a minute).
    with django_assert_num_queries(5):
        reviewer_client.get(reverse("measures:queue"))
    _many(490, proposer=officer, status=S.SUBMITTED)
    with django_assert_num_queries(5):
        reviewer_client.get(reverse("measures:queue"))


def test_queue_shows_submitted_and_in_review_oldest_first(reviewer_client):
    now = timezone.now()
    MeasureFactory(title="Neu", status=S.SUBMITTED, status_changed_at=now)
    MeasureFactory(title="Alt", status=S.IN_REVIEW, status_changed_at=now - datetime.timedelta(3))
    MeasureFactory(title="Mitte", status=S.SUBMITTED, status_changed_at=now - datetime.timedelta(1))
    MeasureFactory(title="Entwurf", status=S.DRAFT)
    MeasureFactory(title="Genehmigt", status=S.APPROVED)
    response = reviewer_client.get(reverse("measures:queue"))
    assert [m.title for m in response.context["measures"]] == ["Alt", "Mitte", "Neu"]


def test_list_filters_by_each_criterion(reviewer_client):
    lead = StakeholderFactory(name="AWO Peine")
    hit = MeasureFactory(title="Treffer", status=S.APPROVED, lead=lead, ends_on=None)
    hit.sectors.add(sector("sport-freizeit"))
    hit.districts.add(district("stederdorf"))
    hit.target_groups.add(target_group("frauen"))
    BudgetLineFactory(measure=hit, funding_source=funding_source("land-niedersachsen"))
    MeasureFactory(title="Andere", status=S.DRAFT)
    filters = {
        "status": "approved",
        "sector": sector("sport-freizeit").pk,
        "district": district("stederdorf").pk,
        "target_group": target_group("frauen").pk,
        "funding_source": funding_source("land-niedersachsen").pk,
        "lead": lead.pk,
    }
    for name, value in filters.items():
        assert _titles(reviewer_client.get("/massnahmen/", {name: value})) == ["Treffer"], name


def test_overdue_filter_finds_open_measures_past_their_end(reviewer_client):
    past = timezone.localdate() - datetime.timedelta(days=1)
    MeasureFactory(title="Überfällig", status=S.IN_PROGRESS, starts_on=None, ends_on=past)
    MeasureFactory(title="Fertig", status=S.COMPLETED, starts_on=None, ends_on=past)
    MeasureFactory(title="Läuft", status=S.IN_PROGRESS)
    response = reviewer_client.get("/massnahmen/", {"overdue": "on"})
    assert _titles(response) == ["Überfällig"]


def test_german_full_text_search_finds_word_forms(reviewer_client):
    MeasureFactory(title="Sprachkurse für Mütter", description="Mit Kinderbetreuung.")
    MeasureFactory(title="Fußballturnier", description="Sportfest im Sommer.")
    assert _titles(reviewer_client.get("/massnahmen/", {"q": "Sprachkurs"})) == [
        "Sprachkurse für Mütter"
    ]
    assert _titles(reviewer_client.get("/massnahmen/", {"q": "Kinderbetreuungen"})) == [
        "Sprachkurse für Mütter"
    ]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"status": "nonsense"}, 200),
        ({"sector": "abc"}, 200),
        ({"lead": "99999"}, 200),
        ({"sort": "password"}, 200),
        # Keyset pages: a page number means nothing, the first page is shown; a forged
        # cursor also gives the first page, with a message.
        ({"page": "x"}, 200),
        ({"after": "forged"}, 200),
        ({"q": "x" * 1000}, 200),
        ({"q": "'\"!&|"}, 200),
    ],
)
def test_bad_list_parameters_never_give_a_500(reviewer_client, query, status):
    MeasureFactory()
    response = reviewer_client.get("/massnahmen/", query)
    assert response.status_code == status


def test_sorting_by_planned_budget(reviewer_client):
    for title, amount in [("B", "5.00"), ("A", "50.00"), ("C", "0.50")]:
        BudgetLineFactory(measure=MeasureFactory(title=title), amount=Decimal(amount))
    assert _titles(reviewer_client.get("/massnahmen/", {"sort": "-planned"})) == ["A", "B", "C"]
    assert _titles(reviewer_client.get("/massnahmen/", {"sort": "planned"})) == ["C", "B", "A"]


def test_totals_add_up_to_the_cent_over_all_filtered_rows(reviewer_client, officer):
    _many(30, proposer=officer)  # 30 x 0,10 planned, 30 x 0,05 spent, over two pages
    for amount in ["0.01", "0.02", "1234567.89"]:
        BudgetLineFactory(
            measure=MeasureFactory(title=f"Extra {amount}", status=S.APPROVED),
            amount=Decimal(amount),
        )
    response = reviewer_client.get("/massnahmen/")
    assert response.context["totals"] == {
        "planned": Decimal("1234570.92"),
        "spent": Decimal("1.50"),
    }
    assert "1.234.570,92" in response.content.decode()
    approved = reviewer_client.get("/massnahmen/", {"status": "approved"}).context["totals"]
    assert approved["planned"] == Decimal("1234567.92")


def test_csv_export_has_exactly_the_filtered_rows_and_exact_money(reviewer_client):
    hit = MeasureFactory(title='=HYPERLINK("x")', status=S.APPROVED)
    BudgetLineFactory(measure=hit, amount=Decimal("1000.10"))
    ExpenditureFactory(measure=hit, amount=Decimal("0.30"))
    MeasureFactory(title="Nicht im Filter", status=S.DRAFT)
    response = reviewer_client.get("/massnahmen/", {"status": "approved", "format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2
    assert rows[1][0].startswith("'=")  # formula injection neutralised
    assert rows[1][7:9] == ["1000,10", "0,30"]


def test_xlsx_export_keeps_money_as_exact_numbers(reviewer_client):
    BudgetLineFactory(measure=MeasureFactory(title="A"), amount=Decimal("12.34"))
    response = reviewer_client.get("/massnahmen/", {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "A"
    assert Decimal(str(rows[1][7])) == Decimal("12.34")


def test_council_list_and_export_show_approved_measures_only(council_client):
    # Handbook 7.1: the council sees measures from "bewilligt" on; a draft, a measure
    # sent back and a rejected one are the administration's.
    MeasureFactory(title="Entwurf", status=S.DRAFT)
    MeasureFactory(title="Zurück beim Büro", status=S.CHANGES_REQUESTED)
    MeasureFactory(title="Abgelehnt", status=S.REJECTED)
    MeasureFactory(title="Bewilligt", status=S.APPROVED)
    response = council_client.get("/massnahmen/")
    assert _titles(response) == ["Bewilligt"]
    page = response.content.decode()
    assert "Änderungen erbeten" not in page
    export = council_client.get("/massnahmen/", {"format": "csv"}).content.decode("utf-8-sig")
    assert "Bewilligt" in export
    for title in ("Entwurf", "Zurück beim Büro", "Abgelehnt"):
        assert title not in export
    assert "Änderungen erbeten" not in export


def test_council_cannot_filter_for_drafts(council_client):
    MeasureFactory(title="Entwurf", status=S.DRAFT)
    response = council_client.get("/massnahmen/", {"status": "draft"})
    assert _titles(response) == []


def test_list_url_is_the_german_path():
    assert reverse("measures:list") == "/massnahmen/"
