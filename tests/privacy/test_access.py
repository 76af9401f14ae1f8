"""Access requests (GDPR Art. 15): find everything about a person, export it, log it."""

import json
import re

import pytest
from django.urls import reverse

from privacy.models import AccessRequest
from tests.factories import ContactPersonFactory
from tests.privacy.plant import EMAIL, NAME, SURNAME, plant_person, tables_holding

pytestmark = pytest.mark.django_db
EXPORT = reverse("privacy:access_export")


def _export(client, fmt, **extra):
    data = {"q": NAME, "received_on": "2026-01-05", "reference": "AZ 15-1", "format": fmt}
    return client.post(EXPORT, data | extra)


def test_the_file_lists_contact_participation_mentions_and_where_they_are(officer_client, officer):
    planted = plant_person(officer)
    response = officer_client.get(reverse("privacy:access"), {"q": EMAIL})
    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert NAME in page
    assert reverse("consultations:interview_detail", args=[planted["interview"].pk]) in page
    assert "Ansprechpartnerin" in page  # the measure's description
    assert planted["summary"].get_absolute_url() in page


def test_json_export_holds_the_persons_data_and_the_log_holds_none(officer_client, officer):
    plant_person(officer)
    response = _export(officer_client, "json")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.json"')
    data = json.loads(response.content)
    assert data["contacts"][0]["E-Mail"] == EMAIL or EMAIL in json.dumps(data)
    assert len(data["interviews"]) == 1
    assert any(SURNAME in m["excerpt"] for m in data["mentions"])
    logged = AccessRequest.objects.get()
    assert logged.handled_by == officer
    assert logged.reference == "AZ 15-1"
    assert str(logged.received_on) == "2026-01-05"
    assert "privacy_accessrequest.reference" not in tables_holding(SURNAME)


def test_pdf_and_csv_exports(officer_client, officer):
    plant_person(officer)
    pdf = _export(officer_client, "pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    csv = _export(officer_client, "csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert EMAIL in csv.content.decode()
    assert AccessRequest.objects.count() == 2


def test_the_csv_is_for_programs_with_iso_dates_and_no_formula_cells(officer_client, officer):
    plant_person(officer)
    ContactPersonFactory(name=f"{NAME} II", email="-x@verein.example", function="=SUM(1;2)")
    response = _export(officer_client, "csv")
    body = response.content.decode("utf-8")
    assert body.startswith("Bereich,Art,wo,Feld,Inhalt\r\n")  # commas, no byte order mark
    assert "contact,,,E-Mail,'-x@verein.example\r\n" in body
    assert "contact,,,Funktion,'=SUM(1;2)\r\n" in body
    assert re.search(r"^interview,.*,\d{4}-\d{2}-\d{2}\r$", body, re.MULTILINE)
    assert response["Content-Disposition"].endswith('.csv"')
    assert {"no-store", "private"} <= set(response["Cache-Control"].split(", "))


def test_a_date_in_the_future_is_refused_in_german_and_nothing_logged(officer_client, officer):
    plant_person(officer)
    response = _export(officer_client, "json", received_on="2999-01-01")
    assert response.status_code == 200
    assert "Das Datum liegt in der Zukunft." in response.content.decode()
    assert 'value="AZ 15-1"' in response.content.decode()
    assert not AccessRequest.objects.exists()


def test_a_too_short_search_asks_for_more(officer_client):
    response = officer_client.get(reverse("privacy:access"), {"q": "ab"})
    assert response.status_code == 200
    assert "Geben Sie mindestens 3 Zeichen ein." in response.content.decode()


@pytest.mark.parametrize("client_name", ["reviewer_client", "council_client", "admin_client_"])
def test_only_the_officer_answers_access_requests(request, client_name, officer):
    plant_person(officer)
    client = request.getfixturevalue(client_name)
    assert client.get(reverse("privacy:access"), {"q": NAME}).status_code == 403
    assert _export(client, "json").status_code == 403
    assert not AccessRequest.objects.exists()
