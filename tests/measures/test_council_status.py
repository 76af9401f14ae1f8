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


def test_council_list_and_detail_markup_carry_no_internal_status(council_client):
    _every_status()
    pages = [council_client.get(reverse("measures:list")).content.decode()]
    for status in REVIEW_STAGES:
        measure = Measure.objects.get(status=status)
        pages.append(
            council_client.get(reverse("measures:detail", args=[measure.pk])).content.decode()
        )
    internal_codes = [status.value for status in (*REVIEW_STAGES, S.DRAFT)]
    for html in pages:
        for code in internal_codes:
            # As a CSS class, a data attribute, an option value, or anywhere at all.
            assert code not in html, code
        # "in Prüfung" is the public label as well; the other two stages are internal.
        for label in ["eingereicht", "Änderungen erbeten", "Entwurf"]:
            assert label not in html, label
        classes = re.findall(r"measure-status--([\w-]+)", html)
        assert classes
        assert set(classes) <= {
            "under_review",
            "approved",
            "rejected",
            "in_progress",
            "paused",
            "completed",
        }
    assert "measure-status--under_review" in pages[0]


def test_staff_still_see_the_internal_stage(reviewer_client):
    MeasureFactory(title="Im Verfahren", status=S.IN_REVIEW)
    html = reviewer_client.get(reverse("measures:list")).content.decode()
    assert "measure-status--in_review" in html


@pytest.mark.parametrize("sort", ["status", "-status"])
def test_council_sort_by_status_does_not_tell_the_review_stages_apart(council_client, sort):
    # Titles run against the internal codes' order: sorted by the internal code, the
    # submitted measure would come last; by the public status all three are one group.
    MeasureFactory(title="A eingereicht", status=S.SUBMITTED)
    MeasureFactory(title="B in Prüfung", status=S.IN_REVIEW)
    MeasureFactory(title="C zurück", status=S.CHANGES_REQUESTED)
    MeasureFactory(title="D läuft", status=S.IN_PROGRESS)
    MeasureFactory(title="E genehmigt", status=S.APPROVED)
    MeasureFactory(title="F pausiert", status=S.PAUSED)
    titles = _titles(council_client.get(reverse("measures:list"), {"sort": sort}))
    review = ["A eingereicht", "B in Prüfung", "C zurück"]
    # Public codes: approved < in_progress < paused < under_review.
    expected = ["E genehmigt", "D läuft", "F pausiert", *review]
    if sort == "-status":
        expected = [*review, "F pausiert", "D läuft", "E genehmigt"]
    assert titles == expected


def test_council_sort_is_the_same_whichever_review_stage_a_measure_is_in(council_client):
    first = MeasureFactory(title="A", status=S.SUBMITTED)
    second = MeasureFactory(title="B", status=S.IN_REVIEW)
    before = _titles(council_client.get(reverse("measures:list"), {"sort": "status"}))
    Measure.objects.filter(pk=first.pk).update(status=S.IN_REVIEW)
    Measure.objects.filter(pk=second.pk).update(status=S.SUBMITTED)
    after = _titles(council_client.get(reverse("measures:list"), {"sort": "status"}))
    assert before == after == ["A", "B"]


def test_council_export_sorted_by_status_uses_the_public_order(council_client):
    MeasureFactory(title="A eingereicht", status=S.SUBMITTED)
    MeasureFactory(title="B in Prüfung", status=S.IN_REVIEW)
    MeasureFactory(title="C läuft", status=S.IN_PROGRESS)
    export = council_client.get(
        reverse("measures:list"), {"sort": "status", "format": "csv"}
    ).content.decode("utf-8-sig")
    rows = [line.split(";")[0] for line in export.splitlines()[1:]]
    assert rows == ["C läuft", "A eingereicht", "B in Prüfung"]


def test_staff_sort_by_status_keeps_the_internal_stages(reviewer_client):
    MeasureFactory(title="A eingereicht", status=S.SUBMITTED)
    MeasureFactory(title="B in Prüfung", status=S.IN_REVIEW)
    titles = _titles(reviewer_client.get(reverse("measures:list"), {"sort": "status"}))
    assert titles == ["B in Prüfung", "A eingereicht"]  # in_review < submitted
