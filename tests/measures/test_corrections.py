"""Accompanied implementation: the reviewer corrects or removes progress values and
expenditures with a reason; the measure's history shows the change, who, when and why."""

import datetime
from decimal import Decimal

import pghistory
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures import services
from measures.models import Expenditure, Measure, ProgressEntry
from peine.lib.concurrency import ConflictError
from tests.factories import (
    ExpenditureFactory,
    IndicatorFactory,
    MeasureFactory,
    ProgressEntryFactory,
    funding_source,
)

S = Measure.Status
pytestmark = pytest.mark.django_db


def _entry(**kwargs):
    measure = MeasureFactory(status=S.IN_PROGRESS, title="Sprachcafé Südstadt")
    indicator = IndicatorFactory(measure=measure, name="Teilnehmende")
    return ProgressEntryFactory(indicator=indicator, value=Decimal("12"), **kwargs)


def _correct(entry, user, **overrides):
    data = {
        "entry_id": entry.pk,
        "user": user,
        "recorded_on": entry.recorded_on,
        "value": Decimal("21"),
        "note": "",
        "reason": "Zahlendreher beim Übertragen",
        "expected_version": entry.version,
    }
    data.update(overrides)
    return services.progress_entry_correct(**data)


# --- services ----------------------------------------------------------------------------


def test_correcting_a_value_changes_it_and_bumps_its_version(reviewer):
    entry = _entry()
    corrected = _correct(entry, reviewer)
    entry.refresh_from_db()
    assert entry.value == Decimal("21")
    assert entry.version == corrected.version == 2


def test_a_correction_needs_a_reason(reviewer):
    entry = _entry()
    with pytest.raises(ValidationError) as error:
        _correct(entry, reviewer, reason="   ")
    assert "reason" in error.value.message_dict
    entry.refresh_from_db()
    assert entry.value == Decimal("12")


def test_a_correction_that_changes_nothing_is_refused(reviewer):
    entry = _entry()
    with pytest.raises(ValidationError):
        _correct(entry, reviewer, value=Decimal("12"))


def test_a_correction_into_the_future_is_refused(reviewer):
    entry = _entry()
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as error:
        _correct(entry, reviewer, recorded_on=tomorrow)
    assert "recorded_on" in error.value.message_dict


def test_only_the_reviewer_corrects(officer):
    entry = _entry()
    with pytest.raises(PermissionDenied):
        _correct(entry, officer)
    with pytest.raises(PermissionDenied):
        services.expenditure_remove(
            expenditure_id=ExpenditureFactory().pk, user=officer, reason="x", expected_version=1
        )


def test_two_reviewers_correcting_the_same_value_the_second_is_told(reviewer):
    entry = _entry()
    _correct(entry, reviewer, value=Decimal("20"))
    with pytest.raises(ConflictError):
        _correct(entry, reviewer, value=Decimal("22"))  # still holds version 1
    entry.refresh_from_db()
    assert entry.value == Decimal("20")


def test_removing_a_removed_value_says_it_is_gone(reviewer):
    entry = _entry()
    services.progress_entry_remove(
        entry_id=entry.pk, user=reviewer, reason="doppelt erfasst", expected_version=1
    )
    assert not ProgressEntry.objects.filter(pk=entry.pk).exists()
    with pytest.raises(services.EntryGoneError):
        services.progress_entry_remove(
            entry_id=entry.pk, user=reviewer, reason="doppelt erfasst", expected_version=1
        )


def test_expenditure_correction_and_removal(reviewer):
    expenditure = ExpenditureFactory(measure=MeasureFactory(status=S.IN_PROGRESS))
    other_source = funding_source("staedtischer-haushalt")
    with pytest.raises(ValidationError) as error:
        services.expenditure_correct(
            expenditure_id=expenditure.pk,
            user=reviewer,
            funding_source=other_source,
            spent_on=expenditure.spent_on,
            amount=Decimal("0"),
            description="",
            reason="falsche Quelle",
            expected_version=1,
        )
    assert "amount" in error.value.message_dict
    services.expenditure_correct(
        expenditure_id=expenditure.pk,
        user=reviewer,
        funding_source=other_source,
        spent_on=expenditure.spent_on,
        amount=Decimal("90.50"),
        description="Honorar",
        reason="falsche Quelle",
        expected_version=1,
    )
    expenditure.refresh_from_db()
    assert (expenditure.funding_source, expenditure.amount) == (other_source, Decimal("90.50"))
    services.expenditure_remove(
        expenditure_id=expenditure.pk, user=reviewer, reason="Storno", expected_version=2
    )
    assert not Expenditure.objects.exists()


# --- pages --------------------------------------------------------------------------------


def _detail(client, measure):
    return client.get(reverse("measures:detail", args=[measure.pk])).content.decode()


