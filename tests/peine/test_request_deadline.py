"""A request that runs too long ends with a German page saying whether the input was saved
(peine.middleware.RequestDeadlineMiddleware), before gunicorn's timeout kills the worker."""

import time

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client

pytestmark = [
    pytest.mark.urls("tests.peine.deadline_urls"),
    # The stopped POST's transaction must really roll back, not a test's savepoint.
    pytest.mark.django_db(transaction=True),
]

DEADLINE = 0.5


@pytest.fixture(autouse=True)
def _short_deadline(settings):
    settings.REQUEST_DEADLINE_SECONDS = DEADLINE


def _german_client() -> Client:
    return Client(headers={"accept-language": "de"})


def test_a_post_past_the_deadline_is_rolled_back_and_says_so():
    response = _german_client().post(
        f"/test-slow/?seconds={DEADLINE * 4}", {"group": "written before the deadline"}
    )
    assert response.status_code == 503
    page = response.content.decode()
    assert "Die Anfrage hat zu lange gedauert. Ihre Eingabe wurde nicht gespeichert" in page
    assert response.templates[0].name == "503_timeout.html"
    assert not Group.objects.filter(name="written before the deadline").exists()
    assert response["Content-Security-Policy"]  # the page passes the usual middleware


def test_a_slow_page_is_stopped_without_talk_of_input():
    response = _german_client().get(f"/test-slow/?seconds={DEADLINE * 4}")
    assert response.status_code == 503
    page = response.content.decode()
    assert "Die Anfrage hat zu lange gedauert und wurde abgebrochen." in page
    assert "Eingabe" not in page


def test_the_page_is_in_english_too():
    response = Client(headers={"accept-language": "en"}).post(
        f"/test-slow/?seconds={DEADLINE * 4}", {"group": "in English"}
    )
    assert response.status_code == 503
    assert "The request took too long. Your input was not saved" in response.content.decode()


def test_a_request_within_the_deadline_is_untouched():
    response = _german_client().post("/test-slow/?seconds=0", {"group": "in time"})
    assert (response.status_code, response.content) == (200, b"done")
    assert Group.objects.filter(name="in time").exists()


def test_a_query_running_at_the_deadline_is_cancelled_and_the_next_request_works(
    monkeypatch,
):
    def sleep_in_the_database(seconds):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(%s)", [seconds])

    monkeypatch.setattr("tests.peine.deadline_urls.time.sleep", sleep_in_the_database)
    client = _german_client()
    response = client.post(f"/test-slow/?seconds={DEADLINE * 20}", {"group": "in the database"})
    assert response.status_code == 503
    assert not Group.objects.filter(name="in the database").exists()
    assert _sleeping_queries_end()
    assert client.post("/test-slow/?seconds=0", {"group": "next"}).status_code == 200


def _sleeping_queries_end() -> bool:
    """Whether the server stops running the interrupted query (cancelling takes a moment)."""
    for _ in range(50):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE query LIKE 'SELECT pg_sleep%%' AND state = 'active'"
            )
            if cursor.fetchone() == (0,):
                return True
        time.sleep(0.1)
    return False
