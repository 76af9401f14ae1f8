"""The measures list under a search: counted to SEARCH_COUNT_CAP, totals only below it, and
pages taken from the search's matches in the sort order."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import Measure

pytestmark = pytest.mark.django_db

LIST = "/massnahmen/"


def _make(matching: int, *, proposer, other: int = 3) -> None:
    Measure.objects.bulk_create(
        [
            Measure(title=f"Beratung vor Ort {n:04}", status="approved", proposed_by=proposer)
            for n in range(matching)
        ]
        + [
            Measure(title=f"Sprachkurs {n:04}", status="approved", proposed_by=proposer)
            for n in range(other)
        ]
    )


def _get(client, query) -> tuple[object, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, query)
    return response, [q["sql"] for q in queries.captured_queries]


def test_a_search_with_more_matches_than_the_cap_says_more_than_1000(reviewer_client, officer):
    _make(1001, proposer=officer)
    response = reviewer_client.get(LIST, {"q": "Beratung"})
    text = response.content.decode()
    assert "Mehr als 1.000 Treffer" in text
    assert "Summen werden für bis zu 1.000 Maßnahmen angezeigt." in text
    assert response.context["totals"] is None
    plain = reviewer_client.get(LIST)
    assert "Mehr als" not in plain.content.decode()
    assert plain.context["totals"] is not None  # 1,004 rows: under the list's cap


@pytest.mark.parametrize("client_name", ["reviewer_client", "council_client"])
def test_the_search_count_reads_at_most_cap_plus_one_rows(
    request, client_name, officer, monkeypatch
):
    monkeypatch.setattr("peine.lib.pagination.SEARCH_COUNT_CAP", 3)
    client = request.getfixturevalue(client_name)
    _make(5, proposer=officer)
    response, sqls = _get(client, {"q": "Beratung"})
    counts = [sql for sql in sqls if ") AS capped" in sql]
    assert len(counts) == 1
    assert "LIMIT 4" in counts[0]
    text = response.content.decode()
    assert "Mehr als 3 Treffer: Bitte grenzen Sie die Suche weiter ein." in text
    assert "Summen werden für bis zu 3 Maßnahmen angezeigt." in text
    # No sum over the matches once they are more than the cap.
    assert not any("SUM(" in sql for sql in sqls)
    response, sqls = _get(client, {})
    assert any(") AS capped" in sql and "LIMIT 10001" in sql for sql in sqls)
    assert response.context["totals"] is not None


def test_a_search_under_the_cap_is_counted_and_summed_exactly(reviewer_client, officer):
    _make(3, proposer=officer)
    response = reviewer_client.get(LIST, {"q": "Beratung"})
    assert response.context["paginator"].count == 3
    assert "3 Einträge" in response.content.decode()
    assert response.context["totals"] is not None


@pytest.mark.parametrize("sort", ["title", "-title", "-updated"])
def test_search_pages_walk_every_match_once_in_sort_order(reviewer_client, officer, sort):
    # 60 matches among 60 others: the page is sorted from the search's matches
    # (COALESCE in ORDER BY, see SortKey.order_by); forwards and back give the same rows.
    _make(60, proposer=officer, other=60)
    expected = list(
        Measure.objects.filter(title__startswith="Beratung")
        .order_by(
            *{"title": ["title", "pk"], "-title": ["-title", "-pk"]}.get(
                sort, ["-updated_at", "-pk"]
            )
        )
        .values_list("title", flat=True)
    )
    query = {"q": "Beratung", "sort": sort}
    seen, pages, cursor = [], [], ""
    while True:
        response, sqls = _get(reviewer_client, {**query, "after": cursor} if cursor else query)
        page = response.context["page_obj"]
        pages.append(page)
        seen += [m.title for m in page.object_list]
        if not page.has_next:
            break
        cursor = page.next_cursor
    assert seen == expected
    assert any("ORDER BY COALESCE(" in sql for sql in sqls)
    back = reviewer_client.get(LIST, {**query, "before": pages[-1].previous_cursor})
    assert [m.title for m in back.context["object_list"]] == expected[25:50]