def test_reviewer_corrects_a_value_and_the_history_shows_old_new_and_why(reviewer, reviewer_client):
    entry = _entry()
    measure = entry.indicator.measure
    url = reverse("measures:progress_correct", args=[measure.pk, entry.pk])
    page = reviewer_client.get(url).content.decode()
    assert "id_value" in page
    assert "12,00" in page
    response = reviewer_client.post(
        url,
        {
            "recorded_on": "2026-05-01",
            "value": "21",
            "note": "",
            "reason": "Zahlendreher beim Übertragen",
            "version": "1",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.value == Decimal("21")
    page = _detail(reviewer_client, measure)
    assert "Zahlendreher beim Übertragen" in page
    assert "Wert von „Teilnehmende“ vom 01.05.2026" in page
    assert "12" in page
    assert "21" in page
    assert str(reviewer) in page


def test_bad_input_keeps_the_typed_text_and_says_what_is_wrong(reviewer_client):
    entry = _entry()
    url = reverse("measures:progress_correct", args=[entry.indicator.measure_id, entry.pk])
    response = reviewer_client.post(
        url,
        {"recorded_on": "2026-05-01", "value": "einundzwanzig", "reason": "", "version": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="einundzwanzig"' in page
    assert "Bitte geben Sie an, warum Sie diesen Eintrag korrigieren oder entfernen." in page
    entry.refresh_from_db()
    assert entry.value == Decimal("12")


def test_a_stale_correction_is_refused_and_the_typed_text_kept(reviewer, reviewer_client):
    entry = _entry()
    _correct(entry, reviewer, value=Decimal("20"))  # a colleague, meanwhile
    url = reverse("measures:progress_correct", args=[entry.indicator.measure_id, entry.pk])
    response = reviewer_client.post(
        url,
        {"recorded_on": "2026-05-01", "value": "33", "reason": "Nachzählung", "version": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Jemand anderes hat diesen Datensatz geändert" in page
    assert 'value="33"' in page
    assert "Nachzählung" in page
    entry.refresh_from_db()
    assert entry.value == Decimal("20")


def test_reviewer_removes_an_expenditure_and_the_history_keeps_it(reviewer, reviewer_client):
    measure = MeasureFactory(status=S.IN_PROGRESS)
    expenditure = ExpenditureFactory(
        measure=measure, amount=Decimal("480.00"), description="Raummiete Juni"
    )
    url = reverse("measures:expenditure_remove", args=[measure.pk, expenditure.pk])
    page = reviewer_client.get(url).content.decode()
    assert "Raummiete Juni" in page
    assert Expenditure.objects.filter(pk=expenditure.pk).exists()  # GET changes nothing
    assert reviewer_client.put(url).status_code == 405
    assert reviewer_client.delete(url).status_code == 405
    response = reviewer_client.post(url, {"reason": "Doppelt gebucht", "version": "1"})
    assert response.status_code == 302
    assert not Expenditure.objects.filter(pk=expenditure.pk).exists()
    page = _detail(reviewer_client, measure)
    assert "Doppelt gebucht" in page
    assert "Ausgabe vom 01.05.2026: 480,00 € (Raummiete Juni)" in page
    assert "gelöscht" in page


def test_removal_needs_a_reason(reviewer_client):
    entry = _entry()
    url = reverse("measures:progress_remove", args=[entry.indicator.measure_id, entry.pk])
    response = reviewer_client.post(url, {"reason": " ", "version": "1"})
    assert response.status_code == 400
    assert ProgressEntry.objects.filter(pk=entry.pk).exists()


def test_correction_links_only_for_the_reviewer(reviewer_client, officer_client, council_client):
    entry = _entry()
    measure = entry.indicator.measure
    ExpenditureFactory(measure=measure)
    correct = reverse("measures:progress_correct", args=[measure.pk, entry.pk])
    assert correct in _detail(reviewer_client, measure)
    assert "/ausgaben/" in _detail(reviewer_client, measure)
    for client in (officer_client, council_client):
        page = _detail(client, measure)
        assert correct not in page
        assert "korrigieren/" not in page
        assert client.get(correct).status_code == 403


def test_an_entry_of_another_measure_is_not_found(reviewer_client):
    entry = _entry()
    other = MeasureFactory(status=S.IN_PROGRESS)
    url = reverse("measures:progress_correct", args=[other.pk, entry.pk])
    assert reviewer_client.get(url).status_code == 404


def test_detail_queries_do_not_grow_with_corrections(reviewer, reviewer_client):
    with pghistory.context(user=reviewer.pk):
        entry = _entry()
        measure = entry.indicator.measure
        ExpenditureFactory(measure=measure)
    with CaptureQueriesContext(connection) as few:
        reviewer_client.get(reverse("measures:detail", args=[measure.pk]))
    for number in range(5):
        entry = ProgressEntry.objects.get(pk=entry.pk)
        _correct(entry, reviewer, value=Decimal(30 + number), reason=f"Korrektur {number}")
        extra = ExpenditureFactory(measure=measure)
        services.expenditure_remove(
            expenditure_id=extra.pk, user=reviewer, reason="weg", expected_version=1
        )
    with CaptureQueriesContext(connection) as many:
        page = reviewer_client.get(reverse("measures:detail", args=[measure.pk]))
    assert "Korrektur 4" in page.content.decode()
    assert len(many) == len(few)


# --- the shared POST path of the four correction and removal pages -----------------------


def test_a_stale_removal_is_refused_and_the_page_shows_the_stored_value(reviewer, reviewer_client):
    entry = _entry()
    _correct(entry, reviewer, value=Decimal("20"))  # a colleague, meanwhile
    url = reverse("measures:progress_remove", args=[entry.indicator.measure_id, entry.pk])
    response = reviewer_client.post(url, {"reason": "Doppelt erfasst", "version": "1"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Jemand anderes hat diesen Datensatz geändert" in page
    assert "Doppelt erfasst" in page  # the typed reason is kept
    assert "<dd>20</dd>" in page  # the summary shows what is stored now
    assert ProgressEntry.objects.filter(pk=entry.pk).exists()


def test_removing_a_value_someone_removed_meanwhile_says_so(reviewer, reviewer_client, monkeypatch):
    entry = _entry()
    measure = entry.indicator.measure
    url = reverse("measures:progress_remove", args=[measure.pk, entry.pk])
    remove = services.progress_entry_remove

    def colleague_first(**kwargs):  # a colleague removes it after the page found it
        remove(**{**kwargs, "reason": "doppelt erfasst"})
        remove(**kwargs)

    monkeypatch.setattr(services, "progress_entry_remove", colleague_first)
    response = reviewer_client.post(url, {"reason": "Doppelt", "version": "1"}, follow=True)
    assert response.redirect_chain == [(reverse("measures:detail", args=[measure.pk]), 302)]
    assert "Dieser Eintrag wurde inzwischen von jemand anderem entfernt." in (
        response.content.decode()
    )


def test_removing_an_expenditure_without_a_reason_says_what_is_missing(reviewer_client):
    measure = MeasureFactory(status=S.IN_PROGRESS)
    expenditure = ExpenditureFactory(measure=measure)
    url = reverse("measures:expenditure_remove", args=[measure.pk, expenditure.pk])
    response = reviewer_client.post(url, {"reason": "", "version": "1"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bitte geben Sie an, warum Sie diesen Eintrag korrigieren oder entfernen." in page
    assert Expenditure.objects.filter(pk=expenditure.pk).exists()


def test_reviewer_corrects_an_expenditure_on_its_page(reviewer_client):
    measure = MeasureFactory(status=S.IN_PROGRESS)
    expenditure = ExpenditureFactory(measure=measure, amount=Decimal("100.00"))
    url = reverse("measures:expenditure_correct", args=[measure.pk, expenditure.pk])
    data = {
        "funding_source": expenditure.funding_source_id,
        "spent_on": "2026-05-01",
        "amount": "100.00",
        "description": "",
        "reason": "Beleg geprüft",
        "version": "1",
    }
    unchanged = reviewer_client.post(url, data)  # the service refuses: nothing changed
    assert unchanged.status_code == 400
    page = unchanged.content.decode()
    assert "Es wurde nichts geändert." in page
    assert "Beleg geprüft" in page
    response = reviewer_client.post(url, {**data, "amount": "90.50"}, follow=True)
    assert response.redirect_chain == [(reverse("measures:detail", args=[measure.pk]), 302)]
    assert "Die Ausgabe wurde korrigiert." in response.content.decode()
    expenditure.refresh_from_db()
    assert (expenditure.amount, expenditure.version) == (Decimal("90.50"), 2)


def test_a_removal_losing_a_race_shows_the_value_stored_now(reviewer, reviewer_client, monkeypatch):
    entry = _entry()
    url = reverse("measures:progress_remove", args=[entry.indicator.measure_id, entry.pk])
    remove = services.progress_entry_remove

    def colleague_first(**kwargs):  # a colleague corrects it after the page loaded it
        _correct(ProgressEntry.objects.get(pk=entry.pk), reviewer, value=Decimal("20"))
        remove(**kwargs)

    monkeypatch.setattr(services, "progress_entry_remove", colleague_first)
    response = reviewer_client.post(url, {"reason": "Doppelt erfasst", "version": "1"})
    assert response.status_code == 409
    assert "<dd>20</dd>" in response.content.decode()
