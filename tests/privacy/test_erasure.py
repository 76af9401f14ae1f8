"""Erasure (GDPR Art. 17): after it, no trace of the person is left in any table."""

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from consultations.models import RoundSummary
from council.models import ReportEdition
from privacy import immutable
from privacy.models import ErasureLog
from privacy.selectors import find_person
from privacy.services import person_erase
from stakeholders.models import ContactPerson
from tests.factories import EditionFactory, RoundSummaryFactory
from tests.privacy.plant import EMAIL, NAME, SURNAME, plant_person, sessions_holding, tables_holding

pytestmark = pytest.mark.django_db


def test_the_planted_person_is_found_in_every_place_before_the_erasure(officer):
    plant_person(officer)
    holding = tables_holding(SURNAME)
    for place in (
        "stakeholders_contactperson.name",
        "stakeholders_contactpersonevent.name",
        "consultations_interview.notes",
        "consultations_interviewevent.notes",
        "pghistory_context.metadata",
        "consultations_finding.statement",
        "consultations_roundsummary.evaluation",
        "peine_reportedition.content",
        "consultations_interviewdraft.data",
        "django_admin_log.object_repr",
        "measures_measure.description",
    ):
        assert place in holding
    assert sessions_holding(SURNAME) == 1


def test_erasure_leaves_no_trace_in_any_table_and_logs_no_data(officer):
    planted = plant_person(officer)
    person = find_person(NAME)
    assert [c.pk for c in person.contacts] == [planted["contact"].pk]
    log = person_erase(
        person=person,
        redact={hit.token for hit in person.hits},
        user=officer,
        reference="AZ 17-2026-01",
    )
    for needle in (SURNAME, EMAIL, "Zyxwaldine", "4711"):
        assert tables_holding(needle) == [], (needle, tables_holding(needle))
        assert sessions_holding(needle) == 0
    assert not ContactPerson.objects.filter(pk=planted["contact"].pk).exists()
    assert planted["interview"].contact_persons.count() == 0
    # The released summary and the edition got a redacted successor; the old text is gone.
    successor = RoundSummary.objects.get(round=planted["summary"].round, version=2)
    assert immutable.MARKER in successor.evaluation
    assert RoundSummary.objects.get(pk=planted["summary"].pk).evaluation == immutable.MARKER
    assert ReportEdition.objects.filter(content__contains=immutable.MARKER).count() == 2
    # The log: who, when, how many of what kind.
    assert log.performed_by == officer
    assert log.counts["contact"] == 1
    assert log.counts["successor"] == 2
    assert log.counts["sessions"] == 1
    assert ErasureLog.objects.count() == 1


def test_an_unticked_text_is_left_for_the_officer(officer):
    planted = plant_person(officer)
    person = find_person(NAME)
    keep = f"consultations.actionoption:{planted['option'].pk}:description"
    person_erase(
        person=person, redact={h.token for h in person.hits} - {keep}, user=officer, reference=""
    )
    planted["option"].refresh_from_db()
    assert SURNAME in planted["option"].description


def test_released_summary_and_edition_stay_frozen_outside_the_erasure():
    summary = RoundSummaryFactory()
    edition = EditionFactory()
    with pytest.raises(DatabaseError), transaction.atomic():
        RoundSummary.objects.filter(pk=summary.pk).update(evaluation="geändert")
    with pytest.raises(DatabaseError), transaction.atomic():
        ReportEdition.objects.filter(pk=edition.pk).update(content="geändert")
    # The redaction's setting ends with its transaction.
    with transaction.atomic():
        immutable.redact_edition(edition, immutable.needle_pattern(["Bericht"]))
    with pytest.raises(DatabaseError), transaction.atomic():
        ReportEdition.objects.filter(pk=edition.pk).update(content="geändert")


def test_the_file_number_must_not_name_the_person(officer_client, officer):
    plant_person(officer)
    response = officer_client.post(
        reverse("privacy:erase"),
        {"q": NAME, "reference": f"Akte {SURNAME}", "confirm": "on", "contacts": []},
    )
    assert response.status_code == 200
    assert ContactPerson.objects.filter(name=NAME).exists()
    assert not ErasureLog.objects.exists()


def test_officer_erases_after_the_preview(officer_client, officer):
    planted = plant_person(officer)
    preview = officer_client.get(reverse("privacy:erase"), {"q": NAME})
    assert preview.status_code == 200
    assert preview["Cache-Control"].count("no-store") == 1
    page = preview.content.decode()
    assert f'value="{planted["contact"].pk}"' in page
    tokens = [h.token for h in find_person(NAME).hits]
    response = officer_client.post(
        reverse("privacy:erase"),
        {"q": NAME, "contacts": [planted["contact"].pk], "redact": tokens, "confirm": "on"},
    )
    assert response.status_code == 302
    assert tables_holding(SURNAME) == []


def test_erasure_needs_the_confirmation(officer_client, officer):
    plant_person(officer)
    response = officer_client.post(reverse("privacy:erase"), {"q": NAME})
    assert response.status_code == 200
    assert ContactPerson.objects.filter(name=NAME).exists()


@pytest.mark.parametrize("client_name", ["reviewer_client", "council_client", "admin_client_"])
def test_only_the_officer_erases(request, client_name, officer):
    plant_person(officer)
    client = request.getfixturevalue(client_name)
    response = client.post(reverse("privacy:erase"), {"q": NAME, "confirm": "on"})
    assert response.status_code == 403
    assert ContactPerson.objects.filter(name=NAME).exists()


def test_erasure_empties_the_figures_cache_once_it_is_committed(
    officer, django_capture_on_commit_callbacks
):
    """Computed figures and report bodies may quote a measure title that names the person:
    old entries are never served again, but they must not stay stored either."""
    from django.core.cache import caches

    from council import figure_cache

    plant_person(officer)
    figures = caches[figure_cache.CACHE]
    figures.set("report:dashboard::all:internal:de:20261130:1-1", f"Sprachcafé mit {SURNAME}")
    person = find_person(NAME)
    with django_capture_on_commit_callbacks(execute=True):
        person_erase(
            person=person,
            redact={hit.token for hit in person.hits},
            user=officer,
            reference="AZ 17-2026-02",
        )
    assert figures.get("report:dashboard::all:internal:de:20261130:1-1") is None
