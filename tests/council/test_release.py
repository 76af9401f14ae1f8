"""What the council reads about a released round is frozen at release, and a finding's
statement reaches it word for word only with permission."""

import pytest
from django.db import ProgrammingError, transaction
from django.urls import reverse

from consultations import services
from consultations.models import ReleasedFindingCount, RoundSummary
from tests.council.conftest import MARKERS
from tests.council.test_contract import FigureTables
from tests.council.test_views import text_of
from tests.factories import FindingFactory, InterviewFactory, UserFactory, district, sector

pytestmark = pytest.mark.django_db


def figure_tables(client, url) -> dict:
    """{caption: [(label, cells)]} of every figure table of a page."""
    parser = FigureTables()
    parser.feed(client.get(url).content.decode())
    return {t["caption"]: [tuple(r["cells"]) for r in t["rows"]] for t in parser.tables}


def findings_tables(client, url) -> dict:
    return {c: rows for c, rows in figure_tables(client, url).items() if "Erkenntnisse" in c}


def round_section(client, round_) -> str:
    page = client.get(reverse("council:round_report", args=[round_.pk])).content.decode()
    return page.split('id="released-evaluation"')[1].split("Was geplant ist")[0]


def test_nothing_recorded_after_release_changes_what_the_council_reads(world, council_client):
    released = world["released"]
    dashboard = reverse("council:dashboard")
    report = reverse("council:round_report", args=[released.pk])
    before = (
        findings_tables(council_client, dashboard),
        findings_tables(council_client, report),
        round_section(council_client, released),
        council_client.get(reverse("council:dashboard_csv")).content,
    )
    assert before[0]
    assert before[1]
    # afterwards: a finding added to a held interview, an interview planned, one held
    held = released.interviews.filter(status="held", confidentiality="releasable").first()
    FindingFactory(interview=held, sector=sector(), kind="need", statement="NACHTRAGSMARKER")
    InterviewFactory(round=released, status="planned")
    late = InterviewFactory(round=released, confidentiality="releasable", district=district())
    FindingFactory(interview=late, sector=sector(), kind="resource")
    after = (
        findings_tables(council_client, dashboard),
        findings_tables(council_client, report),
        round_section(council_client, released),
        council_client.get(reverse("council:dashboard_csv")).content,
    )
    assert after == before
    assert "NACHTRAGSMARKER" not in council_client.get(report).content.decode()


def test_a_new_release_is_a_new_version_with_new_figures_and_says_so(world, council_client):
    released = world["released"]
    report = reverse("council:round_report", args=[released.pk])
    assert "Fassung 2 vom" in council_client.get(report).content.decode()
    held = released.interviews.filter(status="held", confidentiality="releasable").first()
    FindingFactory(interview=held, sector=sector(), kind="need", statement="NACHTRAGSMARKER")
    summary = services.summary_release(consultation_round=released, user=UserFactory())
    assert summary.version == 3
    page = council_client.get(report).content.decode()
    assert "Fassung 3 vom" in page
    assert "NACHTRAGSMARKER" in page  # its interview is releasable
    (table,) = findings_tables(council_client, reverse("council:dashboard")).values()
    sprache = {row[0]: row[1] for row in table}
    assert sprache["Sprache und Bildung"] == "3"  # was 2 in version 2
    dashboard = council_client.get(reverse("council:dashboard")).content.decode()
    assert "Fassung 3 vom" in dashboard


def test_release_stores_the_counts_and_they_cannot_be_changed(world):
    summary = RoundSummary.objects.get(round=world["released"], version=2)
    counts = {
        (c.sector.slug, c.district_id, c.kind): c.count
        for c in ReleasedFindingCount.objects.filter(summary=summary).select_related("sector")
    }
    assert sum(counts.values()) == 4  # the planned interview's finding is not counted
    assert counts[("sprache-bildung", district().pk, "need")] == 1
    assert counts[("arbeit-wirtschaft", district().pk, "tension")] == 1  # confidential: counted
    with pytest.raises(ProgrammingError, match="Cannot update"), transaction.atomic():
        ReleasedFindingCount.objects.filter(summary=summary).update(count=99)


