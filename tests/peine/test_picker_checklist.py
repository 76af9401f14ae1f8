"""The checklist of peine.lib.picker: the ticked rows and a screenful of matches as
checkboxes, narrowed by another checklist where the source says so (the interview form's
stakeholders and persons present)."""

import datetime
import re

import pytest
from django import forms
from django.urls import reverse

from consultations.selectors import INTERVIEW_PERSONS, INTERVIEW_STAKEHOLDERS
from peine.lib.picker import LIMIT, PickerChecklist, offer
from stakeholders.models import ContactPerson, Stakeholder
from tests.consultations.helpers import interview_post
from tests.factories import ContactPersonFactory, RoundFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


class _ChecklistForm(forms.Form):
    stakeholders = forms.ModelMultipleChoiceField(
        Stakeholder.objects.all(),
        required=False,
        widget=PickerChecklist(source=INTERVIEW_STAKEHOLDERS),
    )
    persons = forms.ModelMultipleChoiceField(
        ContactPerson.objects.all(),
        required=False,
        widget=PickerChecklist(source=INTERVIEW_PERSONS, within_list="id_stakeholders"),
    )


def _register(count: int) -> list[Stakeholder]:
    return Stakeholder.objects.bulk_create(
        Stakeholder(name=f"Verein {n:03d}", kind=Stakeholder.Kind.SPORTS) for n in range(count)
    )


def _boxes(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="checkbox" name="{name}" value="(\d+)"', html)


def test_the_checklist_shows_the_ticked_rows_and_a_screenful_of_matches(
    django_assert_num_queries,
):
    rows = _register(60)
    form = _ChecklistForm({"stakeholders": [str(rows[59].pk)]})
    assert form.is_valid()  # rendering a bound field shows its errors: checked first
    with django_assert_num_queries(2):  # the ticked row, the matches
        chosen, more = offer(form, "stakeholders", text="Verein 0")
        html = str(form["stakeholders"])
    assert chosen == [rows[59].pk]
    assert more is True
    boxes = _boxes(html, "stakeholders")
    assert len(boxes) == LIMIT + 1
    assert boxes[0] == str(rows[59].pk)
    assert f'id="id_stakeholders_{rows[59].pk}" checked> Verein 059</label>' in html
    assert 'data-picker-url="/beteiligung/' in html
    assert '<script src="/static/js/picker.js" defer></script>' in html


def test_a_checklist_narrowed_by_another_lists_only_its_rows_and_none_without_them(
    django_assert_num_queries,
):
    club, other = StakeholderFactory(name="Kreissportbund"), StakeholderFactory()
    erika = ContactPersonFactory(stakeholder=club, name="Erika Beispiel")
    ContactPersonFactory(stakeholder=other)
    ContactPersonFactory(stakeholder=club, consent_withdrawn_on=datetime.date(2025, 7, 1))
    form = _ChecklistForm()
    with django_assert_num_queries(0):
        assert offer(form, "persons", within=[]) == ([], False)
        assert '<p class="muted">—</p>' in str(form["persons"])
    with django_assert_num_queries(1):
        offer(form, "persons", within=[club.pk])
        html = str(form["persons"])
    assert _boxes(html, "persons") == [str(erika.pk)]
    assert "Erika Beispiel (Kreissportbund)" in html
    assert 'data-picker-within="stakeholder" data-picker-within-list="id_stakeholders"' in html


def test_the_checklist_endpoint_leaves_out_the_ticked_and_says_how_many(officer_client):
    rows = _register(3)
    url = reverse("consultations:interview_stakeholder_options")
    data = officer_client.get(url, {"q": "verein", "chosen": [rows[0].pk, "x"]}).json()
    assert [row["id"] for row in data["results"]] == [rows[1].pk, rows[2].pk]
    assert data["message"] == "2 Akteure passen zur Suche."
    assert (
        officer_client.get(url, {"q": "nichts"}).json()["message"] == "Kein Akteur passt zur Suche."
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [("999999", "Bitte eine gültige Auswahl treffen"), ("abc", "ist kein gültiger Wert")],
)
def test_a_foreign_or_bad_id_in_a_checklist_is_a_german_field_error(
    officer_client, officer, value, message
):
    data = interview_post(round_=RoundFactory(), held_on="", stakeholders=[], interviewer=officer)
    data["stakeholders"] = [value]
    response = officer_client.post(reverse("consultations:interview_create"), data)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["stakeholders"])
