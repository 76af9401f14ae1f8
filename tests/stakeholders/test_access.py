"""Who may write: POST requests of roles that may only read, and of anonymous people."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stakeholders.models import Stakeholder
from tests.factories import ContactPersonFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


def _post_urls(stakeholder, contact):
    return [
        reverse("stakeholders:create"),
        reverse("stakeholders:edit", args=[stakeholder.pk]),
        reverse("stakeholders:archive", args=[stakeholder.pk]),
        reverse("stakeholders:contact_create", args=[stakeholder.pk]),
        reverse("stakeholders:relationship_create", args=[stakeholder.pk]),
        reverse("stakeholders:contact_edit", args=[contact.pk]),
        reverse("stakeholders:contact_withdraw", args=[contact.pk]),
        reverse("stakeholders:contact_erase", args=[contact.pk]),
        reverse("stakeholders:import"),
        reverse("stakeholders:import_confirm"),
    ]


@pytest.mark.parametrize("client_name", ["reviewer_client", "council_client", "admin_client_"])
def test_roles_that_only_read_cannot_write(request, client_name):
    client = request.getfixturevalue(client_name)
    contact = ContactPersonFactory()
    for url in _post_urls(contact.stakeholder, contact):
        assert client.post(url, {"name": "x"}).status_code == 403, url
    assert Stakeholder.objects.count() == 1


def test_anonymous_posts_are_sent_to_sign_in(db):
    contact = ContactPersonFactory()
    for url in _post_urls(contact.stakeholder, contact):
        response = Client().post(url, {"name": "x"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_council_detail_never_selects_description_address_or_contacts(council_client):
    stakeholder = StakeholderFactory(description="interne Einschätzung", street="Geheimweg 1")
    ContactPersonFactory(stakeholder=stakeholder)
    with CaptureQueriesContext(connection) as queries:
        response = council_client.get(reverse("stakeholders:detail", args=[stakeholder.pk]))
    sql = " ".join(query["sql"] for query in queries)
    assert response.status_code == 200
    assert '"stakeholders_stakeholder"."description"' not in sql
    assert '"stakeholders_stakeholder"."street"' not in sql
    assert "stakeholders_contactperson" not in sql
    assert "interne Einschätzung" not in response.content.decode()


def test_admin_role_has_no_access_to_the_register(admin_client_):
    StakeholderFactory()
    assert admin_client_.get(reverse("stakeholders:list")).status_code == 403
    assert admin_client_.get(reverse("stakeholders:list") + "?format=csv").status_code == 403
