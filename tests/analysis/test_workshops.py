"""Workshops: the pages write through analysis.services (workshop_save and its siblings)."""

import pytest
from django.urls import reverse

from analysis import services
from analysis.models import Priority, Workshop, WorkshopOption
from peine.lib.concurrency import ConflictError
from tests.conftest import client_for
from tests.factories import ActionOptionFactory, StakeholderFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def _page(client, url, data):
    """Posts ``data``; returns the page it redirects to."""
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_officer_creates_and_edits_a_workshop(officer):
    client = client_for(officer)
    data = {"title": "Werkstatt Sport", "held_on": "2026-03-12", "place": "Forum Peine"}
    assert "Der Workshop wurde gespeichert." in _page(
        client, reverse("analysis:workshop_create"), data
    )
    workshop = Workshop.objects.get(title="Werkstatt Sport")
    edit = reverse("analysis:workshop_update", args=[workshop.pk])
    _page(client, edit, {**data, "place": "Ratssaal", "version": workshop.version})
    workshop.refresh_from_db()
    assert (workshop.place, workshop.version) == ("Ratssaal", 2)


def test_a_workshop_saved_meanwhile_keeps_the_text_typed(officer):
    workshop = WorkshopFactory()
    data = {"title": "Neu", "held_on": "2026-03-12", "place": "Forum", "version": 0}
    response = client_for(officer).post(
        reverse("analysis:workshop_update", args=[workshop.pk]), data
    )
    assert response.status_code == 200
    assert str(ConflictError.message) in response.content.decode()
    assert 'value="Neu"' in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.title != "Neu"


def test_participants_are_added_once_and_removed(officer):
    client = client_for(officer)
    workshop = WorkshopFactory()
    first, second = StakeholderFactory(), StakeholderFactory()
    add = reverse("analysis:workshop_participants", args=[workshop.pk])
    assert "Die Teilnehmenden wurden hinzugefügt." in _page(
        client, add, {"stakeholders": [first.pk, second.pk]}
    )
    _page(client, add, {"stakeholders": [first.pk]})
    assert set(workshop.stakeholders.all()) == {first, second}
    assert "Bitte kreuzen Sie mindestens einen Akteur an." in _page(client, add, {})
    remove = reverse("analysis:workshop_participant_remove", args=[workshop.pk])
    assert "Die Teilnahme wurde entfernt." in _page(client, remove, {"stakeholder": first.pk})
    assert list(workshop.stakeholders.all()) == [second]


def test_an_option_discussed_again_gets_the_new_priority(officer):
    client = client_for(officer)
    workshop, option = WorkshopFactory(), ActionOptionFactory()
    url = reverse("analysis:workshop_option", args=[workshop.pk])
    saved = "Die Handlungsoption und ihre Priorität wurden gespeichert."
    assert saved in _page(client, url, {"option": option.pk, "priority": Priority.HIGH})
    assert saved in _page(client, url, {"option": option.pk, "priority": Priority.LOW})
    item = WorkshopOption.objects.get(workshop=workshop)
    assert (item.option, item.priority) == (option, Priority.LOW)
    assert "Bitte wählen Sie eine Handlungsoption und ihre Priorität." in _page(client, url, {})


def test_workshop_services_write_what_they_are_named_for():
    workshop, option, stakeholder = WorkshopFactory(), ActionOptionFactory(), StakeholderFactory()
    services.workshop_participants_add(workshop=workshop, stakeholders=[stakeholder])
    item = services.workshop_option_set(workshop=workshop, option=option, priority=Priority.HIGH)
    assert list(workshop.stakeholders.all()) == [stakeholder]
    assert list(workshop.discussed.all()) == [item]
    services.workshop_participant_remove(workshop=workshop, stakeholder=stakeholder)
    services.workshop_option_remove(item=item)
    assert not workshop.stakeholders.exists()
    assert not workshop.discussed.exists()
