"""A form sent twice creates its record once (issue 26.8): peine/lib/submissions.py."""

import re
import threading
import time

import pytest
from django.db import connection
from django.urls import reverse

from consultations.models import Interview
from measures import services as measure_services
from measures.models import Expenditure, Measure
from peine.lib.submissions import FIELD
from peine.models import FormSubmission
from tests.conftest import client_for
from tests.factories import MeasureFactory, UserFactory, funding_source
from tests.matrix import LOGIN
from tests.test_permission_matrix import MATRIX

S = Measure.Status
TOKEN = re.compile(rf'name="{FIELD}" value="([0-9a-f]{{32}})"')

# Pages that create a record on POST, beyond those whose URL name ends in "create".
OTHER_CREATE_PAGES = {
    "stakeholders:import",
    "privacy:access",
    "analysis:map_release",
    "accessibility_feedback",
    "measures:transition",
}
# POST-only endpoints without a page of their own (the interview's autosave).
NO_FORM = {"consultations:interview_create_draft"}


def create_pages() -> list[str]:
    names = {name for name in MATRIX if name.endswith("create") or name.endswith("_create")}
    return sorted((names | OTHER_CREATE_PAGES) - NO_FORM)


def _token(client, url) -> str:
    page = client.get(url)
    assert page.status_code == 200
    match = TOKEN.search(page.content.decode())
    assert match, f"no one-time token on {url}"
    return match.group(1)


def _spending(measure, token):
    return {
        "funding_source": funding_source().pk,
        "spent_on": "2026-05-02",
        "amount": "123,45",
        "description": "Honorar",
        FIELD: token,
    }


def test_every_create_page_is_known():
    # A page must be in MATRIX to exist, and every name with "create" is picked up here.
    assert {
        "measures:create",
        "measures:expenditure_create",
        "consultations:interview_create",
    } <= set(create_pages())
    assert set(OTHER_CREATE_PAGES) <= MATRIX.keys()


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", create_pages())
def test_every_create_form_carries_a_one_time_token(url_name):
    row = MATRIX[url_name]
    role = next(
        role for role, status in row.expected.items() if status == 200 and role != "anonymous"
    )
    assert row.expected["anonymous"] in (LOGIN, 200)
    client = client_for(UserFactory(role=role))
    url = reverse(url_name, kwargs=row.kwargs()) + row.query
    first, second = _token(client, url), _token(client, url)
    assert first != second, "each form view gets its own token"


@pytest.mark.django_db
def test_the_same_spending_sent_twice_is_booked_once(reviewer_client):
    measure = MeasureFactory(status=S.IN_PROGRESS)
    url = reverse("measures:expenditure_create", args=[measure.pk])
    token = _token(reviewer_client, url)
    first = reviewer_client.post(url, _spending(measure, token))
    second = reviewer_client.post(url, _spending(measure, token), follow=True)
    assert first.status_code == 302
    assert second.redirect_chain[0][0] == first["Location"]
    assert measure.expenditures.count() == 1
    assert "bereits abgeschickt" in second.content.decode()


@pytest.mark.django_db
def test_a_form_with_errors_can_be_sent_again_with_its_token(reviewer_client):
    measure = MeasureFactory(status=S.IN_PROGRESS)
    url = reverse("measures:expenditure_create", args=[measure.pk])
    token = _token(reviewer_client, url)
    bad = reviewer_client.post(url, {**_spending(measure, token), "amount": "-1"})
    assert bad.status_code == 200
    assert reviewer_client.post(url, _spending(measure, token)).status_code == 302
    assert measure.expenditures.count() == 1


@pytest.mark.django_db
def test_two_measures_and_two_interviews_are_not_created_twice(officer_client):
    url = reverse("measures:create")
    token = _token(officer_client, url)
    data = {"title": "Sprachcafé Nord", "description": "Treffen", FIELD: token}
    before = Measure.objects.count()
    officer_client.post(url, data)
    officer_client.post(url, data)
    assert Measure.objects.count() - before <= 1

    url = reverse("consultations:interview_create")
    token = _token(officer_client, url)
    before = Interview.objects.count()
    officer_client.post(url, {"held_on": "2026-05-02", FIELD: token})
    officer_client.post(url, {"held_on": "2026-05-02", FIELD: token})
    assert Interview.objects.count() - before <= 1


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_with_one_token_book_one_expenditure(monkeypatch):
    """Two threads, two database connections, the same token at the same moment."""
    reviewer = UserFactory(role="reviewer")
    measure = MeasureFactory(status=S.IN_PROGRESS)
    url = reverse("measures:expenditure_create", args=[measure.pk])
    token = _token(client_for(reviewer), url)
    record = measure_services.expenditure_record

    def slow_record(**kwargs):
        # Both requests would be inside the view together without the token.
        time.sleep(0.5)
        return record(**kwargs)

    monkeypatch.setattr(measure_services, "expenditure_record", slow_record)
    start = threading.Barrier(2)
    statuses = []

    def send():
        client = client_for(reviewer)
        start.wait()
        try:
            statuses.append(client.post(url, _spending(measure, token)).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [302, 302]
    assert Expenditure.objects.filter(measure=measure).count() == 1
    assert FormSubmission.objects.filter(token=token).exclude(result_url="").exists()
