"""Releasing a round's summary to the council: dated, versioned, never changed."""

import pytest
from django.urls import reverse

from consultations import services
from consultations.models import ConsultationRound, RoundSummary
from tests.factories import (
    ActionOptionFactory,
    FindingFactory,
    InterviewFactory,
    RoundFactory,
    RoundSummaryFactory,
    StakeholderFactory,
    today,
)

pytestmark = pytest.mark.django_db
S = ConsultationRound.Status


@pytest.fixture
def closed_round():
    round_ = RoundFactory(status=S.CLOSED, evaluation="Viel Bedarf an Begegnung.")
    welfare = StakeholderFactory(kind="welfare")
    sports = StakeholderFactory(kind="sports")
    first = InterviewFactory(
        round=round_, stakeholders=[welfare, sports], confidentiality="releasable"
    )
    second = InterviewFactory(round=round_, stakeholders=[welfare], format="phone")
    FindingFactory(interview=second, statement="Intern gesagt.")
    InterviewFactory(round=round_, status="planned")
    FindingFactory(interview=first, statement="Räume fehlen.")
    ActionOptionFactory(round=round_, title="Raumbörse")
    ActionOptionFactory(round=round_, title="Verworfen", status="discarded")
    return round_


def test_release_freezes_counts_statements_and_options(closed_round, officer_client):
    response = officer_client.post(reverse("consultations:summary_release", args=[closed_round.pk]))
    summary = RoundSummary.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:summary_detail", args=[summary.pk])
    assert summary.version == 1
    assert summary.released_on == today()
    content = summary.content
    assert content["interview_count"] == 2  # held only
    assert {row["label"]: row["count"] for row in content["by_stakeholder_kind"]} == {
        "Wohlfahrtsverband": 2,
        "Sportverein": 1,
    }
    # quoted: the releasable interview's statement; counted only: the internal one
    assert [f["statement"] for f in content["findings_by_sector"][0]["findings"]] == [
        "Räume fehlen."
    ]
    assert (content["finding_count"], content["quoted_count"], content["withheld_count"]) == (
        2,
        1,
        1,
    )
    assert "Intern gesagt." not in str(content)
    assert [o["title"] for o in content["options"]] == ["Raumbörse"]
    closed_round.refresh_from_db()
    assert closed_round.status == S.EVALUATED


def test_a_new_release_is_a_new_version_and_the_old_one_stays(closed_round, officer):
    first = services.summary_release(consultation_round=closed_round, user=officer)
    ConsultationRound.objects.filter(pk=closed_round.pk).update(evaluation="Zweite Fassung.")
    closed_round.refresh_from_db()
    second = services.summary_release(consultation_round=closed_round, user=officer)
    first.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert first.evaluation == "Viel Bedarf an Begegnung."
    assert second.evaluation == "Zweite Fassung."


@pytest.mark.parametrize(
    ("status", "evaluation"), [(S.RUNNING, "Text"), (S.PLANNED, "Text"), (S.CLOSED, "")]
)
def test_release_needs_a_closed_round_and_an_evaluation(officer_client, status, evaluation):
    round_ = RoundFactory(status=status, evaluation=evaluation)
    url = reverse("consultations:summary_release", args=[round_.pk])
    assert officer_client.get(url).status_code == 200
    response = officer_client.post(url)
    assert response.status_code == 302
    assert not RoundSummary.objects.exists()


def test_release_is_officer_only(closed_round, reviewer_client, council_client):
    url = reverse("consultations:summary_release", args=[closed_round.pk])
    assert reviewer_client.post(url).status_code == 403
    assert council_client.post(url).status_code == 403
    assert not RoundSummary.objects.exists()


def test_council_reads_the_released_summary(closed_round, officer, council_client):
    summary = services.summary_release(consultation_round=closed_round, user=officer)
    listing = council_client.get(reverse("consultations:summary_list"))
    assert closed_round.title in listing.content.decode()
    detail = council_client.get(reverse("consultations:summary_detail", args=[summary.pk]))
    content = detail.content.decode()
    assert "Räume fehlen." in content
    assert "Intern gesagt." not in content
    assert "Viel Bedarf an Begegnung." in content
    assert (
        council_client.get(
            reverse("consultations:round_detail", args=[closed_round.pk])
        ).status_code
        == 403
    )


def test_council_searches_summaries_in_german(council_client):
    RoundSummaryFactory(evaluation="Die Sportvereine öffnen sich für neue Mitglieder.")
    RoundSummaryFactory(evaluation="Wohnraum bleibt knapp.")
    response = council_client.get(reverse("consultations:summary_list") + "?q=Sportverein")
    assert len(response.context["summaries"]) == 1


def test_council_summary_search_matches_the_beginning_of_words(council_client):
    RoundSummaryFactory(evaluation="Die Sportvereine öffnen sich für neue Mitglieder.")
    RoundSummaryFactory(evaluation="Wohnraum bleibt knapp.")
    response = council_client.get(reverse("consultations:summary_list"), {"q": "Sportv Mitgl"})
    assert len(response.context["summaries"]) == 1


def test_council_summary_list_never_loads_the_content_or_evaluation(council_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    RoundSummaryFactory()
    with CaptureQueriesContext(connection) as queries:
        council_client.get(reverse("consultations:summary_list"))
    sql = " ".join(q["sql"] for q in queries if "consultations_roundsummary" in q["sql"])
    assert '"consultations_roundsummary"."content"' not in sql
