"""The measure workflow as a table, its race between two reviewers, and its emails."""

import threading
from itertools import product

import pytest
from django.core import mail
from django.db import connection

from measures.models import Measure, Review
from measures.services import (
    ACTION_CAPABILITIES,
    TRANSITIONS,
    TransitionError,
    measure_transition,
)
from peine.roles import Role
from tests.factories import MeasureFactory, UserFactory

S = Measure.Status
A = Review.Decision

# (old status, action) -> new status: the whole workflow, written out once more by hand.
EXPECTED = {
    (S.DRAFT, A.SUBMIT): S.SUBMITTED,
    (S.CHANGES_REQUESTED, A.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, A.START_REVIEW): S.IN_REVIEW,
    (S.IN_REVIEW, A.APPROVE): S.APPROVED,
    (S.IN_REVIEW, A.REQUEST_CHANGES): S.CHANGES_REQUESTED,
    (S.IN_REVIEW, A.REJECT): S.REJECTED,
    (S.APPROVED, A.START): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.PAUSE): S.PAUSED,
    (S.PAUSED, A.RESUME): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.COMPLETE): S.COMPLETED,
}
# Which role may take which action (the permission map decides; this is the expectation).
ROLE_ACTIONS = {
    Role.OFFICER: {A.SUBMIT},
    Role.REVIEWER: set(A.values),
    Role.COUNCIL: set(),
    Role.ADMIN: set(),
}


def test_transition_table_is_exactly_the_documented_workflow():
    assert TRANSITIONS == EXPECTED
    assert set(ACTION_CAPABILITIES) == set(A.values)


@pytest.mark.parametrize(("status", "action"), list(product(S.values, A.values)))
def test_reviewer_may_take_exactly_the_transitions_of_the_table(db, status, action):
    reviewer = UserFactory(role=Role.REVIEWER)
    measure = MeasureFactory(status=status)
    allowed = (status, action) in EXPECTED
    if allowed:
        result = measure_transition(
            measure_id=measure.pk, action=action, user=reviewer, reason="Begründung"
        )
        assert result.measure.status == EXPECTED[(status, action)]
        review = Review.objects.get(measure=measure)
        assert (review.old_status, review.new_status, review.reviewer) == (
            status,
            EXPECTED[(status, action)],
            reviewer,
        )
    else:
        with pytest.raises(TransitionError):
            measure_transition(
                measure_id=measure.pk, action=action, user=reviewer, reason="Begründung"
            )
        measure.refresh_from_db()
        assert measure.status == status
        assert not Review.objects.filter(measure=measure).exists()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.COUNCIL, Role.ADMIN])
@pytest.mark.parametrize(("status", "action"), list(EXPECTED))
def test_other_roles_take_only_the_actions_their_permissions_allow(db, role, status, action):
    user = UserFactory(role=role)
    measure = MeasureFactory(status=status)
    if action in ROLE_ACTIONS[role]:
        measure_transition(measure_id=measure.pk, action=action, user=user, reason="Grund")
        measure.refresh_from_db()
        assert measure.status == EXPECTED[(status, action)]
    else:
        with pytest.raises(TransitionError):
            measure_transition(measure_id=measure.pk, action=action, user=user, reason="Grund")
        measure.refresh_from_db()
        assert measure.status == status


@pytest.mark.parametrize("action", [A.REJECT, A.REQUEST_CHANGES])
def test_rejecting_or_requesting_changes_requires_a_reason(reviewer, action):
    measure = MeasureFactory(status=S.IN_REVIEW)
    with pytest.raises(TransitionError, match="begründen"):
        measure_transition(measure_id=measure.pk, action=action, user=reviewer, reason="  ")
    measure.refresh_from_db()
    assert measure.status == S.IN_REVIEW


def test_unknown_action_is_refused(reviewer):
    measure = MeasureFactory(status=S.IN_REVIEW)
    with pytest.raises(TransitionError):
        measure_transition(measure_id=measure.pk, action="delete", user=reviewer)


def test_second_decision_on_the_same_measure_sees_the_first_and_is_refused(reviewer):
    other = UserFactory(role=Role.REVIEWER)
    measure = MeasureFactory(status=S.IN_REVIEW)
    measure_transition(
        measure_id=measure.pk, action=A.APPROVE, user=reviewer, expected_status=S.IN_REVIEW
    )
    with pytest.raises(TransitionError, match="inzwischen"):
        measure_transition(
            measure_id=measure.pk,
            action=A.REJECT,
            user=other,
            reason="Zu teuer",
            expected_status=S.IN_REVIEW,
        )
    assert list(Review.objects.filter(measure=measure).values_list("decision", flat=True)) == [
        A.APPROVE
    ]


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_deciding_at_the_same_moment_record_exactly_one_decision():
    first, second = UserFactory(role=Role.REVIEWER), UserFactory(role=Role.REVIEWER)
    measure = MeasureFactory(status=S.IN_REVIEW)
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(user, action):
        try:
            barrier.wait()
            measure_transition(
                measure_id=measure.pk,
                action=action,
                user=user,
                reason="Entscheidung",
                expected_status=S.IN_REVIEW,
            )
            outcomes.append("ok")
        except TransitionError as error:
            outcomes.append(error.message)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(first, A.APPROVE)),
        threading.Thread(target=decide, args=(second, A.REJECT)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    (refusal,) = [outcome for outcome in outcomes if outcome != "ok"]
    assert "inzwischen" in refusal  # "Der Status ... hat sich inzwischen geändert"
    assert Review.objects.filter(measure=measure).count() == 1
    measure.refresh_from_db()
    assert measure.status in {S.APPROVED, S.REJECTED}


def test_submission_emails_every_reviewer(officer, django_capture_on_commit_callbacks):
    reviewers = [UserFactory(role=Role.REVIEWER) for _ in range(2)]
    measure = MeasureFactory(proposed_by=officer, title="Sprachcafé Südstadt")
    with django_capture_on_commit_callbacks(execute=True):
        measure_transition(measure_id=measure.pk, action=A.SUBMIT, user=officer)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in reviewers)
    assert "Sprachcafé Südstadt" in mail.outbox[0].subject


@pytest.mark.parametrize("action", [A.APPROVE, A.REQUEST_CHANGES, A.REJECT])
def test_proposer_hears_of_the_decision(
    officer, reviewer, action, django_capture_on_commit_callbacks
):
    measure = MeasureFactory(proposed_by=officer, status=S.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        measure_transition(
            measure_id=measure.pk, action=action, user=reviewer, reason="Bitte Kosten prüfen"
        )
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert measure.title in mail.outbox[0].subject


def test_progress_transitions_send_no_email(reviewer, django_capture_on_commit_callbacks):
    measure = MeasureFactory(status=S.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        measure_transition(measure_id=measure.pk, action=A.START, user=reviewer)
    assert mail.outbox == []
