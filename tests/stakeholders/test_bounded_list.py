"""The register at 10 and 1,000 rows: fixed queries, one page of rows, keyset links."""

import pytest

from stakeholders.models import Stakeholder

pytestmark = pytest.mark.django_db

LIST = "/akteure/"


def _make(count: int, start: int = 0) -> None:
    # Few influence values: long runs of ties in the sort key.
    Stakeholder.objects.bulk_create(
        Stakeholder(name=f"Verein {n:05}", kind="sports", influence=1 + n % 2)
        for n in range(start, start + count)
    )


@pytest.mark.parametrize("client_name", ["officer_client", "council_client"])
def test_list_runs_the_same_queries_and_renders_one_page_at_10_and_1000_rows(
    request, client_name, django_assert_num_queries
):
    client = request.getfixturevalue(client_name)
    _make(10)
    # session, user (roles and second factor come from the session, see
    # peine.middleware.AccessSnapshotMiddleware), the taxonomy version (the filter form's
    # sectors and districts are kept per version, peine.taxonomy_cache), the capped count,
    # the keyset page, its sectors, its districts (no session save: renewed once a minute).
    expected = 7
    client.get("/akteure/")  # the process reads the filter choices once
    with django_assert_num_queries(expected) as few:
        client.get(LIST)
    _make(990, start=10)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert response.context["paginator"].count == 1000
    assert response.content.decode().count("<tr") == 25 + 1  # the rows and the header


def test_keyset_walk_visits_every_row_once_with_ties_and_keeps_the_filters(officer_client):
    _make(60)
    Stakeholder.objects.bulk_create(
        Stakeholder(name=f"Schule {n:02}", kind="education", influence=1) for n in range(5)
    )
    query = {"kind": "sports", "sort": "-influence"}
    seen, response = [], officer_client.get(LIST, query)
    while True:
        seen += [s.pk for s in response.context["object_list"]]
        page = response.context["page_obj"]
        if not page.has_next:
            break
        html = response.content.decode()
        link = html.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
        link = link.replace("&amp;", "&")
        assert "kind=sports" in link
        assert "sort=-influence" in link
        response = officer_client.get(LIST + link)
    expected = Stakeholder.objects.filter(kind="sports").order_by("-influence", "name", "pk")
    assert seen == list(expected.values_list("pk", flat=True))
    back = [s.pk for s in response.context["object_list"]]  # the last page, then backwards
    while page.has_previous:
        response = officer_client.get(LIST, {**query, "before": page.previous_cursor})
        page = response.context["page_obj"]
        back = [s.pk for s in response.context["object_list"]] + back
    assert back == seen


def test_a_bad_cursor_gives_the_first_page_with_a_message(officer_client):
    _make(30)
    response = officer_client.get(LIST, {"after": "nicht-echt", "sort": "name"})
    assert response.status_code == 200
    assert response.context["object_list"][0].name == "Verein 00000"
    assert "Seitenlink" in response.content.decode() or "page link" in response.content.decode()
