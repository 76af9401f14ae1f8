"""Bounded work on the measures pages: maintained totals, keyset pages, the lead picker."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import BudgetLine, Expenditure, Measure
from measures.panels import PANEL_LIMIT
from tests.factories import BudgetLineFactory, MeasureFactory, StakeholderFactory, funding_source

pytestmark = pytest.mark.django_db


def _totals(measure):
    return Measure.objects.values_list("planned_total", "spent_total").get(pk=measure.pk)


def test_totals_follow_every_write_of_budget_lines_and_expenditures(officer):
    measure = MeasureFactory()
    line = BudgetLineFactory(measure=measure, amount=Decimal("100.00"))
    BudgetLine.objects.bulk_create(
        [BudgetLine(measure=measure, funding_source=funding_source("land-niedersachsen"), amount=5)]
    )
    assert _totals(measure) == (Decimal("105.00"), Decimal("0.00"))
    line.amount = Decimal("50.50")
    line.save()
    BudgetLine.objects.filter(pk=line.pk).update(amount=Decimal("60.50"))
    assert _totals(measure)[0] == Decimal("65.50")
    Expenditure.objects.create(
        measure=measure,
        funding_source=line.funding_source,
        amount=Decimal("7.25"),
        spent_on=datetime.date(2026, 5, 1),
        recorded_by=officer,
    )
    assert _totals(measure)[1] == Decimal("7.25")
    line.delete()
    assert _totals(measure) == (Decimal("5.00"), Decimal("7.25"))


def test_a_stale_measure_saved_later_does_not_undo_the_totals():
    measure = MeasureFactory()
    stale = Measure.objects.get(pk=measure.pk)
    BudgetLineFactory(measure=measure, amount=Decimal("300.00"))
    stale.title = "Neuer Titel"
    stale.planned_total = Decimal("999.00")
    stale.save()
    assert _totals(measure)[0] == Decimal("300.00")


def test_totals_do_not_add_history_events_to_the_measure():
    measure = MeasureFactory()
    before = measure.events.count()
    BudgetLineFactory(measure=measure)
    assert measure.events.count() == before


def test_list_sorts_by_planned_budget_through_the_maintained_column(reviewer_client):
    for title, amount in [("Teuer", "900"), ("Billig", "10"), ("Mittel", "100")]:
        BudgetLineFactory(measure=MeasureFactory(title=title), amount=Decimal(amount))
    response = reviewer_client.get("/massnahmen/", {"sort": "-planned"})
    assert [m.title for m in response.context["object_list"]] == ["Teuer", "Mittel", "Billig"]


def test_keyset_links_keep_filters_and_sort_and_a_bad_cursor_gives_page_one(
    reviewer_client, officer
):
    Measure.objects.bulk_create(
        Measure(title=f"Kurs {n:03}", status="approved", proposed_by=officer) for n in range(60)
    )
    query = {"status": "approved", "sort": "-title"}
    first = reviewer_client.get("/massnahmen/", query)
    page = first.context["page_obj"]
    assert page.has_next
    html = first.content.decode()
    assert 'aria-label="Seiten"' in html or 'aria-label="Pages"' in html
    second = reviewer_client.get("/massnahmen/", {**query, "after": page.next_cursor})
    titles = [m.title for m in second.context["object_list"]]
    assert titles[0] == "Kurs 034"
    next_link = second.content.decode().split('rel="next"')[0].rsplit('href="', 1)[1]
    assert "status=approved" in next_link
    assert "sort=-title" in next_link
    bad = reviewer_client.get("/massnahmen/", {**query, "after": "kaputt"})
    assert bad.status_code == 200
    assert bad.context["object_list"][0].title == "Kurs 059"
    assert "nicht gültig" in bad.content.decode() or "not valid" in bad.content.decode()


def test_lead_filter_narrows_by_typed_name_without_javascript(reviewer_client):
    awo = StakeholderFactory(name="AWO Kreisverband Peine")
    MeasureFactory(title="Mit AWO", status="approved", lead=awo)
    MeasureFactory(title="Ohne", status="approved", lead=StakeholderFactory(name="Caritas"))
    response = reviewer_client.get("/massnahmen/", {"lead_q": "kreisverband"})
    assert [m.title for m in response.context["object_list"]] == ["Mit AWO"]
    assert f'value="{awo.pk}" id="id_lead_{awo.pk}" checked' in response.content.decode()


def test_lead_filter_with_several_matches_offers_at_most_twenty(reviewer_client):
    StakeholderFactory.create_batch(30, name=factory_names("Sportverein"))
    response = reviewer_client.get("/massnahmen/", {"lead_q": "Sportverein"})
    html = response.content.decode()
    assert 'name="lead" value=' in html
    assert html.count('name="lead" value=') <= 21  # 20 matches and "none"


def factory_names(prefix):
    import factory

    return factory.Sequence(lambda n: f"{prefix} {n}")


def test_picker_endpoint_answers_json_with_at_most_twenty(reviewer_client, council_client):
    StakeholderFactory.create_batch(25, name=factory_names("Kulturverein"))
    for client in (reviewer_client, council_client):
        data = client.get(reverse("stakeholders:picker"), {"q": "kultur"}).json()
        assert len(data["results"]) == 20
        assert data["more"] is True
        assert set(data["results"][0]) == {"id", "label"}


def test_measure_form_picks_lead_and_partners_without_a_select_of_all(officer_client):
    StakeholderFactory.create_batch(300)
    response = officer_client.get(reverse("measures:create"))
    html = response.content.decode()
    assert "Verein Nummer" not in html
    assert html.count("<option") < 40


def test_stakeholder_panel_is_bounded_and_links_to_the_filtered_list(officer, reviewer_client):
    lead = StakeholderFactory(name="Stadtjugendring")
    measures = Measure.objects.bulk_create(
        Measure(title=f"Projekt {n:02}", status="approved", proposed_by=officer, lead=lead)
        for n in range(PANEL_LIMIT + 5)
    )
    partnered = MeasureFactory(title="AAA Partnerprojekt", status="approved")
    partnered.partners.add(lead)
    measures[0].partners.add(lead)  # lead and partner: listed once
    response = reviewer_client.get(reverse("stakeholders:detail", args=[lead.pk]))
    html = response.content.decode()
    assert html.count("Projekt 00") == 1
    assert "AAA Partnerprojekt" in html
    assert f"?stakeholder={lead.pk}" in html
    listed = reviewer_client.get("/massnahmen/", {"stakeholder": lead.pk})
    assert listed.context["paginator"].count == PANEL_LIMIT + 6
