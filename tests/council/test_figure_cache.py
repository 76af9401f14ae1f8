"""The council's figures are computed once per change of the data they count.

Tests that read the cache commit their data (``transaction=True``): inside a transaction
that changed counted data the cache is bypassed, which the first tests check.
"""

import datetime
import re
import threading

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from consultations import services
from consultations.models import Finding, InterviewDraft
from council import figure_cache, reports
from council.models import FigureChange, ReportEdition
from measures.models import BudgetLine, Measure
from peine.models import Sector
from tests.conftest import client_for
from tests.council.conftest import make_world
from tests.factories import (
    BudgetLineFactory,
    ExpenditureFactory,
    FindingFactory,
    InterviewFactory,
    MeasureFactory,
    RoundFactory,
    StakeholderFactory,
    UserFactory,
    funding_source,
    sector,
)

K = ReportEdition.Kind
# The tables a figure may read besides the counted ones: the cache's own bookkeeping.
BOOKKEEPING = {"peine_figurechange", "peine_figure_cache"}


def total(version: str) -> int:
    return int(version.split("-")[0])


def aggregates(queries) -> int:
    """How many of the queries computed a figure (grouped, summed or counted)."""
    return sum(
        1
        for q in queries
        if re.search(r"GROUP BY|\bSUM\(|\bCOUNT\(", q["sql"], re.IGNORECASE)
        and "peine_figurechange" not in q["sql"]
    )


def status_count(report, status: str) -> int:
    rows = {row.key: row for row in report.summary.figure("by_status").rows}
    return rows[status].values[0]


@pytest.fixture
def clear_figures():
    caches[figure_cache.CACHE].clear()


# --- what the version counts ---------------------------------------------------------


@pytest.mark.django_db
def test_every_counted_table_carries_the_trigger():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE t.tgname = 'peine_figures_changed'"
        )
        installed = sorted(row[0] for row in cursor.fetchall())
    assert installed == sorted(figure_cache.COUNTED_TABLES)


@pytest.mark.django_db
def test_every_table_a_report_reads_is_counted():
    """A selector that starts reading another table fails here until it is counted."""
    world = make_world()
    subjects = [
        (K.DASHBOARD, ""),
        (K.SECTOR, "sprache-bildung"),
        (K.DISTRICT, "kernstadt"),
        (K.ROUND, str(world["released"].pk)),
    ]
    with CaptureQueriesContext(connection) as context:
        for kind, subject in subjects:
            for internal in (False, True):
                reports.get_report(kind, subject, internal=internal)
    read = {
        table
        for query in context.captured_queries
        for table in re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', query["sql"])
    }
    assert read - BOOKKEEPING <= set(figure_cache.COUNTED_TABLES)
    assert {"measures_measure", "consultations_releasedfindingcount"} <= read


@pytest.mark.django_db
def test_a_transaction_that_changed_counted_data_neither_reads_nor_writes_the_cache():
    assert figure_cache.data_version() is not None
    StakeholderFactory()  # not counted
    assert figure_cache.data_version() is not None
    MeasureFactory(status=Measure.Status.APPROVED)
    assert figure_cache.data_version() is None
    calls = []
    assert figure_cache.cached("test", lambda: calls.append(1) or len(calls)) == 1
    assert figure_cache.cached("test", lambda: calls.append(1) or len(calls)) == 2


@pytest.fixture
def measure(transactional_db):
    measure = MeasureFactory(status=Measure.Status.APPROVED, sectors=[sector()])
    BudgetLineFactory(measure=measure)
    ExpenditureFactory(measure=measure)
    return measure


