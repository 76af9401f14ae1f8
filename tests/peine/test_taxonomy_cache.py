"""The filter forms' taxonomy choices are read once per change of the taxonomies, and a
change (a sector renamed, added, deactivated) shows at the very next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peine.models import District, FundingSource, Sector

pytestmark = pytest.mark.django_db

PAGES = ["/akteure/", "/massnahmen/"]


def _taxonomy_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    tables = ("peine_sector", "peine_district", "peine_targetgroup", "peine_fundingsource")
    # The choices themselves (read through a server-side cursor when not cached); a
    # filter by a sector joins the table, which is not a read of the choices.
    return response, [
        q["sql"]
        for q in queries.captured_queries
        if any(f'FROM "{table}"' in q["sql"] for table in tables)
    ]


@pytest.mark.parametrize("url", PAGES)
def test_filter_choices_are_not_read_again_while_the_taxonomies_stay(officer_client, url):
    officer_client.get(url)
    response, queries = _taxonomy_queries(officer_client, url)
    assert queries == []
    assert Sector.objects.first().name in response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_a_renamed_or_added_sector_shows_at_the_next_request(officer_client, url):
    officer_client.get(url)
    sector = Sector.objects.first()
    sector.name = "Umbenanntes Handlungsfeld"
    sector.save()
    Sector.objects.create(name="Ganz neues Feld", slug="ganz-neu")
    html = officer_client.get(url).content.decode()
    assert "Umbenanntes Handlungsfeld" in html
    assert "Ganz neues Feld" in html


def test_a_funding_source_added_shows_and_filters_at_the_next_request(officer_client):
    officer_client.get("/massnahmen/")
    source = FundingSource.objects.create(name="Neue Stiftung", slug="neue-stiftung")
    response = officer_client.get(f"/massnahmen/?funding_source={source.pk}")
    assert response.status_code == 200
    assert "Neue Stiftung" in response.content.decode()
    assert not response.context["filter"].form.errors


def test_a_deactivated_district_leaves_the_findings_board_filter(officer_client):
    from tests.factories import RoundFactory

    round_ = RoundFactory()
    url = f"/beteiligung/runden/{round_.pk}/erkenntnisse/"
    district = District.objects.filter(active=True).first()
    assert district.name in officer_client.get(url).content.decode()
    District.objects.filter(pk=district.pk).update(active=False)
    assert f">{district.name}<" not in officer_client.get(url).content.decode()


def test_an_unknown_choice_is_refused_with_a_message_not_a_500(officer_client):
    officer_client.get("/akteure/")
    response = officer_client.get("/akteure/?sector=999999")
    assert response.status_code == 200
    assert response.context["filter"].form.errors["sector"]
