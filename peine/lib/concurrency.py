"""Optimistic locking: nobody overwrites a colleague's change without noticing."""

from django import forms
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class ConflictError(Exception):
    """Someone saved the record after this person loaded it."""

    message = _(
        "Someone else has changed this record since you opened it. Your entries have not "
        "been saved; they are still in the form below. Please open the record again in a "
        "new tab, compare, and transfer your changes."
    )

    def __str__(self):
        return str(self.message)


class VersionedModelForm(forms.ModelForm):
    """A model form that carries the version it was loaded with as a hidden field."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")

    def add_conflict_error(self) -> None:
        self.add_error(None, str(ConflictError.message))


def lock_versioned(model: type[models.Model], pk, expected_version: int | None) -> models.Model:
    """The row ``pk``, locked (SELECT ... FOR UPDATE) until the transaction ends, if it still
    has ``expected_version``; else ConflictError. A missing row raises ``model.DoesNotExist``.
    Call it inside ``transaction.atomic()``, and save the row with ``save_locked``.
    """
    row = model._default_manager.select_for_update().get(pk=pk)
    _check_version(row.version, expected_version)
    return row


def save_versioned(
    instance: models.Model,
    *,
    expected_version: int | None,
    update_fields: list[str] | None = None,
) -> models.Model:
    """Save ``instance`` if its row still has ``expected_version``; then bump the version.

    The row is locked (SELECT ... FOR UPDATE) so two saves at the same moment are ordered;
    the second finds the version moved on and gets ConflictError. Call it inside the
    caller's ``transaction.atomic()`` when more than the row itself is written. A new
    instance (no primary key yet) is simply saved, with its first version.
    """
    with transaction.atomic():
        if instance.pk is None:
            instance.save()
            return instance
        current = (
            type(instance)
            ._default_manager.select_for_update()
            .values_list("version", flat=True)
            .get(pk=instance.pk)
        )
        _check_version(current, expected_version)
        instance.version = current
        save_locked(instance, update_fields=update_fields)
    return instance


def save_locked(instance: models.Model, *, update_fields: list[str] | None = None) -> None:
    """Save a row this transaction holds locked (``select_for_update``, ``lock_versioned``)
    as its next version, so open forms of it are refused. ``update_fields`` are completed
    with ``version`` and, where the model has it, ``updated_at``.
    """
    instance.version += 1
    if update_fields is not None:
        update_fields = [*update_fields, "version"]
        if hasattr(instance, "updated_at"):
            update_fields.append("updated_at")
    instance.save(update_fields=update_fields)


def save_form_versioned(form: VersionedModelForm) -> models.Model:
    """Save a valid VersionedModelForm's instance and its many-to-many fields, refusing a
    stale edit with ConflictError (then nothing is written)."""
    with transaction.atomic():
        instance = form.save(commit=False)
        save_versioned(instance, expected_version=form.expected_version)
        form.save_m2m()
    return instance


def _check_version(current: int, expected: int | None) -> None:
    # A form without a version (tampered with, or older than the field) is no proof the
    # person saw the current state: refused like a stale one.
    if expected is None or current != expected:
        raise ConflictError
