"""The council's one rule (issue 26.1, handbook 7.1): the council sees measures from
"bewilligt" on. A rejected measure, one sent back with "Änderungen erbeten" or one still in
review appears in no council figure, report, PDF or OParl file, and none of its money."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from council.services import edition_create
from measures.models import Measure
from tests.council.test_views import pdf_text
from tests.factories import BudgetLineFactory, MeasureFactory, UserFactory, sector

pytestmark = pytest.mark.django_db

S = Measure.Status


@pytest.fixture
def measures_in_every_decision():
    approved = MeasureFactory(title="Bewilligte Sprachkurse", status=S.APPROVED, sectors=[sector()])
    BudgetLineFactory(measure=approved, amount=Decimal("1000.00"))
    for title, status, amount in [
        ("Abgelehnter Antrag", S.REJECTED, "133250.00"),
        ("Zurückgegebener Antrag", S.CHANGES_REQUESTED, "7000.00"),
        ("Antrag in Prüfung", S.IN_REVIEW, "3000.00"),
        ("Eingereichter Antrag", S.SUBMITTED, "4000.00"),
    ]:
        measure = MeasureFactory(title=title, status=status, sectors=[sector()])
        BudgetLineFactory(measure=measure, amount=Decimal(amount))
    return approved


HIDDEN = ["Abgelehnter Antrag", "Zurückgegebener Antrag", "Antrag in Prüfung", "Eingereichter"]
HIDDEN_MONEY = ["133.250", "7.000,00", "3.000,00", "4.000,00", "148.250", "145.250"]


def _assert_only_approved(text: str):
    for word in HIDDEN + HIDDEN_MONEY + ["in Prüfung", "abgelehnt", "Änderungen erbeten"]:
        assert word not in text, word
    assert "1.000,00" in text


def test_council_dashboard_counts_only_approved_measures(
    measures_in_every_decision, council_client
):
    response = council_client.get(reverse("council:dashboard"))
    html = response.content.decode()
    _assert_only_approved(html)
    by_status = {
        row.key: row.values[0]
        for row in response.context["report"].summary.figure("by_status").rows
    }
    assert sum(by_status.values()) == 1


def test_council_sector_report_and_pdf_count_only_approved(
    measures_in_every_decision, council_client
):
    args = ["sprache-bildung"]
    _assert_only_approved(
        council_client.get(reverse("council:sector_report", args=args)).content.decode()
    )
    pdf = council_client.get(reverse("council:sector_report_pdf", args=args)).content
    _assert_only_approved(pdf_text(pdf))


def test_council_measures_list_shows_no_measure_sent_back_as_under_review(
    measures_in_every_decision, council_client
):
    html = council_client.get(reverse("measures:list")).content.decode()
    assert "Bewilligte Sprachkurse" in html
    for title in HIDDEN:
        assert title not in html


def test_oparl_edition_file_counts_only_approved(measures_in_every_decision, client):
    officer = UserFactory(role="officer")
    edition = edition_create(
        kind="sector",
        subject="sprache-bildung",
        meeting_date=datetime.date(2026, 12, 10),
        user=officer,
    )
    text = pdf_text(client.get(f"/oparl/v1.1/file/edition/{edition.pk}/pdf/").content)
    _assert_only_approved(text)


def test_a_change_of_the_council_rule_never_serves_figures_cached_under_the_old_one():
    """The figures cache keys its entries by the data version; the rule is part of the key,
    so figures cached under another rule (a database cache outlives a deployment) are never
    served for the same data."""
    from council import figure_cache
    from measures import selectors

    assert selectors.COUNCIL_RULE in figure_cache.rule_fingerprint()
    assert all(status in figure_cache.rule_fingerprint() for status in Measure.COUNCIL_STATUSES)
