"""Proposing and editing measures, bad input, edit conflicts, the measure page per role."""

import datetime
from decimal import Decimal

import pghistory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.models import ActionOption
from measures.models import BudgetLine, Measure, Review
from measures.services import measure_transition
from tests.factories import (
    ActionOptionFactory,
    BudgetLineFactory,
    ExpenditureFactory,
    IndicatorFactory,
    MeasureFactory,
    ProgressEntryFactory,
    StakeholderFactory,
    district,
    funding_source,
    sector,
    target_group,
)

S = Measure.Status


def _post_data(**overrides):
    lead = StakeholderFactory(name="Caritasverband Peine")
    data = {
        "title": "Sprachcafé in der Südstadt",
        "description": "Wöchentlicher Treffpunkt zum Deutschüben.",
        "sectors": [sector().pk],
        "target_groups": [target_group().pk],
        "districts": [district().pk],
        "lead": lead.pk,
        "starts_on": "2026-04-01",
        "ends_on": "2027-03-31",
        "budget-TOTAL_FORMS": "2",
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "20",
        "budget-0-funding_source": funding_source("eu-amif").pk,
        "budget-0-amount": "12.500,50",
        "budget-1-funding_source": funding_source("staedtischer-haushalt").pk,
        "budget-1-amount": "0,25",
    }
    data.update(overrides)
    return data


