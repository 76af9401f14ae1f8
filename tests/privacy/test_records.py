"""Records of processing (Art. 30 GDPR): generated from the code's declarations, and a
test that fails when a personal field is not declared."""

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from peine.roles import GRANTS, Capability, Grant, Role
from privacy import records
from privacy.selectors import searched_models, text_fields
from tests.conftest import client_for
from tests.factories import UserFactory


def test_every_personal_field_is_declared_or_declared_not_personal():
    assert records.uncovered() == []


def test_every_declared_field_exists_and_no_exemption_is_stale():
    for processing in records.PROCESSING:
        assert processing.fields() or processing.code == "backups"
    personal = records.personal_fields()
    for key in records.NOT_PERSONAL:
        label, _, name = key.rpartition(".") if key.count(".") == 2 else (key, "", "")
        if name:
            assert (label, name) in personal, f"{key} is exempt but not personal by the rules"
        else:
            assert any(lbl == key for lbl, _f in personal), f"{key} exempts nothing"


def test_a_personal_field_left_out_of_the_declaration_fails_the_check(monkeypatch):
    contacts = next(p for p in records.PROCESSING if p.code == "contacts")
    trimmed = dict(contacts.data)
    trimmed["stakeholders.ContactPerson"] = tuple(
        f for f in trimmed["stakeholders.ContactPerson"] if f != "phone"
    )
    monkeypatch.setattr(
        records,
        "PROCESSING",
        [
            records.Processing(**{**contacts.__dict__, "data": trimmed}) if p is contacts else p
            for p in records.PROCESSING
        ],
    )
    assert records.uncovered() == [
        "stakeholders.contactperson.phone (every field of a user or contact person)"
    ]


@pytest.fixture
def new_model():
    """A model a developer might add: a volunteer with a name, phone, a remark and a
    link to the user who registered them. Removed from the registry afterwards."""

    class Volunteer(models.Model):
        first_name = models.CharField(max_length=50)
        mobile = models.CharField(max_length=30)
        remark = models.TextField(blank=True)
        hours = models.PositiveIntegerField(default=0)
        registered_by = models.ForeignKey("peine.User", on_delete=models.PROTECT)

        class Meta:
            app_label = "measures"

        def __str__(self):
            return self.first_name

    yield Volunteer
    del apps.all_models["measures"]["volunteer"]
    apps.clear_cache()


def test_a_model_that_gains_personal_fields_fails_the_check(new_model):
    missing = records.uncovered()
    assert [m.split(" ")[0] for m in missing] == [
        "measures.volunteer.first_name",
        "measures.volunteer.mobile",
        "measures.volunteer.registered_by",
        "measures.volunteer.remark",
    ]


def test_every_field_the_access_search_reads_is_declared_or_exempt():
    declared = records.covered()
    for model in searched_models():
        label = model._meta.label_lower
        for f in text_fields(model):
            assert (label, f.name) in declared or records.exemption(label, f.name), (
                f"{label}.{f.name}"
            )


def test_who_can_see_comes_from_the_capabilities(monkeypatch):
    notes = next(p for p in records.PROCESSING if p.code == "notes")
    assert notes.roles() == [Role.OFFICER]
    monkeypatch.setitem(
        GRANTS, Capability.READ_NOTES, Grant(frozenset({Role.OFFICER, Role.REVIEWER}), frozenset())
    )
    assert notes.roles() == [Role.OFFICER, Role.REVIEWER]
    backups = next(p for p in records.PROCESSING if p.code == "backups")
    assert backups.roles() == []


def test_storage_lists_the_tables_and_their_history():
    by_code = {p.code: p for p in records.PROCESSING}
    assert by_code["notes"].tables() == ["consultations_interview", "consultations_interviewevent"]
    contact_tables = by_code["contacts"].tables()
    assert "stakeholders_contactpersonevent" in contact_tables
    assert "consultations_interview_contact_persons" in contact_tables


@pytest.mark.django_db
def test_the_page_shows_roles_retention_and_tables_from_the_code(settings, monkeypatch):
    settings.NOTES_RETENTION_DAYS = 401
    settings.BACKUP_KEEP_DAYS = 17
    monkeypatch.setitem(
        GRANTS, Capability.READ_NOTES, Grant(frozenset({Role.OFFICER, Role.REVIEWER}), frozenset())
    )
    response = client_for(UserFactory(role=Role.OFFICER)).get(reverse("privacy:records"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Verzeichnis von Verarbeitungstätigkeiten" in html
    assert "401 Tage (NOTES_RETENTION_DAYS)" in html
    assert "17 Tage (BACKUP_KEEP_DAYS)" in html
    notes = html[html.index('id="record-notes"') : html.index('id="record-free_text"')]
    assert "Fachverwaltung (Prüfung)" in notes  # the patched capability
    assert "<code>consultations_interviewevent</code>" in notes
    assert "von der bzw. dem Datenschutzbeauftragten zu bestätigen" in notes
    contacts = html[html.index('id="record-contacts"') : html.index('id="record-notes"')]
    assert "Art. 6 Abs. 1 lit. a DSGVO" in contacts
    assert "stakeholders.contactperson.phone" in contacts


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.OFFICER, Role.ADMIN])
def test_officer_and_admin_find_the_records_from_their_start_page(role):
    client = client_for(UserFactory(role=role))
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("privacy:records")}"' in home
    if role == Role.OFFICER:
        index = client.get(reverse("privacy:index")).content.decode()
        assert f'href="{reverse("privacy:records")}"' in index


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.REVIEWER, Role.COUNCIL])
def test_reviewer_and_council_neither_see_nor_open_the_records(role):
    client = client_for(UserFactory(role=role))
    home = client.get(reverse("home"), follow=True).content.decode()
    assert reverse("privacy:records") not in home
    assert client.get(reverse("privacy:records")).status_code == 403