def _council_texts(client, world, summary) -> dict:
    urls = [
        reverse("council:dashboard"),
        reverse("council:round_report", args=[world["released"].pk]),
        reverse("consultations:summary_detail", args=[summary.pk]),
        reverse("consultations:summary_list"),
    ]
    urls += [url + suffix for url in urls[:2] for suffix in ("pdf/", "export/")]
    texts = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = text_of(response)
    return texts


def test_confidential_and_planned_statements_never_reach_the_council(world, council_client):
    summary = RoundSummary.objects.get(round=world["released"], version=2)
    texts = _council_texts(council_client, world, summary)
    for url, text in texts.items():
        assert MARKERS["confidential"] not in text, url
        assert MARKERS["planned"] not in text, url
    round_page = texts[reverse("council:round_report", args=[world["released"].pk])]
    assert "Mehr Sprachkurse am Abend." in round_page  # releasable interview: quoted
    assert "1 weitere Erkenntnis wird gezählt, aber nicht zitiert" in round_page


def test_the_officer_may_release_one_statement_word_for_word(world, officer_client, council_client):
    released = world["released"]
    url = reverse("consultations:summary_release", args=[released.pk])
    form = officer_client.get(url).content.decode()
    assert MARKERS["confidential"] in form  # offered as a checkbox to the officer
    secret = released.findings.get(statement=MARKERS["confidential"])
    assert f'value="{secret.pk}"' in form
    assert MARKERS["planned"] not in form.split("<article")[0]  # not held: not offered
    response = officer_client.post(url, {"release_findings": [secret.pk]})
    assert response.status_code == 302
    summary = RoundSummary.objects.get(round=released, version=3)
    quoted = [f for group in summary.content["findings_by_sector"] for f in group["findings"]]
    assert {"finding_id": secret.pk, "released_individually": True}.items() <= next(
        f for f in quoted if f["statement"] == MARKERS["confidential"]
    ).items()
    page = council_client.get(reverse("council:round_report", args=[released.pk]))
    assert MARKERS["confidential"] in page.content.decode()


def test_a_forged_finding_id_is_refused_with_a_message(world, officer_client):
    released = world["released"]
    planned = released.findings.get(statement=MARKERS["planned"])
    url = reverse("consultations:summary_release", args=[released.pk])
    response = officer_client.post(url, {"release_findings": [planned.pk]})
    assert response.status_code == 200
    assert "keine gültige Auswahl" in response.content.decode()
    assert not RoundSummary.objects.filter(round=released, version=3).exists()


def test_a_summary_released_before_the_quoting_rules_shows_no_statements(council_client):
    from tests.factories import RoundSummaryFactory

    old = RoundSummaryFactory(
        content={
            "title": "Alte Runde",
            "finding_count": 1,
            "findings_by_sector": [
                {"sector": "Sprache", "findings": [{"kind": "Bedarf", "statement": "ALTMARKER"}]}
            ],
        }
    )
    page = council_client.get(reverse("consultations:summary_detail", args=[old.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "ALTMARKER" not in text
    assert "1 weitere Erkenntnis wird gezählt, aber nicht zitiert" in text


def test_the_migration_counts_what_older_summaries_released(world):
    import importlib

    from django.apps import apps

    from tests.factories import RoundSummaryFactory

    migration = importlib.import_module("consultations.migrations.0006_released_finding_counts")
    older = RoundSummaryFactory(round=world["unreleased"], version=1)
    FindingFactory(interview=world["unreleased"].interviews.first(), sector=sector())  # later
    ReleasedFindingCount.objects.all().delete()
    migration.backfill_counts(apps, None)
    assert ReleasedFindingCount.objects.filter(summary=older).get().count == 1
    latest = RoundSummary.objects.get(round=world["released"], version=2)
    assert sum(c.count for c in ReleasedFindingCount.objects.filter(summary=latest)) == 4
