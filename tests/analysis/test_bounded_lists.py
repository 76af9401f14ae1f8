"""The dynamics and the workshops are listed a page at a time, with their counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from analysis.models import Dynamic, OptionLink, Workshop, WorkshopOption
from analysis.views import common
from consultations.models import ActionOption
from tests.factories import RoundFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _dynamics(n: int, prefix: str = "Dynamik") -> list[Dynamic]:
    return Dynamic.objects.bulk_create(Dynamic(title=f"{prefix} {i:03}") for i in range(n))


def _workshops(n: int) -> list[Workshop]:
    start = datetime.date(2024, 1, 1)
    return Workshop.objects.bulk_create(
        Workshop(
            title=f"Werkstatt {i:03}", held_on=start + datetime.timedelta(days=i), place="Forum"
        )
        for i in range(n)
    )


def test_dynamic_list_shows_one_page_by_title_and_links_on(reviewer_client, monkeypatch):
    monkeypatch.setattr(common, "PER_PAGE", 3)
    _dynamics(4)
    url = reverse("analysis:dynamic_list")
    first = reviewer_client.get(url)
    assert [d.title for d in first.context["page_obj"]] == [
        "Dynamik 000",
        "Dynamik 001",
        "Dynamik 002",
    ]
    html = first.content.decode()
    assert "Dynamik 003" not in html
    assert 'href="?page=2" rel="next"' in html
    assert [d.title for d in reviewer_client.get(url, {"page": 2}).context["page_obj"]] == [
        "Dynamik 003"
    ]


def test_dynamic_list_counts_findings_and_options_per_dynamic(reviewer_client):
    first, second = _dynamics(2)
    round_ = RoundFactory()
    options = ActionOption.objects.bulk_create(
        ActionOption(round=round_, title=f"Option {i}") for i in range(3)
    )
    OptionLink.objects.bulk_create(OptionLink(dynamic=first, option=o) for o in options)
    OptionLink.objects.create(dynamic=second, option=options[0])
    rows = {
        d.pk: d for d in reviewer_client.get(reverse("analysis:dynamic_list")).context["page_obj"]
    }
    assert rows[first.pk].option_count == 3
    assert rows[second.pk].option_count == 1
    assert rows[first.pk].finding_count == 0


def test_dynamic_list_runs_the_same_queries_for_3_and_60_dynamics(reviewer_client):
    _dynamics(3, "A")
    few = _queries(reviewer_client, reverse("analysis:dynamic_list"))
    _dynamics(57, "B")
    assert _queries(reviewer_client, reverse("analysis:dynamic_list")) == few


def test_workshop_list_shows_one_page_newest_first_and_links_on(reviewer_client, monkeypatch):
    monkeypatch.setattr(common, "PER_PAGE", 3)
    workshops = _workshops(4)
    WorkshopOption.objects.create(
        workshop=workshops[3], option=ActionOption.objects.create(round=RoundFactory(), title="O")
    )
    workshops[3].stakeholders.add(StakeholderFactory(), StakeholderFactory())
    url = reverse("analysis:workshop_list")
    first = reviewer_client.get(url)
    page = list(first.context["page_obj"])
    assert [w.title for w in page] == ["Werkstatt 003", "Werkstatt 002", "Werkstatt 001"]
    assert (page[0].stakeholder_count, page[0].option_count) == (2, 1)
    html = first.content.decode()
    assert "Werkstatt 000" not in html
    assert 'href="?page=2" rel="next"' in html
    assert [w.title for w in reviewer_client.get(url, {"page": 2}).context["page_obj"]] == [
        "Werkstatt 000"
    ]


def test_workshop_list_runs_the_same_queries_for_3_and_60_workshops(reviewer_client):
    _workshops(3)
    few = _queries(reviewer_client, reverse("analysis:workshop_list"))
    Workshop.objects.all().delete()
    _workshops(60)
    assert _queries(reviewer_client, reverse("analysis:workshop_list")) == few
