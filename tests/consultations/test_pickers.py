"""Bounded pickers of the interview form: a screenful of stakeholders and the persons of the
ticked ones, filled by the server (search button without JavaScript, JSON while typing)."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.forms import clean_search_text
from consultations.selectors import PICKER_LIMIT
from stakeholders.models import ContactPerson, Stakeholder
from tests.consultations.helpers import interview_post
from tests.factories import (
    ContactPersonFactory,
    InterviewFactory,
    RoundFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db
CREATE = reverse("consultations:interview_create")
STAKEHOLDER_OPTIONS = reverse("consultations:interview_stakeholder_options")
PERSON_OPTIONS = reverse("consultations:interview_person_options")


def _register(count: int, *, start: int = 0) -> list[Stakeholder]:
    """``count`` active stakeholders, each with one consenting contact person."""
    rows = Stakeholder.objects.bulk_create(
        Stakeholder(name=f"Verein Nummer {n:05d}", kind=Stakeholder.Kind.INITIATIVE)
        for n in range(start, start + count)
    )
    ContactPerson.objects.bulk_create(
        ContactPerson(
            stakeholder=row,
            name=f"Person {row.name}",
            consent_given_on=datetime.date(2025, 6, 1),
            consent_purpose="Gespräche",
        )
        for row in rows
    )
    return rows


def _options(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="checkbox" name="{name}" value="(\d+)"', html)


def test_the_form_sends_at_most_a_screenful_of_stakeholders_and_no_persons_at_1000(
    officer_client,
):
    RoundFactory()
    _register(1_000)
    html = officer_client.get(CREATE).content.decode()
    assert len(_options(html, "stakeholders")) == PICKER_LIMIT == 20
    assert _options(html, "contact_persons") == []
    assert "Nur die ersten Treffer werden angezeigt" in html


def test_the_edit_form_adds_the_chosen_stakeholders_and_their_persons(officer_client):
    rows = _register(1_000)
    chosen = [rows[500], rows[900]]
    interview = InterviewFactory(stakeholders=chosen)
    html = officer_client.get(
        reverse("consultations:interview_update", args=[interview.pk])
    ).content.decode()
    stakeholders = _options(html, "stakeholders")
    assert len(stakeholders) == PICKER_LIMIT + 2
    assert {str(rows[500].pk), str(rows[900].pk)} <= set(stakeholders)
    persons = _options(html, "contact_persons")
    assert sorted(persons) == sorted(
        str(p.pk) for p in ContactPerson.objects.filter(stakeholder__in=chosen)
    )


def test_the_search_button_narrows_and_lists_persons_of_the_ticked_stakeholders(
    officer_client, officer
):
    rows = _register(1_000)
    data = interview_post(
        round_=RoundFactory(),
        held_on="",
        stakeholders=[rows[3]],
        interviewer=officer,
        notes="Noch offen.",
        extra={"stakeholder_q": "Nummer 0070", "_search_stakeholders": "1"},
    )
    html = officer_client.post(CREATE, data).content.decode()
    stakeholders = _options(html, "stakeholders")
    assert len(stakeholders) == 11  # 00700..00709 and the ticked one
    assert str(rows[3].pk) in stakeholders
    assert _options(html, "contact_persons") == [
        str(ContactPerson.objects.get(stakeholder=rows[3]).pk)
    ]
    assert "Noch offen." in html


# As a browser sends them: percent-encoded NUL, an encoded lone surrogate (invalid UTF-8).
@pytest.mark.parametrize("raw", ["Verein%00", "%ED%A0%80Verein", "%00", "a" * 5_000])
def test_a_nul_byte_or_unpaired_surrogate_in_the_search_gives_no_500(officer_client, officer, raw):
    _register(3)
    data = interview_post(
        round_=RoundFactory(),
        held_on="",
        stakeholders=[],
        interviewer=officer,
        extra={"_search_stakeholders": "1"},
    )
    body = urlencode(data, doseq=True) + "&stakeholder_q=" + raw
    response = officer_client.post(CREATE, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert "\x00" not in response.context["stakeholder_query"]
    assert officer_client.get(f"{STAKEHOLDER_OPTIONS}?q={raw}").status_code == 200


def test_search_text_is_cleaned_of_nul_controls_and_lone_surrogates():
    assert clean_search_text(" Fa\x00mi\ud800lie\n ") == "Familie"
    assert len(clean_search_text("x" * 500)) == 100


def test_the_stakeholder_search_endpoint_is_bounded_and_skips_the_chosen(officer_client):
    rows = _register(50)
    StakeholderFactory(name="Familien für Familien e.V.")
    StakeholderFactory(name="Familienzentrum alt", active=False)
    response = officer_client.get(STAKEHOLDER_OPTIONS, {"q": "famil"})
    assert response.status_code == 200
    assert [r["label"] for r in response.json()["results"]] == ["Familien für Familien e.V."]
    assert response.json()["more"] is False
    response = officer_client.get(STAKEHOLDER_OPTIONS, {"q": "verein", "chosen": [rows[0].pk]})
    ids = [r["id"] for r in response.json()["results"]]
    assert len(ids) == PICKER_LIMIT
    assert rows[0].pk not in ids
    assert response.json()["more"] is True
    assert "no-store" in response["Cache-Control"]


def test_the_person_endpoint_lists_consenting_persons_of_the_given_stakeholders(officer_client):
    first, second = StakeholderFactory(), StakeholderFactory()
    present = ContactPersonFactory(stakeholder=first, name="Erika Beispiel")
    ContactPersonFactory(stakeholder=first, consent_withdrawn_on=datetime.date(2025, 7, 1))
    ContactPersonFactory(stakeholder=second)
    response = officer_client.get(PERSON_OPTIONS, {"stakeholder": [first.pk, "x", "\x00"]})
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"id": present.pk, "label": f"Erika Beispiel ({first.name})", "stakeholder": first.pk}
    ]
    assert officer_client.get(PERSON_OPTIONS).json()["results"] == []


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_form_page_runs_as_many_queries_at_10_as_at_1000_stakeholders(
    officer_client, django_assert_num_queries
):
    RoundFactory()
    rows = _register(10)
    interview = InterviewFactory(stakeholders=rows[:2])
    interview.contact_persons.add(ContactPerson.objects.get(stakeholder=rows[0]))
    edit = reverse("consultations:interview_update", args=[interview.pk])
    at_ten = {url: _count(officer_client, url) for url in (CREATE, edit)}
    _register(990, start=10)
    for url, expected in at_ten.items():
        with django_assert_num_queries(expected):
            officer_client.get(url)


def test_the_plan_form_is_bounded_too_and_searches_on_the_server(officer_client, officer):
    round_ = RoundFactory()
    rows = _register(1_000)
    url = reverse("consultations:interview_plan", args=[round_.pk])
    assert len(_options(officer_client.get(url).content.decode(), "stakeholders")) == 20
    data = {
        "held_on": "",
        "format": "phone",
        "stakeholders": [rows[999].pk],
        "interviewer": officer.pk,
        "district": "",
        "stakeholder_q": "Nummer 0042",
        "_search_stakeholders": "1",
    }
    response = officer_client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert sorted(_options(html, "stakeholders")) == sorted(
        [str(rows[999].pk)] + [str(r.pk) for r in rows[420:430]]
    )
    assert "error-summary" not in html
    data.pop("_search_stakeholders")
    data["held_on"] = round_.starts_on.isoformat()
    assert officer_client.post(url, data).status_code == 302
