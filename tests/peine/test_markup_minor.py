"""Small markup and wording defects (issue 26.21): the German accessibility statement says
each item once, and ``<time datetime>`` values are valid HTML (seconds at most)."""

import re

import pytest
from django.urls import reverse

from measures.models import Measure
from tests.factories import MeasureFactory, ReviewFactory

pytestmark = pytest.mark.django_db

# HTML's global date and time string, at most to the second.
VALID_DATETIME = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d)?([+-]\d\d:?\d\d|Z)?)?$")


def test_the_statement_item_on_signing_in_has_no_other_entry_glued_on(client):
    html = client.get(reverse("accessibility")).content.decode()
    assert "mit eingefügten Passwörtern und Codes;</li>" in html
    assert "Codes;Anmeldung" not in html


def test_time_elements_carry_no_microseconds(reviewer_client):
    measure = MeasureFactory(status=Measure.Status.APPROVED)
    ReviewFactory(measure=measure)
    html = reviewer_client.get(reverse("measures:detail", args=[measure.pk])).content.decode()
    values = re.findall(r'<time datetime="([^"]*)"', html)
    assert values
    for value in values:
        assert VALID_DATETIME.match(value), value
    assert len(values) >= 2  # the decision and the change history
