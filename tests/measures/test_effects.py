"""Which dynamics of the analysis a measure acts on: recorded on the measure's page, read by
the analysis (dynamic page, system map) through the hook in ``measures.effects``."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from measures import services
from measures.models import Measure, MeasureEffect
from tests.factories import DynamicFactory, MeasureFactory

S = Measure.Status
pytestmark = pytest.mark.django_db


def _offered(page: str) -> int:
    """How many dynamics the select offers (without "please choose")."""
    select = page.split('name="dynamic"', 1)[1].split("</select>", 1)[0]
    return select.count("<option value=") - select.count('<option value=""')


def _add(client, measure, dynamic, effect="weakens", note="Begegnung über Vereinsgrenzen"):
    return client.post(
        reverse("measures:effect_create", args=[measure.pk]),
        {"dynamic": dynamic.pk, "effect": effect, "note": note},
    )


@pytest.mark.parametrize("persona_client", ["officer_client", "reviewer_client"])
def test_officer_and_reviewer_record_an_effect_shown_on_the_measure(persona_client, request):
    client = request.getfixturevalue(persona_client)
    measure = MeasureFactory(status=S.IN_PROGRESS)
    dynamic = DynamicFactory(title="Rückzug in eigene Vereinsstrukturen")
    response = _add(client, measure, dynamic)
    assert response.status_code == 302
    effect = MeasureEffect.objects.get()
    assert (effect.measure, effect.dynamic, effect.effect) == (measure, dynamic, "weakens")
    assert effect.note == "Begegnung über Vereinsgrenzen"
    page = client.get(reverse("measures:detail", args=[measure.pk])).content.decode()
    assert "Wirkt auf Dynamiken" in page
    assert "Rückzug in eigene Vereinsstrukturen" in page
    assert "schwächt sie – Begegnung über Vereinsgrenzen" in page
    assert reverse("measures:effect_remove", args=[measure.pk, effect.pk]) in page


def test_a_second_entry_for_the_same_dynamic_replaces_the_first(officer, officer_client):
    measure = MeasureFactory(status=S.APPROVED)
    dynamic = DynamicFactory()
    _add(officer_client, measure, dynamic, effect="weakens")
    _add(officer_client, measure, dynamic, effect="strengthens", note="")
    effect = MeasureEffect.objects.get()
    assert (effect.effect, effect.note) == ("strengthens", "")


def test_bad_input_says_what_is_missing_and_keeps_the_note(officer_client):
    measure = MeasureFactory(status=S.IN_PROGRESS)
    response = officer_client.post(
        reverse("measures:effect_create", args=[measure.pk]),
        {"dynamic": "", "effect": "", "note": "Mein getippter Satz"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in page
    assert "Mein getippter Satz" in page
    assert not MeasureEffect.objects.exists()
    response = officer_client.post(
        reverse("measures:effect_create", args=[measure.pk]),
        {"dynamic": "999999", "effect": "stärkt", "note": ""},
    )
    assert response.status_code == 400
    assert not MeasureEffect.objects.exists()


def test_the_choice_of_dynamics_is_bounded_and_searchable(officer_client):
    measure = MeasureFactory(status=S.IN_PROGRESS)
    for number in range(25):
        DynamicFactory(title=f"Nachbarschaft im Wandel {number:02d}")
    DynamicFactory(title="Strukturwandel schwächt Nachbarschaftstreffs")
    DynamicFactory(title="Rückzug in eigene Vereinsstrukturen")
    url = reverse("measures:effect_create", args=[measure.pk])
    page = officer_client.get(url, {"q": "nachbar"}).content.decode()
    assert _offered(page) == 20  # at most 20 matches
    assert "Rückzug in eigene Vereinsstrukturen" not in page
    assert "die ersten 20 Dynamiken" in page
    page = officer_client.get(url, {"q": "Rückzug"}).content.decode()
    assert _offered(page) == 1
    page = officer_client.get(url, {"q": "gibt es nicht"}).content.decode()
    assert "Keine Dynamik enthält „gibt es nicht“ im Titel." in page
    page = officer_client.get(url).content.decode()
    assert _offered(page) == 27  # all, while there are at most 200
    # A dynamic outside the list shown is still accepted (the search found it).
    hidden = DynamicFactory(title="Zzz nicht in der ersten Liste")
    assert _add(officer_client, measure, hidden).status_code == 302


def test_remove_asks_first_and_only_a_post_removes(officer_client):
    measure = MeasureFactory(status=S.IN_PROGRESS)
    effect = MeasureEffect.objects.create(
        measure=measure, dynamic=DynamicFactory(title="Vereinzelung im Alter"), effect="weakens"
    )
    url = reverse("measures:effect_remove", args=[measure.pk, effect.pk])
    response = officer_client.get(url)
    assert response.status_code == 200
    assert "Vereinzelung im Alter" in response.content.decode()
    assert officer_client.put(url).status_code == 405
    assert MeasureEffect.objects.exists()
    assert officer_client.post(url).status_code == 302
    assert not MeasureEffect.objects.exists()
    page = officer_client.get(reverse("measures:detail", args=[measure.pk])).content.decode()
    assert "Wirkung auf die Dynamik „Vereinzelung im Alter“" in page  # in the history


def test_council_sees_no_effects_and_cannot_record_them(council, council_client):
    measure = MeasureFactory(status=S.IN_PROGRESS)
    dynamic = DynamicFactory(title="Interne Analyse-Dynamik")
    MeasureEffect.objects.create(measure=measure, dynamic=dynamic, effect="weakens")
    page = council_client.get(reverse("measures:detail", args=[measure.pk])).content.decode()
    assert "Interne Analyse-Dynamik" not in page
    assert "Wirkt auf Dynamiken" not in page
    assert _add(council_client, measure, dynamic).status_code == 403
    with pytest.raises(PermissionDenied):
        services.measure_effect_set(
            measure=measure, dynamic=dynamic, effect="weakens", note="", user=council
        )


def test_the_analysis_shows_a_recorded_effect_on_the_dynamic_and_the_map(officer_client):
    measure = MeasureFactory(status=S.IN_PROGRESS, title="Interkulturelles Sportfest")
    dynamic = DynamicFactory(title="Rückzug in eigene Vereinsstrukturen")
    map_url = reverse("analysis:map")
    before = officer_client.get(map_url)
    assert [n["title"] for n in before.context["gaps"]] == [dynamic.title]
    _add(officer_client, measure, dynamic)
    page = officer_client.get(reverse("analysis:dynamic_detail", args=[dynamic.pk]))
    page = page.content.decode()
    assert "Interkulturelles Sportfest" in page
    assert reverse("measures:detail", args=[measure.pk]) in page
    after = officer_client.get(map_url)
    assert after.context["gaps"] == []
    node = next(n for n in after.context["nodes"] if n["id"] == dynamic.pk)
    assert node["measure_count"] == 1


def test_without_a_search_the_select_stops_at_200(officer_client):
    from analysis.models import Dynamic

    measure = MeasureFactory(status=S.IN_PROGRESS)
    Dynamic.objects.bulk_create(Dynamic(title=f"Dynamik {n:03d}") for n in range(205))
    page = officer_client.get(reverse("measures:effect_create", args=[measure.pk]))
    page = page.content.decode()
    assert _offered(page) == 200
    assert "die ersten 200 Dynamiken" in page
