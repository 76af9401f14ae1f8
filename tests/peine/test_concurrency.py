"""Optimistic locking (peine/lib/concurrency.py): a stale version is refused, a save moves
the version on exactly once, and a partial save writes the version with its fields."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from measures.models import ProgressEntry
from peine.lib.concurrency import (
    ConflictError,
    VersionedModelForm,
    lock_versioned,
    save_form_versioned,
    save_locked,
    save_versioned,
)
from stakeholders.models import Stakeholder
from tests.factories import ProgressEntryFactory, StakeholderFactory, sector

pytestmark = pytest.mark.django_db


class StakeholderForm(VersionedModelForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "kind", "sectors"]


def _update_sql(queries, table: str) -> str:
    (sql,) = [q["sql"] for q in queries if q["sql"].startswith(f'UPDATE "{table}"')]
    return sql


def test_lock_versioned_returns_the_row_of_the_version_the_person_saw():
    stakeholder = StakeholderFactory()
    with transaction.atomic():
        locked = lock_versioned(Stakeholder, stakeholder.pk, 1)
    assert locked == stakeholder


@pytest.mark.parametrize("expected_version", [2, None])
def test_lock_versioned_refuses_a_stale_or_missing_version(expected_version):
    stakeholder = StakeholderFactory()
    with pytest.raises(ConflictError), transaction.atomic():
        lock_versioned(Stakeholder, stakeholder.pk, expected_version)


def test_lock_versioned_of_a_removed_row_raises_does_not_exist():
    entry = ProgressEntryFactory()
    ProgressEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(ProgressEntry.DoesNotExist), transaction.atomic():
        lock_versioned(ProgressEntry, entry.pk, 1)


def test_save_versioned_moves_the_version_on_once():
    stakeholder = StakeholderFactory()
    stakeholder.description = "Neu"
    save_versioned(stakeholder, expected_version=1)
    stakeholder.refresh_from_db()
    assert (stakeholder.version, stakeholder.description) == (2, "Neu")


def test_save_versioned_refuses_a_stale_version_and_writes_nothing():
    stakeholder = StakeholderFactory(description="Alt")
    Stakeholder.objects.filter(pk=stakeholder.pk).update(version=2)
    stakeholder.description = "Neu"
    with pytest.raises(ConflictError):
        save_versioned(stakeholder, expected_version=1)
    stakeholder.refresh_from_db()
    assert (stakeholder.version, stakeholder.description) == (2, "Alt")


def test_save_versioned_writes_the_version_and_the_timestamp_with_the_fields_named():
    stakeholder = StakeholderFactory(name="Alt", description="Alt")
    stakeholder.name = "nicht gespeichert"
    stakeholder.description = "Neu"
    with CaptureQueriesContext(connection) as queries:
        save_versioned(stakeholder, expected_version=1, update_fields=["description"])
    sql = _update_sql(queries, "stakeholders_stakeholder")
    assert '"version"' in sql
    assert '"updated_at"' in sql
    assert '"name"' not in sql
    stakeholder.refresh_from_db()
    assert (stakeholder.version, stakeholder.name, stakeholder.description) == (2, "Alt", "Neu")


def test_save_versioned_saves_a_new_record_with_its_first_version():
    stakeholder = Stakeholder(name="Neu e. V.", kind=Stakeholder.Kind.SPORTS)
    save_versioned(stakeholder, expected_version=None)
    assert Stakeholder.objects.get(pk=stakeholder.pk).version == 1


def test_save_locked_moves_the_version_on_once_and_writes_it_with_the_fields_named():
    entry = ProgressEntryFactory(note="alt")
    with transaction.atomic():
        locked = lock_versioned(ProgressEntry, entry.pk, 1)
        locked.note = "neu"
        with CaptureQueriesContext(connection) as queries:
            save_locked(locked, update_fields=["note"])
    # A progress entry has no updated_at: only the field named and the version are written.
    sql = _update_sql(queries, "measures_progressentry")
    assert '"version"' in sql
    assert '"value"' not in sql
    entry.refresh_from_db()
    assert (entry.version, entry.note) == (2, "neu")


def test_save_form_versioned_saves_the_many_to_many_fields_and_moves_the_version_on():
    stakeholder = StakeholderFactory()
    data = {"name": stakeholder.name, "kind": stakeholder.kind, "sectors": [sector().pk]}
    form = StakeholderForm({**data, "version": 1}, instance=stakeholder)
    assert form.is_valid(), form.errors
    save_form_versioned(form)
    stakeholder.refresh_from_db()
    assert stakeholder.version == 2
    assert list(stakeholder.sectors.all()) == [sector()]


def test_save_form_versioned_refuses_a_stale_form_and_writes_nothing():
    stakeholder = StakeholderFactory(name="Alt")
    data = {"name": "Neu", "kind": stakeholder.kind, "sectors": [sector().pk], "version": 1}
    first = StakeholderForm(data, instance=Stakeholder.objects.get(pk=stakeholder.pk))
    assert first.is_valid()
    save_form_versioned(first)
    stale = StakeholderForm(
        {**data, "name": "Zu spät", "sectors": []},
        instance=Stakeholder.objects.get(pk=stakeholder.pk),
    )
    assert stale.is_valid()
    with pytest.raises(ConflictError):
        save_form_versioned(stale)
    stakeholder.refresh_from_db()
    assert (stakeholder.version, stakeholder.name) == (2, "Neu")
    assert list(stakeholder.sectors.all()) == [sector()]