def test_officer_proposes_a_measure_with_budget_lines_in_euros(officer, officer_client):
    response = officer_client.post(reverse("measures:create"), _post_data())
    measure = Measure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("measures:detail", args=[measure.pk])
    assert measure.status == S.DRAFT
    assert measure.proposed_by == officer
    amounts = sorted(BudgetLine.objects.values_list("amount", flat=True))
    assert amounts == [Decimal("0.25"), Decimal("12500.50")]
    page = officer_client.get(response["Location"]).content.decode()
    assert "12.500,75" in page  # the total, to the cent


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_on": "2026-01-01"}, "ends_on", "Das Ende darf nicht vor dem Beginn liegen."),
        ({"budget-0-amount": "-5"}, "budget-0-amount", "größer oder gleich 0"),
        ({"budget-0-amount": "zwölf"}, "budget-0-amount", "Zahl"),
        ({"budget-0-funding_source": "99999"}, "budget-0-funding_source", "gültige"),
        ({"starts_on": "31.02.2026"}, "starts_on", "gültiges Datum"),
        ({"lead": "abc"}, "lead", "gültige"),
        ({"title": ""}, "title", "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_bad_input_gets_a_german_message_and_keeps_what_was_typed(
    officer_client, overrides, field, message
):
    data = _post_data(**overrides)
    response = officer_client.post(reverse("measures:create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert data["title"] in page
    assert "Wöchentlicher Treffpunkt zum Deutschüben." in page
    assert not Measure.objects.exists()
    assert response["Cache-Control"].count("no-store") == 1


def test_the_same_funding_source_twice_is_a_form_error(officer_client):
    data = _post_data(**{"budget-1-funding_source": funding_source("eu-amif").pk})
    response = officer_client.post(reverse("measures:create"), data)
    assert response.status_code == 200
    assert not Measure.objects.exists()


def test_ten_megabytes_of_description_is_a_german_form_error(officer_client):
    huge = "x" * (10 * 1024 * 1024)
    response = officer_client.post(reverse("measures:create"), _post_data(description=huge))
    assert response.status_code == 200
    assert "höchstens 20000 Zeichen" in response.content.decode()
    assert not Measure.objects.exists()


def test_a_body_over_the_upload_limit_is_a_german_400_not_a_500(officer_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    huge = "x" * (2 * 1024 * 1024)
    response = officer_client.post(reverse("measures:create"), _post_data(description=huge))
    assert response.status_code == 400
    assert "Anfrage nicht verstanden" in response.content.decode()


def test_stale_edit_is_refused_and_keeps_the_typed_text(officer, reviewer_client, officer_client):
    measure = MeasureFactory(proposed_by=officer, title="Alt")
    line = BudgetLineFactory(measure=measure, amount=Decimal("100.00"))
    form_url = reverse("measures:edit", args=[measure.pk])
    stale = {
        **_post_data(title="Mein neuer Titel"),
        "version": str(measure.version),
        "budget-TOTAL_FORMS": "1",
        "budget-INITIAL_FORMS": "1",
        "budget-0-id": str(line.pk),
        "budget-0-measure": str(measure.pk),
        "budget-0-funding_source": str(line.funding_source_id),
        "budget-0-amount": "200,00",
    }
    first = reviewer_client.post(form_url, {**stale, "title": "Titel der Verwaltung"})
    assert first.status_code == 302
    second = officer_client.post(form_url, stale)
    assert second.status_code == 409
    page = second.content.decode()
    assert "Mein neuer Titel" in page
    assert "seit Sie ihn geöffnet haben" in page
    measure.refresh_from_db()
    assert measure.title == "Titel der Verwaltung"
    assert measure.version == 2


def test_officer_cannot_edit_a_measure_under_review(officer_client):
    measure = MeasureFactory(status=S.IN_REVIEW)
    assert officer_client.get(reverse("measures:edit", args=[measure.pk])).status_code == 403


def test_edit_posted_after_the_measure_went_into_review_keeps_the_typed_text(
    officer, officer_client
):
    measure = MeasureFactory(proposed_by=officer, status=S.IN_REVIEW)
    data = {**_post_data(title="Mein getippter Titel"), "version": str(measure.version)}
    response = officer_client.post(reverse("measures:edit", args=[measure.pk]), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Mein getippter Titel" in page
    assert "nicht mehr bearbeiten" in page
    measure.refresh_from_db()
    assert measure.title != "Mein getippter Titel"


def test_option_for_action_becomes_a_prefilled_proposal_and_is_adopted(officer_client):
    option = ActionOptionFactory(title="Mehrsprachige Elternabende")
    option.sectors.add(sector("kinder-jugend-familie"))
    url = reverse("measures:create_from_option", kwargs={"option_pk": option.pk})
    page = officer_client.get(url).content.decode()
    assert 'value="Mehrsprachige Elternabende"' in page
    data = _post_data(title="Mehrsprachige Elternabende", origin_option=option.pk)
    response = officer_client.post(url, data)
    assert response.status_code == 302
    option.refresh_from_db()
    assert option.status == ActionOption.Status.ADOPTED
    assert Measure.objects.get().origin_option == option
    # An adopted option is not offered a second time.
    assert officer_client.get(url).status_code == 404


def test_council_reads_a_measure_but_never_its_review_comments(council_client, officer, reviewer):
    measure = MeasureFactory(status=S.IN_REVIEW, title="Interkulturelles Sportfest")
    measure_transition(
        measure_id=measure.pk,
        action=Review.Decision.REQUEST_CHANGES,
        user=reviewer,
        reason="GEHEIME-INTERNE-BEGRÜNDUNG",
    )
    # Sent back, the measure is not the council's yet (handbook 7.1: from "bewilligt" on).
    response = council_client.get(reverse("measures:detail", args=[measure.pk]))
    assert response.status_code == 404
    assert "GEHEIME-INTERNE-BEGRÜNDUNG" not in response.content.decode()
    for action, user in (
        (Review.Decision.SUBMIT, officer),
        (Review.Decision.START_REVIEW, reviewer),
        (Review.Decision.APPROVE, reviewer),
    ):
        measure_transition(measure_id=measure.pk, action=action, user=user)
    with CaptureQueriesContext(connection) as queries:
        response = council_client.get(reverse("measures:detail", args=[measure.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Interkulturelles Sportfest" in page
    assert "GEHEIME-INTERNE-BEGRÜNDUNG" not in page
    assert "Änderungen erbeten" not in page
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "measures_review" not in sql
    assert '"proposed_by_id"' not in sql
    assert "pghistory" not in sql


def test_council_is_not_told_drafts_exist(council_client):
    measure = MeasureFactory(status=S.DRAFT)
    assert council_client.get(reverse("measures:detail", args=[measure.pk])).status_code == 404


def test_measure_page_shows_timeline_and_change_history_to_the_administration(
    officer_client, officer, reviewer_client
):
    officer_client.post(reverse("measures:create"), _post_data())
    measure = Measure.objects.get()
    officer_client.post(
        reverse("measures:transition", args=[measure.pk]),
        {"action": "submit", "expected_status": "draft"},
    )
    reviewer_client.post(
        reverse("measures:transition", args=[measure.pk]),
        {"action": "start_review", "expected_status": "submitted"},
    )
    reviewer_client.post(
        reverse("measures:transition", args=[measure.pk]),
        {"action": "request_changes", "expected_status": "in_review", "reason": "Kosten?"},
    )
    response = officer_client.get(reverse("measures:detail", args=[measure.pk]))
    page = response.content.decode()
    assert "Kosten?" in page
    assert "Änderungen erbeten" in page
    assert "Änderungsverlauf" in page
    assert str(officer) in page
    assert "no-store" in response["Cache-Control"]


def test_illegal_transition_posted_by_hand_is_refused(officer_client):
    measure = MeasureFactory(status=S.SUBMITTED)
    response = officer_client.post(
        reverse("measures:transition", args=[measure.pk]),
        {"action": "approve", "expected_status": "submitted"},
    )
    assert response.status_code == 409
    measure.refresh_from_db()
    assert measure.status == S.SUBMITTED
    assert not Review.objects.exists()


def test_garbage_transition_post_is_a_400_not_a_500(reviewer_client):
    measure = MeasureFactory(status=S.IN_REVIEW)
    response = reviewer_client.post(
        reverse("measures:transition", args=[measure.pk]),
        {"action": "explode", "expected_status": "nonsense", "reason": "x" * 30_000},
    )
    assert response.status_code == 400
    measure.refresh_from_db()
    assert measure.status == S.IN_REVIEW


def test_stale_decision_page_gets_a_clear_message(reviewer_client, reviewer):
    measure = MeasureFactory(status=S.IN_REVIEW)
    measure_transition(measure_id=measure.pk, action="approve", user=reviewer)
    response = reviewer_client.post(
        reverse("measures:transition", args=[measure.pk]),
        {"action": "reject", "expected_status": "in_review", "reason": "Zu teuer"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "inzwischen" in page
    assert "Zu teuer" in page


def test_reviewer_records_progress_and_spending(reviewer_client):
    measure = MeasureFactory(status=S.IN_PROGRESS)
    BudgetLineFactory(measure=measure, amount=Decimal("1000.10"))
    response = reviewer_client.post(
        reverse("measures:indicator_create", args=[measure.pk]),
        {"name": "Teilnehmende", "unit": "Personen", "baseline": "0", "target": "40"},
    )
    assert response.status_code == 302
    indicator = measure.indicators.get()
    for day, value in [("2026-05-01", "12"), ("2026-06-01", "19,5")]:
        response = reviewer_client.post(
            reverse("measures:progress_create", args=[measure.pk, indicator.pk]),
            {"recorded_on": day, "value": value, "note": ""},
        )
        assert response.status_code == 302
    response = reviewer_client.post(
        reverse("measures:expenditure_create", args=[measure.pk]),
        {
            "funding_source": funding_source().pk,
            "spent_on": "2026-05-02",
            "amount": "333,33",
            "description": "Honorar",
        },
    )
    assert response.status_code == 302
    page = reviewer_client.get(reverse("measures:detail", args=[measure.pk])).content.decode()
    assert '<svg class="chart"' in page
    assert "19,5" in page
    assert "333,33" in page
    assert "666,77" in page  # remaining: 1.000,10 - 333,33


@pytest.mark.parametrize(
    "data",
    [
        {"spent_on": "2026-05-02", "amount": "-1"},
        {"spent_on": "2026-05-02", "amount": "0"},
        {"spent_on": "2026-05-02", "amount": "1,234"},
        {"spent_on": "gestern", "amount": "10"},
        {"spent_on": "2026-05-02", "amount": "99999999999999"},
    ],
)
def test_bad_spending_is_a_form_error(reviewer_client, data):
    measure = MeasureFactory(status=S.IN_PROGRESS)
    response = reviewer_client.post(
        reverse("measures:expenditure_create", args=[measure.pk]),
        {"funding_source": funding_source().pk, **data},
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not measure.expenditures.exists()


def test_progress_in_the_future_is_refused(reviewer_client):
    indicator = IndicatorFactory(measure=MeasureFactory(status=S.IN_PROGRESS))
    future = datetime.date.today() + datetime.timedelta(days=30)
    response = reviewer_client.post(
        reverse("measures:progress_create", args=[indicator.measure_id, indicator.pk]),
        {"recorded_on": future.isoformat(), "value": "3"},
    )
    assert response.status_code == 200
    assert not indicator.entries.exists()


def test_progress_is_not_recorded_before_approval(reviewer_client):
    measure = MeasureFactory(status=S.IN_REVIEW)
    assert (
        reviewer_client.get(reverse("measures:expenditure_create", args=[measure.pk])).status_code
        == 403
    )


def test_detail_page_runs_a_fixed_number_of_queries(reviewer, reviewer_client):
    # Records are made by signed-in people, so their history names a user (one query).
    with pghistory.context(user=reviewer.pk):
        measure = MeasureFactory(status=S.IN_PROGRESS)
        for number in range(5):
            indicator = IndicatorFactory(measure=measure, name=f"Indikator {number}")
            ProgressEntryFactory(indicator=indicator)
            ExpenditureFactory(measure=measure)
    with CaptureQueriesContext(connection) as few:
        reviewer_client.get(reverse("measures:detail", args=[measure.pk]))
    for number in range(5, 15):
        indicator = IndicatorFactory(measure=measure, name=f"Indikator {number}")
        ProgressEntryFactory(indicator=indicator)
        ExpenditureFactory(measure=measure)
    with CaptureQueriesContext(connection) as many:
        reviewer_client.get(reverse("measures:detail", args=[measure.pk]))
    assert len(many) == len(few)


def test_get_on_the_status_url_only_shows_the_form_and_changes_nothing(reviewer_client):
    measure = MeasureFactory(status=S.IN_REVIEW)
    url = reverse("measures:transition", args=[measure.pk])
    response = reviewer_client.get(url, {"action": "approve"})
    assert response.status_code == 200
    assert "Genehmigen" in response.content.decode()
    measure.refresh_from_db()
    assert measure.status == S.IN_REVIEW
    assert reviewer_client.put(url).status_code == 405
    assert reviewer_client.delete(url).status_code == 405


def test_editing_keeps_a_version_and_records_the_change_history(officer_client, officer):
    measure = MeasureFactory(proposed_by=officer, title="Vorher")
    response = officer_client.post(
        reverse("measures:edit", args=[measure.pk]),
        {**_post_data(title="Nachher"), "version": "1"},
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.title, measure.version) == ("Nachher", 2)
    page = officer_client.get(reverse("measures:detail", args=[measure.pk])).content.decode()
    assert "Vorher → Nachher" in page


def test_change_history_shows_status_labels_and_names_not_codes(officer_client, officer):
    first, second = StakeholderFactory(name="AWO Peine"), StakeholderFactory(name="VHS Peine")
    measure = MeasureFactory(proposed_by=officer, lead=first)
    data = {**_post_data(), "lead": second.pk, "version": "1"}
    officer_client.post(reverse("measures:edit", args=[measure.pk]), data)
    officer_client.post(
        reverse("measures:transition", args=[measure.pk]),
        {"action": "submit", "expected_status": "draft"},
    )
    page = officer_client.get(reverse("measures:detail", args=[measure.pk])).content.decode()
    assert "AWO Peine → VHS Peine" in page
    assert "Entwurf → eingereicht" in page
