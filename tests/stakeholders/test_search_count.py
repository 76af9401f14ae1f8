"""A search counts to SEARCH_COUNT_CAP ("mehr als 1.000 Treffer"), the plain list to COUNT_CAP."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stakeholders.models import Stakeholder

pytestmark = pytest.mark.django_db

LIST = "/akteure/"


def _make(matching: int, other: int = 3) -> None:
    Stakeholder.objects.bulk_create(
        [Stakeholder(name=f"Beratungsstelle {n:04}", kind="other") for n in range(matching)]
        + [Stakeholder(name=f"Sportverein {n:04}", kind="sports") for n in range(other)]
    )


def _count_sql(client, query) -> tuple[object, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, query)
    counts = [q["sql"] for q in queries.captured_queries if ") AS capped" in q["sql"]]
    assert len(counts) == 1
    return response, counts[0]


def test_a_search_with_more_matches_than_the_cap_says_more_than_1000(officer_client):
    _make(1001)
    response = officer_client.get(LIST, {"q": "Beratung"})
    text = response.content.decode()
    assert "Mehr als 1.000 Treffer" in text
    assert response.context["paginator"].count == 1001  # counted no further than cap + 1
    # Without the search the same rows are counted exactly (the list's cap is 10,000).
    plain = officer_client.get(LIST).content.decode()
    assert "1004 Einträge" in plain or "1.004 Einträge" in plain
    assert "Mehr als" not in plain


@pytest.mark.parametrize("client_name", ["officer_client", "council_client"])
def test_the_search_count_reads_at_most_cap_plus_one_rows(request, client_name, monkeypatch):
    monkeypatch.setattr("peine.lib.pagination.SEARCH_COUNT_CAP", 3)
    client = request.getfixturevalue(client_name)
    _make(5)
    response, sql = _count_sql(client, {"q": "Beratung"})
    assert "LIMIT 4" in sql
    assert response.context["paginator"].count == 4
    assert "Mehr als 3 Treffer: Bitte grenzen Sie die Suche weiter ein." in (
        response.content.decode()
    )
    # The unfiltered list keeps its own cap.
    response, sql = _count_sql(client, {})
    assert "LIMIT 10001" in sql
    assert response.context["paginator"].count == 8


def test_exactly_the_cap_of_matches_is_counted_exactly(officer_client, monkeypatch):
    monkeypatch.setattr("peine.lib.pagination.SEARCH_COUNT_CAP", 3)
    _make(3)
    text = officer_client.get(LIST, {"q": "Beratung"}).content.decode()
    assert "3 Einträge" in text
    assert "Mehr als" not in text


def test_a_search_without_a_word_is_no_search_and_keeps_the_list_cap(officer_client, monkeypatch):
    monkeypatch.setattr("peine.lib.pagination.SEARCH_COUNT_CAP", 3)
    _make(5)
    response, sql = _count_sql(officer_client, {"q": "–!?"})
    assert "LIMIT 10001" in sql
    assert "8 Einträge" in response.content.decode()
