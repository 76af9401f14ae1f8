"""Pages of the consultations that grow with use show a page of rows, never all of them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.forms import ActionOptionForm
from consultations.models import ActionOption, ConsultationRound, Finding, Interview
from consultations.views.options import OptionListView
from consultations.views.rounds import RoundDetailView, RoundListView
from tests.factories import RoundFactory, sector

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _rounds(n: int) -> None:
    start = datetime.date(2020, 1, 1)
    ConsultationRound.objects.bulk_create(
        ConsultationRound(
            title=f"Runde {i:03}",
            starts_on=start + datetime.timedelta(days=i),
            ends_on=start + datetime.timedelta(days=i + 30),
        )
        for i in range(n)
    )


def test_round_list_shows_one_page_of_rounds_newest_first_with_a_link_on(
    reviewer_client, monkeypatch
):
    monkeypatch.setattr(RoundListView, "paginate_by", 3)
    _rounds(4)
    first = reviewer_client.get(reverse("consultations:round_list"))
    assert [r.title for r in first.context["rounds"]] == ["Runde 003", "Runde 002", "Runde 001"]
    html = first.content.decode()
    assert "Runde 000" not in html
    assert 'href="?page=2" rel="next"' in html
    second = reviewer_client.get(reverse("consultations:round_list"), {"page": 2})
    assert [r.title for r in second.context["rounds"]] == ["Runde 000"]


def test_round_list_counts_interviews_and_findings_per_round(reviewer_client, officer):
    round_, other = RoundFactory(), RoundFactory()
    _interviews(round_, officer, "planned", 1)
    _interviews(round_, officer, "held", 2)
    _interviews(other, officer, "held", 1)
    held = Interview.objects.filter(round=round_, status="held")
    Finding.objects.bulk_create(
        Finding(interview=i, round=round_, statement="Räume", sector=sector(), kind="need")
        for i in held
        for _ in range(3)
    )
    rows = {
        r.pk: r for r in reviewer_client.get(reverse("consultations:round_list")).context["rounds"]
    }
    assert (rows[round_.pk].planned_count, rows[round_.pk].held_count) == (1, 2)
    assert rows[round_.pk].finding_count == 6
    assert (rows[other.pk].planned_count, rows[other.pk].held_count) == (0, 1)
    assert rows[other.pk].finding_count == 0


def test_round_list_runs_the_same_queries_for_5_and_60_rounds(reviewer_client):
    _rounds(5)
    few = _queries(reviewer_client, reverse("consultations:round_list"))
    _rounds(55)
    assert _queries(reviewer_client, reverse("consultations:round_list")) == few


def test_option_list_shows_one_page_of_options_by_title(reviewer_client, monkeypatch):
    monkeypatch.setattr(OptionListView, "paginate_by", 3)
    round_ = RoundFactory()
    ActionOption.objects.bulk_create(
        ActionOption(round=round_, title=f"Option {i}") for i in (4, 2, 3, 1)
    )
    url = reverse("consultations:option_list", args=[round_.pk])
    first = reviewer_client.get(url)
    assert [o.title for o in first.context["options"]] == ["Option 1", "Option 2", "Option 3"]
    html = first.content.decode()
    assert "Option 4" not in html
    assert 'rel="next"' in html
    assert [o.title for o in reviewer_client.get(url, {"page": 2}).context["options"]] == [
        "Option 4"
    ]


def test_option_list_runs_the_same_queries_for_3_and_40_options(reviewer_client):
    round_ = RoundFactory()
    url = reverse("consultations:option_list", args=[round_.pk])
    ActionOption.objects.bulk_create(ActionOption(round=round_, title=f"A {i}") for i in range(3))
    few = _queries(reviewer_client, url)
    ActionOption.objects.bulk_create(ActionOption(round=round_, title=f"B {i}") for i in range(37))
    assert _queries(reviewer_client, url) == few


def _interviews(round_, officer, status: str, n: int) -> None:
    Interview.objects.bulk_create(
        Interview(
            round=round_,
            held_on=round_.starts_on + datetime.timedelta(days=i % 50),
            interviewer=officer,
            status=status,
        )
        for i in range(n)
    )


def test_round_detail_pages_planned_and_held_interviews_each_on_its_own(
    officer_client, officer, monkeypatch
):
    monkeypatch.setattr(RoundDetailView, "interviews_per_page", 2)
    round_ = RoundFactory()
    _interviews(round_, officer, "planned", 3)
    _interviews(round_, officer, "held", 5)
    url = reverse("consultations:round_detail", args=[round_.pk])
    response = officer_client.get(url)
    planned, held = response.context["planned_interviews"], response.context["held_interviews"]
    assert len(planned) == 2
    assert len(held) == 2
    html = response.content.decode()
    assert 'href="?planned=2#planned-interviews" rel="next"' in html
    assert 'href="?held=2#held-interviews" rel="next"' in html
    # Turning the held table keeps the planned table's page.
    response = officer_client.get(url, {"planned": 2, "held": 3})
    assert len(response.context["planned_interviews"]) == 1
    assert len(response.context["held_interviews"]) == 1
    assert 'href="?planned=2&amp;held=2#held-interviews" rel="prev"' in response.content.decode()
    # A page beyond the end or a bad number gives a page, never an error.
    assert officer_client.get(url, {"held": "x"}).status_code == 200
    assert officer_client.get(url, {"held": 999}).status_code == 200


@pytest.mark.parametrize("role_client", ["officer_client", "reviewer_client"])
def test_round_detail_runs_the_same_queries_for_few_and_many_interviews(
    request, role_client, officer
):
    client = request.getfixturevalue(role_client)
    round_ = RoundFactory()
    _interviews(round_, officer, "planned", 2)
    _interviews(round_, officer, "held", 2)
    url = reverse("consultations:round_detail", args=[round_.pk])
    few = _queries(client, url)
    _interviews(round_, officer, "planned", 60)
    _interviews(round_, officer, "held", 60)
    many = _queries(client, url)
    assert many == few
    response = client.get(url)
    assert len(response.context["held_interviews"]) == RoundDetailView.interviews_per_page


def _findings(round_, officer, n: int) -> list[Finding]:
    _interviews(round_, officer, "held", 1)
    interview = Interview.objects.filter(round=round_).last()
    return Finding.objects.bulk_create(
        Finding(interview=interview, round=round_, statement=f"Aussage {i:03}", sector=sector())
        for i in range(n)
    )


def _offered(html: str) -> int:
    return html.count('name="findings"')


def test_option_form_offers_the_ticked_findings_and_a_few_more_with_a_link_to_the_board(
    officer_client, officer, monkeypatch
):
    monkeypatch.setattr(ActionOptionForm, "findings_offered", 3)
    round_ = RoundFactory()
    findings = _findings(round_, officer, 6)
    url = reverse("consultations:option_create", args=[round_.pk])
    html = officer_client.get(url).content.decode()
    assert _offered(html) == 3
    assert "Aussage 005" not in html
    assert reverse("consultations:finding_board", args=[round_.pk]) in html
    # Findings ticked on the board arrive ticked, beyond the first three.
    html = officer_client.get(url, {"findings": [findings[5].pk]}).content.decode()
    assert _offered(html) == 4
    assert "Aussage 005" in html
    # Any finding of the round is accepted, offered or not.
    response = officer_client.post(
        url,
        {"title": "Sprachcafé", "findings": [findings[4].pk], "version": ""},
    )
    assert response.status_code == 302
    option = ActionOption.objects.get(title="Sprachcafé")
    html = officer_client.get(reverse("consultations:option_update", args=[option.pk]))
    html = html.content.decode()
    assert _offered(html) == 4
    assert f'value="{findings[4].pk}" id="id_findings_0" checked' in html.replace("\n", " ")


def test_option_form_without_more_findings_says_nothing_of_the_board(officer_client, officer):
    round_ = RoundFactory()
    _findings(round_, officer, 2)
    html = officer_client.get(reverse("consultations:option_create", args=[round_.pk]))
    assert _offered(html.content.decode()) == 2
    assert reverse("consultations:finding_board", args=[round_.pk]) not in html.content.decode()


def test_option_form_runs_the_same_queries_for_5_and_200_findings(officer_client, officer):
    round_ = RoundFactory()
    _findings(round_, officer, 5)
    url = reverse("consultations:option_create", args=[round_.pk])
    few = _queries(officer_client, url)
    _findings(round_, officer, 195)
    assert _queries(officer_client, url) == few
    assert _offered(officer_client.get(url).content.decode()) == ActionOptionForm.findings_offered
