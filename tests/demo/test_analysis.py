"""The demo analysis: realistic size, both kinds of loop, two workshops, a comparison."""

import io

import pytest
from django.core.management import call_command

from analysis import graph, selectors
from analysis.models import Dynamic, Influence, Release, Workshop
from consultations.models import ConsultationRound

pytestmark = pytest.mark.django_db


def test_demo_analysis():
    call_command("load_demo_data", stdout=io.StringIO())
    assert 8 <= Dynamic.objects.count() <= 12
    assert 15 <= Influence.objects.count() <= 25
    assert not Dynamic.objects.filter(findings__isnull=True).exists()
    data = selectors.map_data()
    kinds = {loop["kind"] for loop in data["loops"]}
    assert kinds == {"reinforcing", "balancing"}
    assert Workshop.objects.count() == 2
    assert all(w.discussed.exists() and w.stakeholders.exists() for w in Workshop.objects.all())
    later, earlier = ConsultationRound.objects.order_by("-starts_on")[1:3]
    comparison = selectors.compare(later, earlier)
    assert any(row["earlier"] and row["later"] for row in comparison["by_dynamic"])
    assert Release.objects.filter(kind=Release.Kind.MAP).exists()
    assert Release.objects.filter(kind=Release.Kind.COMPARISON).exists()
    drawing = graph.draw(data["nodes"], data["edges"])
    assert drawing["width"] <= 1280 or drawing["height"] <= 1280
