"""The influence/interest map: SVG and table of the same filtered stakeholders."""

from django.urls import reverse

from stakeholders.selectors import stakeholder_choices
from tests.factories import StakeholderFactory

MAP = reverse("stakeholders:map")


def test_map_shows_the_filtered_stakeholders_in_svg_and_table(officer_client):
    StakeholderFactory(name="Jobcenter", kind="authority", influence=5, interest=4)
    StakeholderFactory(name="Sprachcafé", kind="initiative", influence=1, interest=5)
    response = officer_client.get(MAP, {"kind": "authority"})
    content = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="stakeholder-map"' in content
    assert "<caption>" in content
    assert content.count("Jobcenter") >= 2
    assert "Sprachcafé" not in content
    assert [s.name for s in response.context["rows"]] == ["Jobcenter"]


def test_map_with_bad_filters_gives_no_500(officer_client):
    assert officer_client.get(MAP, {"kind": "x", "q": "((("}).status_code == 200


def test_council_may_not_open_the_map(council_client):
    assert council_client.get(MAP).status_code == 403


def test_stakeholder_choices_are_active_and_in_german_order(db):
    StakeholderFactory(name="Zentrum")
    StakeholderFactory(name="Ärztekammer")
    StakeholderFactory(name="Archiv", active=False)
    assert [name for _pk, name in stakeholder_choices()] == ["Ärztekammer", "Zentrum"]
    assert len(stakeholder_choices(active_only=False)) == 3


def test_map_runs_the_same_queries_for_10_and_500_stakeholders(officer_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    StakeholderFactory.create_batch(10)
    officer_client.get(
        MAP
    )  # the worker's first request reads the filter choices once (peine/taxonomy_cache.py)
    with CaptureQueriesContext(connection) as few:
        officer_client.get(MAP)
    StakeholderFactory.create_batch(490)
    with CaptureQueriesContext(connection) as many:
        response = officer_client.get(MAP)
    assert len(response.context["rows"]) == 500
    assert len(few) == len(many)
