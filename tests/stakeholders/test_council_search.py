"""The council's search in the register matches only what the council may read: name,
kind, sectors and districts, never the description."""

import pytest
from django.urls import reverse

from stakeholders.models import Stakeholder
from tests.factories import StakeholderFactory, district, sector

LIST = reverse("stakeholders:list")

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [s.name for s in response.context["object_list"]]


@pytest.fixture
def register():
    secret = StakeholderFactory(
        name="Nachbarschaftstreff Süd",
        kind=Stakeholder.Kind.INITIATIVE,
        description="Arbeitet eng mit der Flüchtlingsberatung zusammen; Vorstand zerstritten.",
    )
    secret.districts.add(district("kernstadt"))
    school = StakeholderFactory(
        name="Grundschule am Park",
        kind=Stakeholder.Kind.EDUCATION,
        description="Ein Ort der Begegnung.",
    )
    school.sectors.add(sector("sprache-bildung"))
    return {"secret": secret, "school": school}


@pytest.mark.parametrize("query", ["Flüchtlingsberatung", "zerstritten", "Vorstand"])
def test_council_finds_nothing_by_words_only_in_a_description(
    register, council_client, officer_client, query
):
    assert _names(council_client.get(LIST, {"q": query})) == []
    assert _names(officer_client.get(LIST, {"q": query})) == ["Nachbarschaftstreff Süd"]


def test_council_export_of_a_search_leaks_no_description_match(register, council_client):
    export = council_client.get(LIST, {"q": "zerstritten", "format": "csv"})
    assert "Nachbarschaftstreff" not in export.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Nachbarschaft", ["Nachbarschaftstreff Süd"]),  # part of the name
        ("Grundschulen", ["Grundschule am Park"]),  # a German inflection of the name
        ("Initiative", ["Nachbarschaftstreff Süd"]),  # the kind's label
        ("Kita", ["Grundschule am Park"]),  # the kind "Schule oder Kita"
        ("Sprache", ["Grundschule am Park"]),  # a sector
        ("Kernstadt", ["Nachbarschaftstreff Süd"]),  # a district
        ("Kernstadt Treff", ["Nachbarschaftstreff Süd"]),  # every word must match
        ("Kernstadt Park", []),
        ("Begegnung", []),  # in the school's description only
    ],
)
def test_council_searches_name_kind_sector_and_district(register, council_client, query, found):
    assert _names(council_client.get(LIST, {"q": query})) == found


@pytest.mark.parametrize("query", ["' OR 1=1 --", "a:* & !b", "\\", "(((", "   "])
def test_council_search_with_syntax_characters_gives_no_error(register, council_client, query):
    response = council_client.get(LIST, {"q": query})
    assert response.status_code == 200
