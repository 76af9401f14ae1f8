"""Writes of the stakeholder register. Views call these; nothing else saves the models."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from peine.lib.concurrency import save_locked, save_versioned
from peine.lib.history import erase_history
from peine.models import District, Sector
from stakeholders.models import ContactPerson, Relationship, Stakeholder

STAKEHOLDER_FIELDS = Stakeholder.ROW_FIELDS
CONTACT_FIELDS = ContactPerson.EDITABLE_FIELDS


class StakeholderError(Exception):
    """A write the register refuses, with a message for the person who tried it."""


def stakeholder_create(
    *,
    fields: dict,
    sectors: Iterable[Sector] = (),
    districts: Iterable[District] = (),
) -> Stakeholder:
    with transaction.atomic():
        stakeholder = Stakeholder(**{k: v for k, v in fields.items() if k in STAKEHOLDER_FIELDS})
        stakeholder.save()
        stakeholder.sectors.set(sectors)
        stakeholder.districts.set(districts)
    return stakeholder


def stakeholder_update(
    *,
    stakeholder: Stakeholder,
    fields: dict,
    sectors: Iterable[Sector],
    districts: Iterable[District],
    expected_version: int | None,
) -> Stakeholder:
    """Save the changes unless a colleague saved first (``ConflictError``)."""
    with transaction.atomic():
        for name, value in fields.items():
            if name in STAKEHOLDER_FIELDS:
                setattr(stakeholder, name, value)
        save_versioned(stakeholder, expected_version=expected_version)
        stakeholder.sectors.set(sectors)
        stakeholder.districts.set(districts)
    return stakeholder


def stakeholder_set_active(*, stakeholder: Stakeholder, active: bool) -> Stakeholder:
    """Archive (``active=False``) or reactivate; archived stakeholders stay readable."""
    with transaction.atomic():
        locked = Stakeholder.objects.select_for_update().get(pk=stakeholder.pk)
        if locked.active == active:
            return locked
        locked.active = active
        save_locked(locked, update_fields=["active"])
    return locked


def contact_create(*, stakeholder: Stakeholder, fields: dict) -> ContactPerson:
    contact = ContactPerson(
        stakeholder=stakeholder, **{k: v for k, v in fields.items() if k in CONTACT_FIELDS}
    )
    contact.full_clean(exclude=["stakeholder"])
    contact.save()
    return contact


def contact_update(
    *, contact: ContactPerson, fields: dict, expected_version: int | None
) -> ContactPerson:
    for name, value in fields.items():
        if name in CONTACT_FIELDS:
            setattr(contact, name, value)
    return save_versioned(contact, expected_version=expected_version)


def contact_withdraw_consent(*, contact: ContactPerson, on: date) -> ContactPerson:
    """Record the withdrawal; from then on only the officer sees the person's details."""
    with transaction.atomic():
        locked = ContactPerson.objects.select_for_update().get(pk=contact.pk)
        if locked.consent_withdrawn_on is not None:
            raise StakeholderError(_("Consent has already been withdrawn."))
        if locked.consent_given_on is None:
            raise StakeholderError(_("No consent has been recorded for this person."))
        locked.consent_withdrawn_on = max(on, locked.consent_given_on)
        save_locked(locked, update_fields=["consent_withdrawn_on"])
    return locked


def contact_erase(*, contact: ContactPerson) -> None:
    """Delete the person and every copy in the change history (GDPR Art. 17)."""
    with transaction.atomic():
        pk = contact.pk
        ContactPerson.objects.filter(pk=pk).delete()
        erase_history(ContactPerson, pk)


def relationship_create(
    *,
    source: Stakeholder,
    target: Stakeholder,
    kind: str,
    note: str = "",
    since: date | None = None,
    by=None,
) -> Relationship:
    if source.pk == target.pk:
        raise StakeholderError(_("A stakeholder cannot have a relationship with itself."))
    try:
        with transaction.atomic():
            return Relationship.objects.create(
                source=source, target=target, kind=kind, note=note, since=since, created_by=by
            )
    except IntegrityError as error:
        raise StakeholderError(_("This relationship has already been recorded.")) from error


def relationship_delete(*, relationship: Relationship) -> None:
    relationship.delete()


def validate_unique_name(name: str, *, exclude_pk=None) -> None:
    """Names are unique regardless of case ("AWO Peine" and "awo peine" are one)."""
    queryset = Stakeholder.objects.filter(name__iexact=name.strip())
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    if queryset.exists():
        raise ValidationError(_("A stakeholder with this name already exists."), code="unique")


def import_rows(*, rows: list[dict], columns: list[str]) -> dict[str, int]:
    """Write the checked rows of an import in one transaction; returns counts.

    Rows are matched to the register by name, regardless of case. Columns that were not
    in the file are left as they are; a contact person is matched by name within the
    stakeholder. Any database error rolls the whole file back.
    """
    counts = {"created": 0, "updated": 0, "contacts": 0}
    with transaction.atomic():
        for row in rows:
            stakeholder = (
                Stakeholder.objects.select_for_update().filter(name__iexact=row["name"]).first()
            )
            fields = {key: row[key] for key in STAKEHOLDER_FIELDS if key in row}
            if stakeholder is None:
                stakeholder = Stakeholder(**fields)
                stakeholder.save()
                counts["created"] += 1
            else:
                for key, value in fields.items():
                    if key != "name":
                        setattr(stakeholder, key, value)
                save_locked(stakeholder)
                counts["updated"] += 1
            if "sectors" in columns:
                stakeholder.sectors.set(row.get("sectors", []))
            if "districts" in columns:
                stakeholder.districts.set(row.get("districts", []))
            contact = row.get("contact")
            if contact:
                counts["contacts"] += _import_contact(stakeholder, contact)
    return counts


def _import_contact(stakeholder: Stakeholder, data: dict) -> int:
    contact = (
        ContactPerson.objects.select_for_update()
        .filter(stakeholder=stakeholder, name__iexact=data["name"])
        .first()
    )
    given = date.fromisoformat(data["consent_given_on"]) if data["consent_given_on"] else None
    values = {
        "function": data["function"],
        "email": data["email"],
        "phone": data["phone"],
        "consent_given_on": given,
        "consent_purpose": data["consent_purpose"],
    }
    if contact is None:
        ContactPerson.objects.create(stakeholder=stakeholder, name=data["name"], **values)
        return 1
    changed = [key for key, value in values.items() if getattr(contact, key) != value]
    if changed:
        if contact.consent_withdrawn_on and given and given > contact.consent_withdrawn_on:
            # A new consent after a withdrawal starts afresh.
            contact.consent_withdrawn_on = None
            changed.append("consent_withdrawn_on")
        for key in changed:
            setattr(contact, key, values.get(key, getattr(contact, key)))
        save_locked(contact, update_fields=changed)
        return 1
    return 0
