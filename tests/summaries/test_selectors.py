"""Figures are aggregated in the database, one query each, and count the right things."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peine.summaries import selectors
from peine.summaries.selectors import Scope
from tests.factories import district, sector
from tests.summaries.conftest import make_world

pytestmark = pytest.mark.django_db


def _queries(function, scope) -> int:
    with CaptureQueriesContext(connection) as context:
        function(scope)
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("function", "scope_kwargs", "expected"),
    [
        # status, sector, district, overdue count + list, budget, findings, released rounds
        (selectors.dashboard, {}, 8),
        # the same plus the rounds not yet released
        (selectors.dashboard, {"internal": True}, 9),
        # status, goals, district, budget, spending/year, start/year, findings, measures, rounds
        (selectors.sector_report, {"sector": "s"}, 9),
        (selectors.district_report, {"district": "d"}, 9),
        # findings, status, goals, budget, measures
        (selectors.round_report, {"round": "r"}, 5),
    ],
)
def test_each_page_runs_a_fixed_number_of_queries_whatever_the_rows(
    function, scope_kwargs, expected
):
    world = make_world(n_measures=2)
    subjects = {"s": sector(), "d": district(), "r": world["released"]}

    def scope():
        return Scope(**{k: subjects.get(v, v) for k, v in scope_kwargs.items()})

    few = _queries(function, scope())
    make_world(n_measures=25)
    many = _queries(function, scope())
    assert few == many == expected


def test_council_counts_only_approved_measures_and_later(world):
    council = selectors.measures_by_status(Scope())
    internal = selectors.measures_by_status(Scope(internal=True))
    assert sum(row.values[0] for row in council.rows) == 4  # 3 in progress, 1 approved
    assert sum(row.values[0] for row in internal.rows) == 5  # plus the one in review
    assert "in Prüfung" not in [row.label for row in council.rows]


def test_budget_sums_planned_and_spent_per_funding_source_without_drafts(world):
    figure = selectors.budget_by_funding_source(Scope())
    rows = {row.label: row.values for row in figure.rows}
    amif = next(values for label, values in rows.items() if "AMIF" in label)
    assert amif == (Decimal("30000.00"), Decimal("3703.50"))
    internal = selectors.budget_by_funding_source(Scope(internal=True))
    amif_internal = next(r.values for r in internal.rows if "AMIF" in r.label)
    assert amif_internal[0] == Decimal("129999.00")


def test_a_measure_in_two_districts_counts_once_per_district(world):
    figure = selectors.measures_by_district(Scope())
    counts = {row.label: row.values[0] for row in figure.rows}
    assert counts["Kernstadt"] == 3
    assert counts["Stederdorf"] == 3
    assert counts["Berkum"] == 0


def test_overdue_counts_open_measures_past_their_end(world):
    count, rows = selectors.overdue_measures(Scope())
    assert count == 1
    assert rows[0]["ends_on"] == datetime.date(2024, 12, 31)


def test_council_findings_come_only_from_released_rounds(world):
    council = selectors.findings_by_sector(Scope())
    internal = selectors.findings_by_sector(Scope(internal=True))
    total = {row.label: row.values[0] for row in council.rows}
    assert total["Sprache und Bildung"] == 2
    assert total["Arbeit und Wirtschaft"] == 1
    assert {r.label: r.values[0] for r in internal.rows}["Sprache und Bildung"] == 3


def test_figures_link_to_the_filtered_measures_list(world):
    status = selectors.measures_by_status(Scope())
    assert status.rows[0].url.endswith("?status=approved")
    by_sector = selectors.measures_by_sector(Scope())
    assert by_sector.rows[0].url.endswith(f"?sectors={sector().pk}")
    by_district = selectors.measures_by_district(Scope())
    assert by_district.rows[0].url.endswith(f"?districts={district().pk}")
    dashboard = selectors.dashboard(Scope())
    assert dashboard.figure("overdue").rows[0].url.endswith("?overdue=1")


def test_round_report_counts_measures_from_the_rounds_options(world):
    summary = selectors.round_report(Scope(round=world["released"]))
    assert len(summary.measures) == 3
    assert all("measures" not in key for key in summary.measures[0])


def test_figures_survive_a_json_round_trip(world):
    for figure in selectors.dashboard(Scope()).figures:
        again = selectors.Figure.from_json(figure.as_json())
        assert again.rows == figure.rows
