"""The measure page pages its growing tables (spending, each indicator's values); the
totals still count every row."""

import datetime
from decimal import Decimal

import pghistory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import Expenditure, Measure, ProgressEntry
from measures.views.measures import EXPENDITURES_PER_PAGE, VALUES_PER_PAGE
from tests.factories import BudgetLineFactory, IndicatorFactory, MeasureFactory, funding_source

pytestmark = pytest.mark.django_db

START = datetime.date(2020, 1, 1)


def _spending(measure, user, count):
    Expenditure.objects.bulk_create(
        Expenditure(
            measure=measure,
            funding_source=funding_source(),
            spent_on=START + datetime.timedelta(days=n),
            amount=Decimal("10.00"),
            description=f"Posten {n:03}",
            recorded_by=user,
        )
        for n in range(count)
    )


def _values(indicator, user, count):
    ProgressEntry.objects.bulk_create(
        ProgressEntry(
            indicator=indicator,
            recorded_on=START + datetime.timedelta(days=n),
            value=Decimal(n),
            note=f"{indicator.name} Wert {n:03}",
            recorded_by=user,
        )
        for n in range(count)
    )


def _detail(client, measure, **query):
    response = client.get(reverse("measures:detail", args=[measure.pk]), query)
    assert response.status_code == 200
    return response.content.decode()


def _section(html, marker, end="</section>"):
    """The part of the page from ``marker`` on (the change history repeats old entries)."""
    start = html.index(marker)
    return html[start : html.index(end, start)]


def _spending_table(html):
    return _section(html, 'id="spending-heading"')


def _indicator(html, indicator):
    return _section(html, f'id="indicator-{indicator.pk}"', "</article>")


def test_spending_is_paged_newest_first_and_the_totals_count_every_row(reviewer, reviewer_client):
    count = EXPENDITURES_PER_PAGE + 5
    measure = MeasureFactory(status=Measure.Status.IN_PROGRESS)
    BudgetLineFactory(measure=measure, amount=Decimal("1000.00"))
    _spending(measure, reviewer, count)
    page = _detail(reviewer_client, measure)
    html = _spending_table(page)
    shown = [n for n in range(count) if f"Posten {n:03}" in html]
    assert shown == list(range(5, count))  # the newest 25
    assert "?spending=2#spending-heading" in html
    assert f"{count} Einträge" in html
    # Totals of all 30 rows, not of the page: 300,00 spent, 700,00 remaining.
    budget = _section(page, 'id="budget-heading"')
    assert "300,00" in budget
    assert "700,00" in budget
    measure.refresh_from_db()
    assert measure.spent_total == Decimal("300.00")
    page = _detail(reviewer_client, measure, spending="2")
    second = _spending_table(page)
    assert [n for n in range(count) if f"Posten {n:03}" in second] == [0, 1, 2, 3, 4]
    assert "?spending=1#spending-heading" in second
    assert "300,00" in _section(page, 'id="budget-heading"')


@pytest.mark.parametrize(("value", "first_shown"), [("abc", 5), ("999", 0), ("-1", 0)])
def test_a_bad_spending_page_gives_a_page_not_a_500(reviewer, reviewer_client, value, first_shown):
    measure = MeasureFactory(status=Measure.Status.IN_PROGRESS)
    _spending(measure, reviewer, EXPENDITURES_PER_PAGE + 5)
    html = _spending_table(_detail(reviewer_client, measure, spending=value))
    assert f"Posten {first_shown:03}" in html


def test_each_indicator_pages_its_own_values(reviewer, reviewer_client):
    measure = MeasureFactory(status=Measure.Status.IN_PROGRESS)
    first = IndicatorFactory(measure=measure, name="Teilnehmende")
    second = IndicatorFactory(measure=measure, name="Kurse")
    count = VALUES_PER_PAGE + 3
    _values(first, reviewer, count)
    _values(second, reviewer, count)
    page = _detail(reviewer_client, measure)
    for indicator in (first, second):
        html = _indicator(page, indicator)
        shown = [n for n in range(count) if f"{indicator.name} Wert {n:03}" in html]
        assert shown == list(range(3, count))  # the newest 20
        assert f"values_{indicator.pk}=2#indicator-{indicator.pk}" in html
        assert html.count("<rect") >= 1
    page = _detail(reviewer_client, measure, **{f"values_{first.pk}": "2"})
    html = _indicator(page, first)
    assert [n for n in range(count) if f"Teilnehmende Wert {n:03}" in html] == [0, 1, 2]
    # The other indicator stays on its first page; its links keep the first one's page.
    other = _indicator(page, second)
    assert [n for n in range(count) if f"Kurse Wert {n:03}" in other] == list(range(3, count))
    assert f"values_{first.pk}=2&amp;values_{second.pk}=2" in other


def test_council_sees_paged_values_without_notes(reviewer, council_client):
    measure = MeasureFactory(status=Measure.Status.IN_PROGRESS)
    indicator = IndicatorFactory(measure=measure)
    _values(indicator, reviewer, VALUES_PER_PAGE + 1)
    html = _detail(council_client, measure)
    assert f"values_{indicator.pk}=2" in html
    assert "Wert 000" not in html  # notes are internal


def test_query_count_does_not_grow_with_spending_and_values(reviewer, reviewer_client):
    # Records are made by signed-in people, so their history names a user (one query).
    with pghistory.context(user=reviewer.pk):
        measure = MeasureFactory(status=Measure.Status.IN_PROGRESS)
        indicators = [IndicatorFactory(measure=measure, name=f"Indikator {n}") for n in range(3)]
        for indicator in indicators:
            _values(indicator, reviewer, 2)
        _spending(measure, reviewer, 2)
    with CaptureQueriesContext(connection) as few:
        first = reviewer_client.get(reverse("measures:detail", args=[measure.pk]))
    for indicator in indicators:
        ProgressEntry.objects.filter(indicator=indicator).delete()
        _values(indicator, reviewer, 3 * VALUES_PER_PAGE)
    Expenditure.objects.filter(measure=measure).delete()
    _spending(measure, reviewer, 3 * EXPENDITURES_PER_PAGE)
    with CaptureQueriesContext(connection) as many:
        second = reviewer_client.get(
            reverse("measures:detail", args=[measure.pk]),
            {"spending": "2", f"values_{indicators[0].pk}": "3"},
        )
    assert first.status_code == second.status_code == 200
    assert len(many) == len(few)
    html = _spending_table(second.content.decode())
    assert html.count("Posten ") == EXPENDITURES_PER_PAGE