WRITES = {
    "create a measure": lambda m: MeasureFactory(),
    "update measures in bulk": lambda m: Measure.objects.filter(pk=m.pk).update(
        status=Measure.Status.COMPLETED
    ),
    "add a sector to a measure": lambda m: m.sectors.add(sector("arbeit-wirtschaft")),
    "bulk-create budget lines": lambda m: BudgetLine.objects.bulk_create(
        [BudgetLine(measure=m, funding_source=funding_source("land-niedersachsen"), amount=5)]
    ),
    "delete an expenditure": lambda m: m.expenditures.all().delete(),
    "rename a sector": lambda m: Sector.objects.filter(slug="sprache-bildung").update(
        name="Sprache"
    ),
    "record a finding": lambda m: FindingFactory(interview=InterviewFactory()),
    "raw SQL": lambda m: connection.cursor().execute(
        "UPDATE measures_measure SET title = 'Neu' WHERE id = %s", [m.pk]
    ),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_kind_of_committed_write_changes_the_version(measure, write):
    before = figure_cache.data_version()
    write(measure)
    after = figure_cache.data_version()
    assert after is not None
    assert after != before
    assert total(after) > total(before)


@pytest.mark.django_db(transaction=True)
def test_writes_to_tables_the_figures_do_not_read_leave_the_version(measure):
    before = figure_cache.data_version()
    StakeholderFactory()
    InterviewDraft.objects.create(author=UserFactory(), data={"notes": "Entwurf"})
    assert figure_cache.data_version() == before


@pytest.mark.django_db(transaction=True)
def test_one_transaction_is_one_change_and_a_rolled_back_one_none(measure):
    before = figure_cache.data_version()
    with transaction.atomic():
        for _ in range(3):
            MeasureFactory(sectors=[sector()])
        Measure.objects.filter(pk=measure.pk).update(status=Measure.Status.IN_PROGRESS)
    once = figure_cache.data_version()
    assert total(once) == total(before) + 1

    class Abort(Exception):
        pass

    def write_then_fail():
        with transaction.atomic():
            MeasureFactory()
            raise Abort

    with pytest.raises(Abort):
        write_then_fail()
    assert figure_cache.data_version() == once
    # A savepoint rolled back takes its mark with it: the outer write still counts.
    with transaction.atomic():
        try:
            with transaction.atomic():
                MeasureFactory()
                raise Abort
        except Abort:
            pass
        MeasureFactory()
    assert total(figure_cache.data_version()) == total(once) + 1


@pytest.mark.django_db(transaction=True)
def test_old_changes_are_folded_without_changing_the_version(measure):
    FigureChange.objects.bulk_create([FigureChange() for _ in range(figure_cache.FOLD_AT + 10)])
    version = figure_cache.data_version()  # reads, then folds
    assert FigureChange.objects.count() == 1
    assert figure_cache.data_version() == version
    MeasureFactory()
    assert total(figure_cache.data_version()) == total(version) + 1


# --- what the reports get ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_report_is_computed_once_and_recomputed_after_a_change(measure, clear_figures):
    with CaptureQueriesContext(connection) as first:
        report = reports.get_report(K.DASHBOARD)
    assert aggregates(first.captured_queries) >= 5
    assert status_count(report, Measure.Status.APPROVED) == 1

    with CaptureQueriesContext(connection) as second:
        again = reports.get_report(K.DASHBOARD)
    assert aggregates(second.captured_queries) == 0
    assert len(second.captured_queries) == 2  # the version and the cache entry
    assert status_count(again, Measure.Status.APPROVED) == 1

    Measure.objects.filter(pk=measure.pk).update(status=Measure.Status.IN_PROGRESS)
    changed = reports.get_report(K.DASHBOARD)
    assert status_count(changed, Measure.Status.APPROVED) == 0
    assert status_count(changed, Measure.Status.IN_PROGRESS) == 1


@pytest.mark.django_db(transaction=True)
def test_readers_of_the_same_audience_share_figures_others_do_not(measure, clear_figures):
    MeasureFactory(status=Measure.Status.DRAFT, sectors=[sector()])
    council = UserFactory(role="council")
    officer = UserFactory(role="officer")
    reviewer = UserFactory(role="reviewer")
    reports.get_report(K.SECTOR, "sprache-bildung", reader=council)
    with CaptureQueriesContext(connection) as download:
        reports.get_report(K.SECTOR, "sprache-bildung", reader=None)
    assert aggregates(download.captured_queries) == 0

    with CaptureQueriesContext(connection) as internal:
        officers = reports.get_report(K.SECTOR, "sprache-bildung", internal=True, reader=officer)
    assert aggregates(internal.captured_queries) > 1
    with CaptureQueriesContext(connection) as shared:
        reviewers = reports.get_report(K.SECTOR, "sprache-bildung", internal=True, reader=reviewer)
    assert aggregates(shared.captured_queries) == 0
    # The draft is counted for the administration, never for the council.
    assert status_count(officers, Measure.Status.DRAFT) == 1
    assert status_count(reviewers, Measure.Status.DRAFT) == 1
    councils = reports.get_report(K.SECTOR, "sprache-bildung", reader=council)
    keys = {row.key for row in councils.summary.figure("by_status").rows}
    assert Measure.Status.DRAFT not in keys


@pytest.mark.django_db(transaction=True)
def test_each_language_and_each_day_has_its_own_figures(measure, monkeypatch, clear_figures):
    Measure.objects.filter(pk=measure.pk).update(ends_on=timezone.localdate())
    with translation.override("de"):
        german = reports.get_report(K.DASHBOARD)
    with translation.override("en"):
        english = reports.get_report(K.DASHBOARD)
    assert german.summary.figure("by_status").title == "Maßnahmen nach Status"
    assert english.summary.figure("by_status").title == "Measures by status"
    assert german.summary.overdue_count == 0

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    with translation.override("de"):
        assert reports.get_report(K.DASHBOARD).summary.overdue_count == 1


@pytest.mark.django_db(transaction=True)
def test_a_released_round_reaches_the_cached_dashboard(clear_figures):
    round_ = RoundFactory(status="closed", evaluation="Viel Bedarf an Sprachkursen.")
    FindingFactory(interview=InterviewFactory(round=round_), sector=sector(), kind="need")
    before = reports.get_report(K.DASHBOARD)
    assert before.summary.rounds == []
    services.summary_release(consultation_round=round_, user=UserFactory())
    after = reports.get_report(K.DASHBOARD)
    assert [row["pk"] for row in after.summary.rounds] == [round_.pk]
    findings = after.summary.figure("findings").rows
    assert sum(row.values[0] for row in findings) == Finding.objects.count()


@pytest.mark.django_db(transaction=True)
def test_the_council_page_shows_a_change_at_once(measure, council, clear_figures):
    client = client_for(council)
    url = reverse("council:dashboard")
    first = client.get(url)
    assert first.status_code == 200
    approved = first.context["report"].summary.key_figures[0]
    assert (approved.key, approved.value) == (Measure.Status.APPROVED, 1)
    Measure.objects.filter(pk=measure.pk).update(status=Measure.Status.COMPLETED)
    second = client.get(url)
    cards = {card.key: card.value for card in second.context["report"].summary.key_figures}
    assert cards[Measure.Status.APPROVED] == 0
    assert cards[Measure.Status.COMPLETED] == 1


@pytest.mark.django_db(transaction=True)
def test_the_body_and_data_date_are_those_of_the_reading_until_the_data_changes(
    measure, clear_figures
):
    first = reports.get_report(K.SECTOR, "sprache-bildung")
    assert "Maßnahmen nach Status" in first.body
    assert f"Datenstand: {timezone.localtime(first.data_as_of):%d.%m.%Y %H:%M}" in first.body
    again = reports.get_report(K.SECTOR, "sprache-bildung")
    assert (again.data_as_of, again.body) == (first.data_as_of, first.body)
    Measure.objects.filter(pk=measure.pk).update(title="Sprachcafé am Abend")
    changed = reports.get_report(K.SECTOR, "sprache-bildung")
    assert changed.data_as_of > first.data_as_of
    assert "Sprachcafé am Abend" in changed.body


@pytest.mark.django_db(transaction=True)
def test_readers_arriving_while_one_computes_wait_for_its_result(
    measure, monkeypatch, clear_figures
):
    """One reader computes after a change; the others take its result instead of
    computing the same figures again, and compute themselves if it never comes."""
    version = figure_cache.data_version()
    key = f"wait:{figure_cache.rule_fingerprint()}:de:{timezone.localdate():%Y%m%d}:{version}"
    cache = caches[figure_cache.CACHE]
    assert cache.add(f"{key}:computing", True)  # another reader is computing

    def finish_elsewhere():
        cache.set(key, "computed elsewhere")
        connection.close()

    timer = threading.Timer(0.2, finish_elsewhere)
    timer.start()
    with translation.override("de"):
        assert figure_cache.cached("wait", lambda: "computed here") == "computed elsewhere"
    timer.join()

    monkeypatch.setattr(figure_cache, "WAIT_SECONDS", 0.2)
    rule, day = figure_cache.rule_fingerprint(), f"{timezone.localdate():%Y%m%d}"
    assert cache.add(f"lost:{rule}:de:{day}:{version}:computing", True)
    with translation.override("de"):
        assert figure_cache.cached("lost", lambda: "computed here") == "computed here"


@pytest.mark.django_db(transaction=True)
def test_a_reader_whose_computing_fails_lets_the_others_compute_at_once(measure, clear_figures):
    version = figure_cache.data_version()
    rule, day = figure_cache.rule_fingerprint(), f"{timezone.localdate():%Y%m%d}"
    computing = f"failing:{rule}:de:{day}:{version}:computing"

    def fail():
        raise RuntimeError("database went away")

    with translation.override("de"), pytest.raises(RuntimeError):
        figure_cache.cached("failing", fail)
    assert caches[figure_cache.CACHE].get(computing) is None
    with translation.override("de"):
        assert figure_cache.cached("failing", lambda: "computed") == "computed"
