"""The council sees nothing of the internal review: not in the markup, not in sorting."""

import re

import pytest
from django.urls import reverse

from measures.models import Measure
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

S = Measure.Status
REVIEW_STAGES = (S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED)


def _titles(response) -> list[str]:
    return [measure.title for measure in response.context["object_list"]]


def _every_status():
    for number, status in enumerate(S):
        MeasureFactory(title=f"Maßnahme {number}", status=status)


def test_council_list_and_detail_show_no_measure_before_approval(council_client):
    # The council's one rule (issue 26.1): measures from "approved" on; a measure in review,
    # sent back or rejected is neither listed nor reachable.
    _every_status()
    html = council_client.get(reverse("measures:list")).content.decode()
    for status in (*REVIEW_STAGES, S.DRAFT, S.REJECTED):
        measure = Measure.objects.get(status=status)
        assert measure.title + "<" not in html
        assert council_client.get(reverse("measures:detail", args=[measure.pk])).status_code == 404
    for label in ["eingereicht", "Änderungen erbeten", "Entwurf", "in Prüfung", "abgelehnt"]:
        assert label not in html, label
    classes = set(re.findall(r"measure-status--([\w-]+)", html))
    assert classes == {"approved", "in_progress", "paused", "completed"}


def test_staff_still_see_the_internal_stage(reviewer_client):
    MeasureFactory(title="Im Verfahren", status=S.IN_REVIEW)
    html = reviewer_client.get(reverse("measures:list")).content.decode()
    assert "measure-status--in_review" in html


@pytest.mark.parametrize("sort", ["status", "-status"])
def test_council_sort_by_status_lists_only_measures_from_approved_on(council_client, sort):
    MeasureFactory(title="A eingereicht", status=S.SUBMITTED)
    MeasureFactory(title="C zurück", status=S.CHANGES_REQUESTED)
    MeasureFactory(title="D läuft", status=S.IN_PROGRESS)
    MeasureFactory(title="E genehmigt", status=S.APPROVED)
    MeasureFactory(title="F pausiert", status=S.PAUSED)
    titles = _titles(council_client.get(reverse("measures:list"), {"sort": sort}))
    expected = ["E genehmigt", "D läuft", "F pausiert"]  # approved < in_progress < paused
    assert titles == (expected if sort == "status" else expected[::-1])


def test_council_export_lists_only_measures_from_approved_on(council_client):
    MeasureFactory(title="A eingereicht", status=S.SUBMITTED)
    MeasureFactory(title="B abgelehnt", status=S.REJECTED)
    MeasureFactory(title="C läuft", status=S.IN_PROGRESS)
    export = council_client.get(
        reverse("measures:list"), {"sort": "status", "format": "csv"}
    ).content.decode("utf-8-sig")
    rows = [line.split(";")[0] for line in export.splitlines()[1:]]
    assert rows == ["C läuft"]


def test_staff_sort_by_status_keeps_the_internal_stages(reviewer_client):
    MeasureFactory(title="A eingereicht", status=S.SUBMITTED)
    MeasureFactory(title="B in Prüfung", status=S.IN_REVIEW)
    titles = _titles(reviewer_client.get(reverse("measures:list"), {"sort": "status"}))
    assert titles == ["B in Prüfung", "A eingereicht"]  # in_review < submitted
