"""Every list and board runs a fixed number of queries, whatever the number of rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.models import ActionOption, ConsultationRound, Finding, Interview, RoundSummary
from tests.factories import RoundFactory, StakeholderFactory, UserFactory, district, sector

pytestmark = pytest.mark.django_db


def _fill(round_, officer, interviews: int, findings_per_interview: int) -> None:
    """Bulk rows: interviews with stakeholders, findings linked to an option, summaries."""
    stakeholder = StakeholderFactory()
    stakeholder.sectors.add(sector())
    rows = Interview.objects.bulk_create(
        Interview(
            round=round_,
            held_on=round_.starts_on + datetime.timedelta(days=1),
            interviewer=officer,
            district=district(),
            status="held" if i % 3 else "planned",
        )
        for i in range(interviews)
    )
    Interview.stakeholders.through.objects.bulk_create(
        Interview.stakeholders.through(interview=row, stakeholder=stakeholder) for row in rows
    )
    findings = Finding.objects.bulk_create(
        Finding(
            interview=row,
            round=round_,
            statement=f"Quartier braucht Räume {i}",
            sector=sector(),
            kind="need",
        )
        for row in rows
        for i in range(findings_per_interview)
    )
    for i in range(max(1, interviews // 5)):
        option = ActionOption.objects.create(round=round_, title=f"Option {i}")
        option.sectors.add(sector())
        option.findings.add(*findings[i::7][:20])
    for version in range(1, max(2, interviews // 5)):
        RoundSummary.objects.create(
            round=round_,
            version=version,
            evaluation="Quartier",
            released_on=round_.starts_on,
            released_by=officer,
        )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


URLS = [
    # name, needs the round's pk
    ("consultations:round_list", False),
    ("consultations:round_detail", True),
    ("consultations:finding_board", True),
    ("consultations:option_list", True),
    ("consultations:summary_list", False),
    ("consultations:search", False),
]


@pytest.mark.parametrize(("url_name", "with_pk"), URLS)
@pytest.mark.parametrize("role", ["officer", "reviewer"])
def test_lists_run_a_fixed_number_of_queries(client, url_name, with_pk, role):
    user = UserFactory(role=role)
    officer = UserFactory(role="officer")
    client.force_login(user)
    few = RoundFactory(status=ConsultationRound.Status.CLOSED)
    many = RoundFactory(status=ConsultationRound.Status.CLOSED)
    _fill(few, officer, interviews=10, findings_per_interview=1)
    _fill(many, officer, interviews=500, findings_per_interview=2)
    RoundFactory.create_batch(3)

    def url(round_):
        query = "?q=Quartier" if url_name == "consultations:search" else ""
        return (reverse(url_name, args=[round_.pk]) if with_pk else reverse(url_name)) + query

    # Queries per page (session, user, groups/permissions, then the page's own):
    # round list 1 (rounds with counts) + 2 (sectors, districts prefetched);
    # round detail: round, interviews + stakeholders, progress by sector and district,
    # summaries; board: findings + options, counts, the round, options for the form;
    # options: options + sectors; summaries: capped count + page; search: findings page
    # with its count, and summaries.
    client.get(url(few))  # the process reads the filter choices once (peine.taxonomy_cache)
    assert _count(client, url(few)) == _count(client, url(many))
