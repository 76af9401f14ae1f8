"""The measure form's origin (option for action) is a bounded picker, not a <select> of
every open option of every round."""

import pytest
from django.urls import reverse

from consultations.models import ActionOption
from measures.models import Measure
from peine.lib.picker import LIMIT
from tests.factories import ActionOptionFactory, MeasureFactory
from tests.measures.test_forms_and_pages import _post_data

pytestmark = pytest.mark.django_db

NOT_OPEN = "Diese Handlungsoption kann nicht gewählt werden"


def _options(count, prefix="Sprachkurs"):
    return [ActionOptionFactory(title=f"{prefix} {n:03}") for n in range(count)]


def test_form_lists_no_option_per_open_option(officer_client):
    options = _options(LIMIT + 15)
    html = officer_client.get(reverse("measures:create")).content.decode()
    assert 'name="origin_option_q"' in html
    assert reverse("measures:option_picker") in html
    assert not any(option.title in html for option in options)
    assert 'select name="origin_option"' not in html


def test_picker_url_answers_at_most_the_limit_of_open_options(officer_client, reviewer_client):
    _options(LIMIT + 5)
    ActionOptionFactory(title="Sprachkurs verworfen", status=ActionOption.Status.DISCARDED)
    for client in (officer_client, reviewer_client):
        data = client.get(reverse("measures:option_picker"), {"q": "sprachkurs"}).json()
        assert len(data["results"]) == LIMIT
        assert data["more"] is True
        assert set(data["results"][0]) == {"id", "label"}
        labels = [row["label"] for row in data["results"]]
        assert "Sprachkurs verworfen" not in labels
    exact = officer_client.get(reverse("measures:option_picker"), {"q": "Sprachkurs 007"})
    option = ActionOption.objects.select_related("round").get(title="Sprachkurs 007")
    assert exact.json() == {
        "results": [{"id": option.pk, "label": f"Sprachkurs 007 ({option.round.title})"}],
        "more": False,
    }


def test_options_of_the_same_title_are_told_apart_by_their_round(officer_client):
    spring = ActionOptionFactory(title="Sprachcafé", round__title="Runde Frühjahr")
    autumn = ActionOptionFactory(title="Sprachcafé", round__title="Runde Herbst")
    data = officer_client.get(reverse("measures:option_picker"), {"q": "Sprachcafé"}).json()
    assert {row["label"] for row in data["results"]} == {
        "Sprachcafé (Runde Frühjahr)",
        "Sprachcafé (Runde Herbst)",
    }
    # Without JavaScript the typed title names both: the form asks which one, by round.
    data = _post_data(origin_option_q="Sprachcafé")
    response = officer_client.post(reverse("measures:create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sprachcafé (Runde Frühjahr)" in html
    assert "Sprachcafé (Runde Herbst)" in html
    data["origin_option"] = autumn.pk
    response = officer_client.post(reverse("measures:create"), data)
    assert response.status_code == 302
    assert Measure.objects.get(origin_option=autumn).origin_option != spring


def test_council_may_not_search_options(council_client):
    response = council_client.get(reverse("measures:option_picker"), {"q": "a"})
    assert response.status_code == 403


def test_option_chosen_by_id_is_saved_and_adopted(officer_client):
    option = _options(1)[0]
    response = officer_client.post(reverse("measures:create"), _post_data(origin_option=option.pk))
    assert response.status_code == 302
    assert Measure.objects.get().origin_option == option
    option.refresh_from_db()
    assert option.status == ActionOption.Status.ADOPTED


def test_option_typed_without_javascript_is_resolved_on_submit(officer_client):
    _options(3)
    wanted = ActionOptionFactory(title="Mehrsprachige Elternabende")
    response = officer_client.post(
        reverse("measures:create"), _post_data(origin_option_q="elternabend")
    )
    assert response.status_code == 302
    assert Measure.objects.get().origin_option == wanted


def test_ambiguous_text_offers_the_matches_and_keeps_the_text(officer_client):
    _options(LIMIT + 5)
    data = _post_data(origin_option_q="Sprachkurs")
    response = officer_client.post(reverse("measures:create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mehrere Einträge passen" in html
    assert 'value="Sprachkurs"' in html
    assert html.count('name="origin_option" value=') <= LIMIT + 1  # matches and "none"
    assert data["title"] in html
    assert not Measure.objects.exists()


@pytest.mark.parametrize(
    "value",
    ["discarded", "adopted", "missing", "abc", "99999999999999999999"],
)
def test_foreign_or_closed_option_ids_are_a_german_field_error(officer_client, value):
    ids = {
        "discarded": lambda: ActionOptionFactory(status=ActionOption.Status.DISCARDED).pk,
        "adopted": lambda: ActionOptionFactory(status=ActionOption.Status.ADOPTED).pk,
        "missing": lambda: 987654,
    }
    posted = ids[value]() if value in ids else value
    data = _post_data(title="Mein getippter Titel", origin_option=posted)
    response = officer_client.post(reverse("measures:create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert NOT_OPEN in html
    assert "Mein getippter Titel" in html
    assert not Measure.objects.exists()
    assert response.context["form"].errors["origin_option"]


def test_unknown_text_is_a_german_field_error(officer_client):
    data = _post_data(origin_option_q="Gibt es nicht")
    response = officer_client.post(reverse("measures:create"), data)
    assert response.status_code == 200
    assert "Kein Eintrag passt zu „Gibt es nicht“" in response.content.decode()
    assert response.context["form"].errors["origin_option"]


def test_option_already_set_stays_valid_when_no_longer_open(officer, officer_client):
    option = ActionOptionFactory(title="Interkulturelle Woche", status="adopted")
    measure = MeasureFactory(proposed_by=officer, origin_option=option, status="draft")
    page = officer_client.get(reverse("measures:edit", args=[measure.pk])).content.decode()
    assert "Interkulturelle Woche" in page
    data = {
        **_post_data(title="Geändert", origin_option=option.pk),
        "version": str(measure.version),
    }
    response = officer_client.post(reverse("measures:edit", args=[measure.pk]), data)
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.title, measure.origin_option) == ("Geändert", option)


def test_the_title_search_can_use_the_trigram_index():
    from django.db import connection

    from measures.selectors import OPTION_PICKER

    _options(3)
    queryset = OPTION_PICKER.queryset().filter(title__icontains="prachkur").order_by()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")  # no walk of another index
        plan = queryset.explain()
    assert "consultations_option_trgm" in plan, plan
