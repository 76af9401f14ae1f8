"""Figures are aggregated in the database, one query each, and count the right things."""

import datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from council import selectors
from council.selectors import Scope
from measures.models import Measure
from tests.council.conftest import make_world
from tests.factories import RoundFactory, RoundSummaryFactory, district, sector

pytestmark = pytest.mark.django_db


def _queries(function, scope) -> int:
    with CaptureQueriesContext(connection) as context:
        function(scope)
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("function", "scope_kwargs", "expected"),
    [
        # status, sector, district, overdue count + list, budget, findings (the sectors and
        # one grouped count), released rounds (the first 20; counted only when there are
        # more) and the latest release
        (selectors.dashboard, {}, 10),
        # the same plus the rounds not yet released
        (selectors.dashboard, {"internal": True}, 11),
        # status, goals, district, budget, spending/year, start/year, findings (2),
        # measures (the first 50 with their maintained totals), overdue count, rounds,
        # the latest release
        (selectors.sector_report, {"sector": "s"}, 12),
        (selectors.district_report, {"district": "d"}, 12),
        # findings (2), status, goals, budget, measures, overdue count, released version
        (selectors.round_report, {"round": "r"}, 8),
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
    make_world(n_measures=60)
    many = _queries(function, scope())
    assert few == many == expected


def test_council_counts_what_the_measures_list_shows_it(world, officer):
    council = selectors.measures_by_status(Scope())
    internal = selectors.measures_by_status(Scope(internal=True, reader=officer))
    counts = {row.label: row.values[0] for row in council.rows}
    # 3 in progress, 1 approved; the one in review is not counted (from "approved" on)
    assert sum(counts.values()) == 4
    assert "in Prüfung" not in counts
    assert sum(row.values[0] for row in internal.rows) == 6  # plus the draft and the review
    assert "Entwurf" not in counts
    S = Measure.Status
    assert set(Measure.COUNCIL_STATUSES) == {S.APPROVED, S.IN_PROGRESS, S.PAUSED, S.COMPLETED}


def test_budget_sums_planned_and_spent_per_funding_source_without_drafts(world, officer):
    figure = selectors.budget_by_funding_source(Scope())
    rows = {row.label: row.values for row in figure.rows}
    amif = next(values for label, values in rows.items() if "AMIF" in label)
    # 3 measures, 3 × 10,000 planned (the 5,000 in review never approved: not counted),
    # 3 × 1,234.50 spent
    assert amif == (3, Decimal("30000.00"), Decimal("3703.50"))
    internal = selectors.budget_by_funding_source(Scope(internal=True, reader=officer))
    amif_internal = next(r.values for r in internal.rows if "AMIF" in r.label)
    assert amif_internal[:2] == (5, Decimal("134999.00"))
    # every funding source is listed, money or not
    assert all(len(row.values) == 3 for row in figure.rows)


def test_a_measure_in_two_districts_counts_once_per_district(world):
    figure = selectors.measures_by_district(Scope())
    counts = {row.label: row.values[0] for row in figure.rows}
    assert counts["Kernstadt"] == 3  # the measure in review is not the council's
    assert counts["Stederdorf"] == 3
    assert counts["Berkum"] == 0


def test_overdue_counts_open_measures_past_their_end_with_the_lists_rule(world):
    count, rows = selectors.overdue_measures(Scope())
    assert count == 1
    assert rows[0]["ends_on"] == datetime.date(2024, 12, 31)
    # a running measure past its end is open, hence overdue (Measure.OPEN_STATUSES)
    running = world["measures"][0]
    running.ends_on = datetime.date(2025, 1, 31)
    running.starts_on = datetime.date(2025, 1, 1)
    running.save()
    assert selectors.overdue_measures(Scope())[0] == 2
    assert Measure.objects.for_council().overdue().count() == 2
    # one under review past its end is not the council's (it sees from "approved" on)
    world["in_review"].ends_on = datetime.date(2025, 1, 31)
    world["in_review"].starts_on = datetime.date(2025, 1, 1)
    world["in_review"].save()
    assert selectors.overdue_measures(Scope())[0] == 2


def test_council_findings_come_from_the_released_version_only(world, officer):
    council = selectors.findings_by_sector(Scope())
    internal = selectors.findings_by_sector(Scope(internal=True, reader=officer))
    total = {row.label: row.values[0] for row in council.rows}
    # Sprache: need + tension; Arbeit: resource + the confidential tension (counted);
    # the planned interview's finding is not counted
    assert total["Sprache und Bildung"] == 2
    assert total["Arbeit und Wirtschaft"] == 2
    # internal: live, every round (the unreleased round adds one)
    assert {r.label: r.values[0] for r in internal.rows}["Sprache und Bildung"] == 3


def _params(url: str) -> dict:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_figures_link_with_the_parameter_names_the_measures_list_reads(world):
    status = selectors.measures_by_status(Scope())
    assert _params(status.rows[0].url) == {"status": "approved"}
    by_sector = selectors.measures_by_sector(Scope())
    assert _params(by_sector.rows[0].url) == {"sector": str(sector().pk)}
    by_district = selectors.measures_by_district(Scope())
    assert _params(by_district.rows[0].url) == {"district": str(district().pk)}
    dashboard = selectors.dashboard(Scope())
    assert _params(dashboard.figure("overdue").rows[0].url) == {"overdue": "1"}
    # a report's links keep its scope
    report = selectors.sector_report(Scope(sector=sector()))
    assert _params(report.figure("by_district").rows[0].url) == {
        "sector": str(sector().pk),
        "district": str(district().pk),
    }


def test_measure_list_url_refuses_names_the_list_does_not_read():
    from measures.selectors import measure_list_url

    with pytest.raises(ValueError, match="sectors"):
        measure_list_url(sectors=1)


def test_round_report_counts_measures_from_the_rounds_options(world):
    summary = selectors.round_report(Scope(round=world["released"]))
    assert len(summary.measures) == 3
    assert summary.measures_total == 3
    assert all("measures" not in key for key in summary.measures[0])
    assert summary.released.version == 2


def test_report_lists_are_bounded_overdue_first_then_largest_budget(world):
    make_world(n_measures=60)
    summary = selectors.sector_report(Scope(sector=sector()))
    assert len(summary.measures) == selectors.REPORT_LIST_SIZE
    assert summary.measures_total == 3 + 60  # in progress ×63; in review ×2 not counted
    planned = [row["planned"] for row in summary.measures]
    assert planned == sorted(planned, reverse=True)
    assert _params(summary.measures_export_url) == {"sector": str(sector().pk), "format": "csv"}
    overdue = selectors.district_report(Scope(district=district()))
    assert all(not row["overdue"] for row in overdue.measures)
    world["measures"][0].ends_on = datetime.date(2025, 12, 31)
    world["measures"][0].save()
    first = selectors.district_report(Scope(district=district())).measures[0]
    assert first["pk"] == world["measures"][0].pk
    assert first["overdue"] is True


def test_figures_survive_a_json_round_trip(world):
    for figure in selectors.dashboard(Scope()).figures:
        again = selectors.Figure.from_json(figure.as_json())
        assert again.rows == figure.rows


def test_round_lists_show_the_most_recent_rounds_and_say_how_many_there_are(officer, monkeypatch):
    monkeypatch.setattr(selectors, "ROUND_LIST_SIZE", 3)
    today = datetime.date(2026, 11, 30)
    # The round started longest ago was released last: the key figure names it, though
    # the list (newest first) does not show it.
    rounds = [
        RoundSummaryFactory(
            round__starts_on=today - datetime.timedelta(days=30 * n),
            round__title=f"Runde {n}",
            released_on=today - datetime.timedelta(days=5 * n if n < 4 else -1),
        ).round
        for n in range(5)
    ]
    oldest = rounds[-1]
    for _ in range(4):
        RoundFactory(status="running")

    summary = selectors.dashboard(Scope(internal=True, reader=officer))

    assert [row["title"] for row in summary.rounds] == ["Runde 0", "Runde 1", "Runde 2"]
    assert summary.rounds_total == 5
    assert len(summary.unreleased_rounds) == 3
    assert summary.unreleased_total == 4
    latest = next(card for card in summary.key_figures if card.key == "round")
    assert latest.text == oldest.title


def test_round_lists_count_only_when_there_are_more_than_they_show(monkeypatch):
    monkeypatch.setattr(selectors, "ROUND_LIST_SIZE", 3)
    RoundSummaryFactory()
    with CaptureQueriesContext(connection) as few:
        selectors.dashboard(Scope())
    for _ in range(4):
        RoundSummaryFactory()
    with CaptureQueriesContext(connection) as many:
        summary = selectors.dashboard(Scope())
    assert len(summary.rounds) == 3
    assert summary.rounds_total == 5
    assert len(many.captured_queries) == len(few.captured_queries) + 1
