"""Contact persons: consent, withdrawal, erasure, and who may see them."""

from datetime import date

import pytest
from django.urls import reverse

from stakeholders.models import ContactPerson, ContactPersonEvent
from tests.factories import ContactPersonFactory, StakeholderFactory


def _withdrawn(**kwargs) -> ContactPerson:
    return ContactPersonFactory(consent_withdrawn_on=date(2025, 6, 1), **kwargs)


def test_officer_adds_a_contact_person_with_consent(officer_client):
    stakeholder = StakeholderFactory()
    response = officer_client.post(
        reverse("stakeholders:contact_create", args=[stakeholder.pk]),
        {
            "name": "Ayşe Yılmaz",
            "function": "Vorsitzende",
            "email": "ayse@example.org",
            "phone": "+49 5171 123456",
            "consent_given_on": "2025-03-01",
            "consent_purpose": "Einladungen",
        },
    )
    assert response.status_code == 302
    contact = stakeholder.contacts.get()
    assert contact.name == "Ayşe Yılmaz"
    assert contact.consent_given_on == date(2025, 3, 1)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "keine-mail"),
        ("phone", "=1+2"),
        ("consent_given_on", "31.02.2025"),
        ("consent_withdrawn_on", "2024-01-01"),
        ("consent_purpose", ""),
        ("name", ""),
    ],
)
def test_bad_contact_input_is_shown_next_to_the_field_and_kept(officer_client, field, value):
    stakeholder = StakeholderFactory()
    data = {
        "name": "Olga Schäfer",
        "function": "Leiterin der Samstagsschule",
        "email": "olga@example.org",
        "phone": "05171 1",
        "consent_given_on": "2025-03-01",
        "consent_purpose": "Einladungen",
        field: value,
    }
    response = officer_client.post(
        reverse("stakeholders:contact_create", args=[stakeholder.pk]), data
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "Leiterin der Samstagsschule" in response.content.decode()
    assert not stakeholder.contacts.exists()


def test_council_opening_a_contact_url_gets_403(council_client):
    contact = ContactPersonFactory()
    assert (
        council_client.get(reverse("stakeholders:contact_detail", args=[contact.pk])).status_code
        == 403
    )


def test_council_never_sees_contact_persons_on_the_detail_page(council_client):
    contact = ContactPersonFactory(name="Mehmet Öztürk", email="mehmet@example.org")
    response = council_client.get(reverse("stakeholders:detail", args=[contact.stakeholder_id]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Mehmet" not in content
    assert "mehmet@example.org" not in content
    assert "contacts" not in response.context


def test_reviewer_reads_contact_persons_with_consent(reviewer_client):
    contact = ContactPersonFactory(email="sichtbar@example.org")
    response = reviewer_client.get(reverse("stakeholders:detail", args=[contact.stakeholder_id]))
    assert "sichtbar@example.org" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_withdrawn_consent_hides_the_person_from_the_reviewer(reviewer_client):
    contact = _withdrawn(name="Dragan Petrović", email="dragan@example.org")
    detail = reviewer_client.get(reverse("stakeholders:detail", args=[contact.stakeholder_id]))
    assert "Dragan" not in detail.content.decode()
    url = reverse("stakeholders:contact_detail", args=[contact.pk])
    assert reviewer_client.get(url).status_code == 404


def test_officer_sees_that_consent_was_withdrawn(officer_client):
    contact = _withdrawn(name="Dragan Petrović", email="dragan@example.org")
    detail = officer_client.get(reverse("stakeholders:detail", args=[contact.stakeholder_id]))
    content = detail.content.decode()
    assert "Dragan Petrović" in content
    assert "Einwilligung widerrufen" in content
    assert "dragan@example.org" not in content


def test_withdrawing_consent_asks_on_get_and_records_on_post(officer_client):
    contact = ContactPersonFactory()
    url = reverse("stakeholders:contact_withdraw", args=[contact.pk])
    assert officer_client.get(url).status_code == 200
    contact.refresh_from_db()
    assert contact.consent_withdrawn_on is None
    assert officer_client.post(url).status_code == 302
    contact.refresh_from_db()
    assert contact.consent_withdrawn_on is not None
    # A second withdrawal is refused with a message, not an error page.
    assert officer_client.post(url, follow=True).status_code == 200


def test_erasing_a_person_removes_their_history(officer_client):
    contact = ContactPersonFactory(email="weg@example.org")
    contact.email = "neu@example.org"
    contact.save()
    assert ContactPersonEvent.objects.filter(pgh_obj_id=contact.pk).exists()
    officer_client.post(reverse("stakeholders:contact_erase", args=[contact.pk]))
    assert not ContactPerson.objects.filter(pk=contact.pk).exists()
    assert not ContactPersonEvent.objects.filter(pgh_obj_id=contact.pk).exists()


def test_contact_edit_refuses_an_outdated_version(officer_client):
    contact = ContactPersonFactory(function="alt")
    url = reverse("stakeholders:contact_edit", args=[contact.pk])
    data = {
        "name": contact.name,
        "function": "meine Fassung",
        "email": contact.email,
        "phone": "",
        "consent_given_on": "2025-01-01",
        "consent_purpose": "Einladungen",
        "version": contact.version - 1 or 99,
    }
    response = officer_client.post(url, data)
    assert response.status_code == 200
    assert "meine Fassung" in response.content.decode()
    contact.refresh_from_db()
    assert contact.function == "alt"


@pytest.mark.parametrize("name", ["contact_withdraw", "contact_erase"])
def test_contact_state_changes_refuse_put(officer_client, name):
    contact = ContactPersonFactory()
    assert officer_client.put(reverse(f"stakeholders:{name}", args=[contact.pk])).status_code == 405
