"""Creating, editing and archiving stakeholders: German messages, nothing typed is lost."""

import pytest
from django.urls import reverse

from stakeholders.models import Stakeholder
from tests.factories import StakeholderFactory, district, sector

CREATE = reverse("stakeholders:create")


def response_has_conflict(response) -> bool:
    from peine.lib.concurrency import ConflictError

    errors = response.context["form"].non_field_errors()
    return str(ConflictError.message) in errors


def _data(**overrides):
    data = {
        "name": "Türkischer Elternverein Peine",
        "kind": "migrant",
        "sectors": [sector("sprache-bildung").pk],
        "districts": [district("kernstadt").pk],
        "description": "Hausaufgabenhilfe und Elterncafé.",
        "website": "https://elternverein.example",
        "street": "Gunzelinstraße 3",
        "postcode": "31224",
        "town": "Peine",
        "influence": "2",
        "interest": "5",
        "active": "on",
    }
    data.update(overrides)
    return data


def test_officer_creates_a_stakeholder_with_sectors_and_districts(officer_client):
    response = officer_client.post(CREATE, _data())
    stakeholder = Stakeholder.objects.get(name="Türkischer Elternverein Peine")
    assert response.status_code == 302
    assert response["Location"] == reverse("stakeholders:detail", args=[stakeholder.pk])
    assert list(stakeholder.sectors.values_list("slug", flat=True)) == ["sprache-bildung"]
    assert stakeholder.interest == 5


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Dieses Feld ist zwingend erforderlich."),
        ("website", "keine adresse", "Bitte eine gültige Adresse eingeben."),
        ("influence", "7", "Bitte eine gültige Auswahl treffen."),
        ("interest", "abc", "Bitte eine gültige Auswahl treffen."),
        ("kind", "spaceship", "Bitte eine gültige Auswahl treffen."),
        ("sectors", ["999999"], "Bitte eine gültige Auswahl treffen."),
        ("description", "x" * 10_001, "auf höchstens 10000 Zeichen"),
        ("postcode", "1" * 30, "höchstens 10 Zeichen"),
    ],
)
def test_bad_input_shows_a_german_message_and_keeps_the_text(officer_client, field, value, message):
    response = officer_client.post(CREATE, _data(**{field: value}), HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    kept = "Hausaufgabenhilfe und Elterncafé." if field != "description" else value
    assert kept in content
    assert "Türkischer Elternverein Peine" in content or field == "name"
    assert Stakeholder.objects.count() == 0


def test_names_are_unique_regardless_of_case(officer_client):
    StakeholderFactory(name="AWO Peine")
    response = officer_client.post(CREATE, _data(name="awo  peine"))
    assert response.status_code == 200
    assert "Es gibt bereits einen Akteur mit diesem Namen." in response.content.decode()


def test_names_in_every_script_are_stored_as_typed(officer_client):
    name = "Українська громада – الجالية – Öğrenci Derneği Groß"
    officer_client.post(CREATE, _data(name=name))
    assert Stakeholder.objects.filter(name=name).exists()


def test_second_officer_saving_an_outdated_form_is_refused_and_keeps_their_text(
    officer_client, officer2
):
    from tests.conftest import client_for

    stakeholder = StakeholderFactory(name="Sportverein Vöhrum")
    edit = reverse("stakeholders:edit", args=[stakeholder.pk])
    version = stakeholder.version
    first = officer_client.post(
        edit, {**_data(name="Sportverein Vöhrum", description="Erste"), "version": version}
    )
    assert first.status_code == 302
    second = client_for(officer2).post(
        edit, {**_data(name="Sportverein Vöhrum", description="Zweite Fassung"), "version": version}
    )
    assert second.status_code == 200
    content = second.content.decode()
    assert response_has_conflict(second)
    assert "Zweite Fassung" in content
    stakeholder.refresh_from_db()
    assert stakeholder.description == "Erste"
    assert stakeholder.version == version + 1


def test_edit_form_carries_the_version(officer_client):
    stakeholder = StakeholderFactory()
    response = officer_client.get(reverse("stakeholders:edit", args=[stakeholder.pk]))
    assert f'name="version" value="{stakeholder.version}"' in response.content.decode()


def test_archive_asks_on_get_and_archives_on_post(officer_client):
    stakeholder = StakeholderFactory()
    url = reverse("stakeholders:archive", args=[stakeholder.pk])
    assert officer_client.get(url).status_code == 200
    stakeholder.refresh_from_db()
    assert stakeholder.active
    officer_client.post(url)
    stakeholder.refresh_from_db()
    assert not stakeholder.active
    officer_client.post(url)
    stakeholder.refresh_from_db()
    assert stakeholder.active


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_state_changes_refuse_other_methods(officer_client, method):
    stakeholder = StakeholderFactory()
    url = reverse("stakeholders:archive", args=[stakeholder.pk])
    assert getattr(officer_client, method)(url).status_code == 405


def test_reviewer_and_council_cannot_edit(reviewer_client, council_client):
    stakeholder = StakeholderFactory(description="alt")
    for client in (reviewer_client, council_client):
        response = client.post(reverse("stakeholders:edit", args=[stakeholder.pk]), _data())
        assert response.status_code == 403
    stakeholder.refresh_from_db()
    assert stakeholder.description == "alt"


def test_unknown_stakeholder_is_404(officer_client):
    assert officer_client.get(reverse("stakeholders:edit", args=[999999])).status_code == 404
    assert officer_client.get(reverse("stakeholders:detail", args=[999999])).status_code == 404


def test_detail_shows_the_change_history_with_who_and_what(officer_client, officer):
    stakeholder = StakeholderFactory(name="Tafel Peine", description="alt")
    officer_client.post(
        reverse("stakeholders:edit", args=[stakeholder.pk]),
        {**_data(name="Tafel Peine", description="neu"), "version": stakeholder.version},
    )
    response = officer_client.get(reverse("stakeholders:detail", args=[stakeholder.pk]))
    history = response.context["history"]
    assert history[0].who == str(officer)
    assert ("alt", "neu") in history[0].changes.values()
