"""The demo data: about 40 measures in every status, with reviews, indicators and spending."""

import io

from django.core.management import call_command

from measures.models import Expenditure, Measure, ProgressEntry, Review
from measures.services import TRANSITIONS


def test_demo_data_has_measures_in_every_status_with_reviews_and_progress(db):
    call_command("load_demo_data", stdout=io.StringIO())
    assert Measure.objects.count() >= 40
    assert set(Measure.objects.values_list("status", flat=True)) == set(Measure.Status.values)
    assert Review.objects.filter(reason__gt="").exists()
    assert ProgressEntry.objects.exists()
    assert Expenditure.objects.exists()
    assert Measure.objects.overdue().exists()
    # Every recorded review is a step of the workflow and ends in the measure's status.
    for measure in Measure.objects.prefetch_related("reviews"):
        reviews = sorted(measure.reviews.all(), key=lambda review: review.created_at)
        status = Measure.Status.DRAFT
        for review in reviews:
            assert TRANSITIONS[(review.old_status, review.decision)] == review.new_status
            assert review.old_status == status
            status = review.new_status
        assert status == measure.status
