"""A contact person's personal fields are declared once, on the model
(``ContactPerson.PERSONAL_FIELDS``): the records of processing, the Art. 15 export, the
erasure, the retention and the marker checks below all read that declaration, and the
records' check fails when the model gains a field the declaration does not cover."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.utils import timezone

from privacy import records
from privacy.selectors import contact_export, find_person, person_export_data
from privacy.services import person_erase
from stakeholders.models import ContactPerson, Stakeholder
from tests.council.test_views import council_urls, text_of
from tests.factories import ContactPersonFactory, InterviewFactory
from tests.oparl.conftest import publish_world
from tests.oparl.crawl import crawl
from tests.privacy.plant import tables_holding

LABEL = "stakeholders.contactperson"


def contact_markers() -> dict[str, str]:
    """A string found nowhere else for each declared text field of a contact person."""
    markers = {}
    for name in ContactPerson.PERSONAL_FIELDS:
        f = ContactPerson._meta.get_field(name)
        if isinstance(f, models.EmailField):
            markers[name] = f"feldmarker-{name}@verein.example"
        elif isinstance(f, models.CharField | models.TextField):
            markers[name] = f"Feldmarker {name.replace('_', '').title()}ix"
    return markers


def marked_contact(**extra) -> ContactPerson:
    return ContactPersonFactory(**contact_markers(), **extra)


def test_the_declaration_is_exactly_what_the_records_count_as_personal():
    personal = {name for label, name in records.personal_fields() if label == LABEL}
    exempt = {name for name in personal if records.exemption(LABEL, name)}
    assert personal - exempt == set(ContactPerson.PERSONAL_FIELDS)
    assert set(ContactPerson.IDENTIFYING_FIELDS) <= set(ContactPerson.PERSONAL_FIELDS)


def test_every_text_field_of_a_contact_person_is_declared_personal_or_exempt():
    for f in ContactPerson._meta.concrete_fields:
        if isinstance(f, models.CharField | models.TextField):
            assert f.name in ContactPerson.PERSONAL_FIELDS or records.exemption(LABEL, f.name)
    assert set(contact_markers()) >= {"name", "function", "email", "phone", "consent_purpose"}


def test_the_records_of_processing_declare_the_models_fields():
    contacts = next(p for p in records.PROCESSING if p.code == "contacts")
    assert contacts.data["stakeholders.ContactPerson"] == ContactPerson.PERSONAL_FIELDS


@pytest.fixture
def new_contact_field():
    """A field a developer might add to the contact person; removed again afterwards."""
    field = models.CharField("mobile", max_length=30, blank=True)
    field.contribute_to_class(ContactPerson, "mobile")
    yield field
    ContactPerson._meta.local_fields.remove(field)
    ContactPerson._meta._expire_cache()
    delattr(ContactPerson, "mobile")


def test_a_field_added_to_the_contact_person_fails_the_check_until_it_is_declared(
    new_contact_field, monkeypatch
):
    assert records.uncovered() == [f"{LABEL}.mobile (every field of a user or contact person)"]
    contact = ContactPerson(stakeholder=Stakeholder(name="AWO"), name="Ada", mobile="0171 1234567")
    assert "0171 1234567" not in contact_export(contact).values()  # what would be missed
    monkeypatch.setattr(
        ContactPerson, "PERSONAL_FIELDS", (*ContactPerson.PERSONAL_FIELDS, "mobile")
    )
    assert contact_export(contact)["mobile"] == "0171 1234567"


@pytest.mark.django_db
def test_the_art15_export_has_one_entry_per_declared_field_in_its_order():
    contact = marked_contact()
    person = find_person(contact.name)
    data = person_export_data(person)
    labels = [
        str(ContactPerson._meta.get_field(name).verbose_name)
        for name in ContactPerson.PERSONAL_FIELDS
    ]
    [exported] = data["export"]["contacts"]
    assert list(exported) == labels
    for name, marker in contact_markers().items():
        assert exported[str(ContactPerson._meta.get_field(name).verbose_name)] == marker
    assert exported[labels[-1]] == contact.stakeholder.name
    assert [row[3] for row in data["rows"] if row[0] == "contact"] == labels
    for name in ContactPerson.IDENTIFYING_FIELDS:
        assert getattr(contact, name) in person.needles


@pytest.mark.django_db
def test_an_erasure_leaves_no_declared_field_in_any_table(officer):
    contact = marked_contact()
    InterviewFactory().contact_persons.add(contact)
    person = find_person(contact.name)
    person_erase(
        person=person, redact={hit.token for hit in person.hits}, user=officer, reference="AZ 1"
    )
    for marker in contact_markers().values():
        assert tables_holding(marker) == [], marker


@pytest.mark.django_db
def test_retention_leaves_no_declared_field_in_any_table():
    contact = marked_contact(consent_given_on=None)
    InterviewFactory().contact_persons.add(contact)
    long_ago = timezone.now() - datetime.timedelta(days=800)
    ContactPerson.objects.filter(pk=contact.pk).update(updated_at=long_ago)
    call_command("apply_retention", stdout=StringIO())
    for marker in contact_markers().values():
        assert tables_holding(marker) == [], marker


@pytest.mark.django_db
def test_no_declared_field_reaches_a_council_page_file_or_the_oparl_endpoint(council_client):
    world = publish_world()
    contact = marked_contact()
    world["released"].interviews.first().contact_persons.add(contact)
    responses = {url: council_client.get(url) for url in council_urls(world)}
    responses |= crawl(Client())
    for url, response in responses.items():
        assert response.status_code == 200, url
        text = text_of(response)
        for marker in contact_markers().values():
            assert marker.lower() not in text.lower(), f"{marker} in {url}"
