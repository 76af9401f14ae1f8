"""The influence form chooses dynamics, the workshop form and the review choose rounds,
each with the search-as-you-type picker: never a <select> of every row, at most 20
matches from the JSON, the same search on submit without JavaScript, German field
errors for foreign or invalid ids, and queries that do not grow with the rows."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from analysis.models import Dynamic, Influence, Workshop
from consultations.models import ConsultationRound
from peine.lib.picker import LIMIT
from tests.factories import DynamicFactory, RoundFactory

pytestmark = pytest.mark.django_db

INFLUENCE = reverse("analysis:influence_create")
WORKSHOP = reverse("analysis:workshop_create")
REVIEW = reverse("analysis:review")
DYNAMICS_JSON = reverse("analysis:dynamic_picker")
ROUNDS_JSON = reverse("analysis:round_picker")
INVALID = "Bitte eine gültige Auswahl treffen"


def _dynamics(n: int, start: int = 0) -> list[Dynamic]:
    return Dynamic.objects.bulk_create(
        Dynamic(title=f"Dynamik {i:04}") for i in range(start, start + n)
    )


def _rounds(n: int, start: int = 0) -> list[ConsultationRound]:
    first = datetime.date(2020, 1, 1)
    return ConsultationRound.objects.bulk_create(
        ConsultationRound(
            title=f"Runde {i:03}",
            starts_on=first + datetime.timedelta(days=10 * i),
            ends_on=first + datetime.timedelta(days=10 * i + 5),
        )
        for i in range(start, start + n)
    )


def _choices(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio" name="{name}" value="(\d*)"', html)


def _get(client, url, data=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _influence(source, target, **more) -> dict:
    return {"source": source, "target": target, "effect": "strengthens", "strength": 2,
            "reason": "Weil.", **more}  # fmt: skip


# --- the dynamics of the influence form ------------------------------------------------


def test_the_influence_form_sends_no_dynamic_but_the_chosen_one_and_keeps_its_queries(
    officer_client,
):
    rows = _dynamics(5)
    _few_html, few = _get(officer_client, INFLUENCE, {"source": rows[0].pk})
    rows += _dynamics(200, start=5)
    html, many = _get(officer_client, INFLUENCE, {"source": rows[0].pk})
    assert '<select name="source"' not in html
    assert '<select name="target"' not in html
    assert _choices(html, "source") == [str(rows[0].pk), ""]  # chosen, and "none"
    assert _choices(html, "target") == []
    assert "Dynamik 0100" not in html
    assert f'data-picker-url="{DYNAMICS_JSON}"' in html
    assert many == few


def test_the_dynamic_picker_answers_at_most_twenty_titles(officer_client):
    _dynamics(30)
    DynamicFactory(title="Wachsendes Misstrauen")
    answer = officer_client.get(DYNAMICS_JSON, {"q": "dynamik"}).json()
    assert len(answer["results"]) == LIMIT == 20
    assert answer["more"] is True
    answer = officer_client.get(DYNAMICS_JSON, {"q": "misstrauen"}).json()
    assert [row["label"] for row in answer["results"]] == ["Wachsendes Misstrauen"]
    assert answer["more"] is False


def test_only_the_officer_asks_the_dynamic_picker(reviewer_client, council_client):
    assert reviewer_client.get(DYNAMICS_JSON, {"q": "a"}).status_code == 403
    assert council_client.get(DYNAMICS_JSON, {"q": "a"}).status_code == 403


def test_an_influence_is_saved_from_ticked_ids(officer_client):
    source, target = DynamicFactory(), DynamicFactory()
    response = officer_client.post(INFLUENCE, _influence(source.pk, target.pk))
    assert response.status_code == 302
    assert Influence.objects.filter(source=source, target=target).exists()


def test_without_javascript_the_typed_title_is_resolved_on_submit(officer_client):
    _dynamics(3)
    source = DynamicFactory(title="Wachsendes Misstrauen")
    target = DynamicFactory(title="Weniger Begegnung im Quartier")
    data = _influence("", "", source_q="misstrauen", target_q="Begegnung")
    response = officer_client.post(INFLUENCE, data)
    assert response.status_code == 302
    assert Influence.objects.filter(source=source, target=target).exists()


def test_an_ambiguous_title_lists_the_matches_with_the_text_kept(officer_client):
    _dynamics(3)
    target = DynamicFactory()
    response = officer_client.post(INFLUENCE, _influence("", target.pk, source_q="Dynamik 000"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mehrere Einträge passen zu „Dynamik 000“" in html
    assert len(_choices(html, "source")) == 3 + 1  # the matches, and "none"
    assert 'value="Dynamik 000"' in html
    assert not Influence.objects.exists()


@pytest.mark.parametrize("bad", ["999999999", "abc", "-1"])
def test_a_foreign_or_invalid_dynamic_id_is_a_german_field_error(officer_client, bad):
    target = DynamicFactory()
    data = _influence(bad, target.pk, reason="Mein Grund.")
    response = officer_client.post(INFLUENCE, data)
    assert response.status_code == 200
    assert INVALID in str(response.context["form"].errors["source"])
    html = response.content.decode()
    assert 'id="id_source_error"' in html
    assert "Mein Grund." in html
    assert _choices(html, "target")[0] == str(target.pk)  # the other choice is kept
    assert not Influence.objects.exists()


# --- the rounds of the workshop form and of the review ---------------------------------


def test_the_workshop_form_sends_no_round_but_the_chosen_one(officer_client):
    rows = _rounds(5)
    _few_html, few = _get(officer_client, WORKSHOP)
    rows += _rounds(300, start=5)
    html, many = _get(officer_client, WORKSHOP)
    assert '<select name="round"' not in html
    assert _choices(html, "round") == []
    assert f'data-picker-url="{ROUNDS_JSON}"' in html
    assert many == few
    data = {"title": "Werkstatt", "held_on": "2026-03-01", "place": "Forum", "round": rows[7].pk}
    assert officer_client.post(WORKSHOP, data).status_code == 302
    workshop = Workshop.objects.get()
    assert workshop.round == rows[7]
    html = officer_client.get(reverse("analysis:workshop_update", args=[workshop.pk]))
    assert _choices(html.content.decode(), "round") == [str(rows[7].pk), ""]


def test_a_workshop_round_typed_without_javascript_and_a_bad_id(officer_client):
    _rounds(3)
    wanted = RoundFactory(title="Frühjahrsrunde Südstadt")
    data = {"title": "Werkstatt", "held_on": "2026-03-01", "place": "Forum", "round_q": "südstadt"}
    assert officer_client.post(WORKSHOP, data).status_code == 302
    assert Workshop.objects.get().round == wanted
    data = {"title": "Zweite", "held_on": "2026-03-02", "place": "Forum", "round": "424242"}
    response = officer_client.post(WORKSHOP, data)
    assert response.status_code == 200
    assert INVALID in str(response.context["form"].errors["round"])
    assert 'value="Zweite"' in response.content.decode()
    assert Workshop.objects.count() == 1


def test_the_review_offers_the_two_latest_rounds_chosen_and_no_other(reviewer_client):
    rows = _rounds(5)
    _few_html, few = _get(reviewer_client, REVIEW)
    rows += _rounds(300, start=5)
    latest = sorted(rows, key=lambda r: r.starts_on)[-2:]
    html, many = _get(reviewer_client, REVIEW)
    assert '<select name="later"' not in html
    assert _choices(html, "later") == [str(latest[1].pk), ""]
    assert _choices(html, "earlier") == [str(latest[0].pk), ""]
    assert many == few


def test_the_review_compares_rounds_chosen_by_id_or_by_typed_title(reviewer_client):
    rows = _rounds(60)
    response = reviewer_client.get(REVIEW, {"later": rows[59].pk, "earlier": rows[0].pk})
    assert response.context["comparison"]["later"]["title"] == "Runde 059"
    assert response.context["comparison"]["earlier"]["title"] == "Runde 000"
    response = reviewer_client.get(REVIEW, {"later_q": "Runde 042", "earlier_q": "Runde 001"})
    assert response.context["comparison"]["later"]["title"] == "Runde 042"


@pytest.mark.parametrize("bad", ["999999999", "x1"])
def test_a_foreign_round_id_in_the_review_is_a_german_field_error(reviewer_client, bad):
    rows = _rounds(2)
    response = reviewer_client.get(REVIEW, {"later": bad, "earlier": rows[0].pk})
    assert response.status_code == 200
    assert response.context["comparison"] is None
    assert INVALID in str(response.context["form"].errors["later"])


def test_the_round_picker_answers_the_reviewer_with_at_most_twenty(reviewer_client, council_client):
    _rounds(40)
    answer = reviewer_client.get(ROUNDS_JSON, {"q": "runde"}).json()
    assert len(answer["results"]) == 20
    assert answer["more"] is True
    assert council_client.get(ROUNDS_JSON, {"q": "runde"}).status_code == 403
