"""Rounds: create, edit, the status workflow (a transition table) and the evaluation."""

import datetime

import pytest
from django.urls import reverse

from consultations import services
from consultations.models import ConsultationRound
from tests.factories import InterviewFactory, RoundFactory, district, sector, today

pytestmark = pytest.mark.django_db
S = ConsultationRound.Status


def _round_data(**overrides):
    data = {
        "title": "Was wollen wir werden?",
        "guiding_question": "Was wollen wir werden?",
        "starts_on": "2026-03-01",
        "ends_on": "2026-06-30",
        "sectors": [sector().pk],
        "districts": [district().pk],
        "version": "",
    }
    data.update(overrides)
    return data


def test_officer_creates_a_round_that_starts_planned(officer_client):
    response = officer_client.post(reverse("consultations:round_create"), _round_data())
    round_ = ConsultationRound.objects.get()
    assert response.status_code == 302
    assert round_.status == S.PLANNED
    assert list(round_.sectors.all()) == [sector()]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ends_on", "2026-01-01"),
        ("starts_on", "gestern"),
        ("title", ""),
        ("title", "x" * 500),
        ("sectors", ["999999"]),
    ],
)
def test_bad_round_input_keeps_what_was_typed(officer_client, field, value):
    data = _round_data(guiding_question="Meine Leitfrage bleibt", **{field: value})
    response = officer_client.post(reverse("consultations:round_create"), data)
    assert response.status_code == 200
    assert "Meine Leitfrage bleibt" in response.content.decode()
    assert not ConsultationRound.objects.exists()


def test_a_round_ending_before_it_starts_gets_a_german_message(officer_client):
    response = officer_client.post(
        reverse("consultations:round_create"), _round_data(ends_on="2026-01-01")
    )
    assert "Die Runde kann nicht enden, bevor sie beginnt." in response.content.decode()


def test_editing_a_round_someone_else_saved_keeps_the_typed_text(officer_client):
    round_ = RoundFactory()
    data = _round_data(title="Mein neuer Titel", version=str(round_.version))
    ConsultationRound.objects.filter(pk=round_.pk).update(version=round_.version + 1)
    response = officer_client.post(reverse("consultations:round_update", args=[round_.pk]), data)
    assert response.status_code == 200
    assert "Mein neuer Titel" in response.content.decode()
    round_.refresh_from_db()
    assert round_.title != "Mein neuer Titel"


TRANSITIONS = [
    # (old, new, allowed)
    (S.PLANNED, S.RUNNING, True),
    (S.PLANNED, S.CLOSED, False),
    (S.PLANNED, S.EVALUATED, False),
    (S.RUNNING, S.CLOSED, True),
    (S.RUNNING, S.PLANNED, False),
    (S.RUNNING, S.EVALUATED, False),
    (S.CLOSED, S.RUNNING, True),
    (S.CLOSED, S.EVALUATED, True),
    (S.EVALUATED, S.RUNNING, False),
    (S.EVALUATED, S.CLOSED, False),
]


@pytest.mark.parametrize(("old", "new", "allowed"), TRANSITIONS)
def test_round_status_transition_table(old, new, allowed):
    round_ = RoundFactory(status=old, evaluation="Ausgewertet.")
    if allowed:
        assert services.round_transition(consultation_round=round_, to=new).status == new
    else:
        with pytest.raises(services.ConsultationError):
            services.round_transition(consultation_round=round_, to=new)


def test_a_round_is_evaluated_only_with_a_written_evaluation():
    round_ = RoundFactory(status=S.CLOSED, evaluation="  ")
    with pytest.raises(services.ConsultationError, match="Auswertung"):
        services.round_transition(consultation_round=round_, to=S.EVALUATED)


def test_status_change_get_shows_a_confirmation_and_post_changes(officer_client):
    round_ = RoundFactory(status=S.PLANNED)
    url = reverse("consultations:round_transition", args=[round_.pk, "running"])
    assert officer_client.get(url).status_code == 200
    round_.refresh_from_db()
    assert round_.status == S.PLANNED
    assert officer_client.post(url).status_code == 302
    round_.refresh_from_db()
    assert round_.status == S.RUNNING


def test_status_change_refuses_put_and_unknown_statuses(officer_client):
    round_ = RoundFactory()
    assert (
        officer_client.put(
            reverse("consultations:round_transition", args=[round_.pk, "closed"])
        ).status_code
        == 405
    )
    assert (
        officer_client.get(
            reverse("consultations:round_transition", args=[round_.pk, "vergessen"])
        ).status_code
        == 404
    )


def test_reviewer_may_not_change_a_rounds_status(reviewer_client):
    round_ = RoundFactory(status=S.PLANNED)
    url = reverse("consultations:round_transition", args=[round_.pk, "running"])
    assert reviewer_client.post(url).status_code == 403
    round_.refresh_from_db()
    assert round_.status == S.PLANNED


def test_round_detail_shows_planned_versus_held_by_district(officer_client):
    round_ = RoundFactory()
    InterviewFactory(round=round_, district=district("woltorf"))
    InterviewFactory(round=round_, district=district("woltorf"), status="planned")
    InterviewFactory(
        round=round_,
        district=district(),
        held_on=today() - datetime.timedelta(days=2),
    )
    response = officer_client.get(reverse("consultations:round_detail", args=[round_.pk]))
    rows = {row["label"]: row for row in response.context["progress"]["by_district"]}
    assert (rows["Woltorf"]["planned"], rows["Woltorf"]["held"]) == (1, 1)
    assert (rows["Kernstadt"]["planned"], rows["Kernstadt"]["held"]) == (0, 1)
    assert response.context["round"].held_count == 2
    assert response.context["round"].planned_count == 1


def test_unknown_round_is_404(officer_client, reviewer_client):
    assert (
        officer_client.get(reverse("consultations:round_detail", args=[999999])).status_code == 404
    )
    assert (
        reviewer_client.get(reverse("consultations:finding_board", args=[999999])).status_code
        == 404
    )
