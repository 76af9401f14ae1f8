"""The one numbered pager of the short lists: ``capped_page`` (peine.lib.pagination)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from peine.lib.pagination import capped_page
from stakeholders.models import Stakeholder
from tests.factories import FindingFactory

pytestmark = pytest.mark.django_db


def _register(count: int) -> None:
    Stakeholder.objects.bulk_create(
        Stakeholder(name=f"Verein {n:02d}", kind=Stakeholder.Kind.SPORTS) for n in range(count)
    )


def test_capped_page_turns_by_its_parameter_and_forgives_bad_numbers(django_assert_num_queries):
    _register(5)
    rows = Stakeholder.objects.order_by("name")
    with django_assert_num_queries(2):  # the capped count, the page
        page = capped_page(
            RequestFactory().get("/", {"seite": "2"}), rows, per_page=2, param="seite"
        )
        assert [s.name for s in page] == ["Verein 02", "Verein 03"]
    assert page.paginator.num_pages == 3
    assert capped_page(RequestFactory().get("/?page=x"), rows, per_page=2).number == 1
    assert capped_page(RequestFactory().get("/?page=99"), rows, per_page=2).number == 3


def test_capped_page_counts_to_the_search_cap_and_takes_a_known_count(
    monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("peine.lib.pagination.SEARCH_COUNT_CAP", 3)
    _register(6)
    rows = Stakeholder.objects.order_by("name")
    page = capped_page(RequestFactory().get("/"), rows, per_page=2, search=True)
    assert page.paginator.count == 4
    assert page.paginator.capped
    assert page.paginator.search
    with django_assert_num_queries(1):  # the page only
        page = capped_page(RequestFactory().get("/"), rows, per_page=2, count=6)
        assert len(page) == 2
    assert not page.paginator.capped


def test_the_findings_search_stops_counting_at_the_search_cap_and_says_so(
    officer_client, monkeypatch
):
    monkeypatch.setattr("peine.lib.pagination.SEARCH_COUNT_CAP", 2)
    FindingFactory.create_batch(4, statement="Sprachkurse haben lange Wartelisten.")
    response = officer_client.get(reverse("consultations:search") + "?q=Warteliste")
    assert response.context["page_obj"].paginator.count == 3
    assert "Mehr als 2 Treffer: Bitte grenzen Sie die Suche weiter ein." in response.text
    monkeypatch.setattr("peine.lib.pagination.SEARCH_COUNT_CAP", 1_000)
    response = officer_client.get(reverse("consultations:search") + "?q=Warteliste")
    assert "Mehr als" not in response.text
