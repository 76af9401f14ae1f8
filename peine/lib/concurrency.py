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


def save_versioned(
    instance: models.Model,
    *,
    expected_version: int | None,
    update_fields: list[str] | None = None,
) -> models.Model:
    """Save ``instance`` if its row still has ``expected_version``; then bump the version.

    The row is locked (SELECT ... FOR UPDATE) so two saves at the same moment are ordered;
    the second finds the version moved on and gets ConflictError. Call it inside the
    caller's ``transaction.atomic()`` when more than the row itself is written.
    """
    model = type(instance)
    with transaction.atomic():
        if instance.pk is not None:
            current = (
                model.objects.select_for_update()
                .values_list("version", flat=True)
                .get(pk=instance.pk)
            )
            if expected_version is None or current != expected_version:
                raise ConflictError
            instance.version = current + 1
        if update_fields is not None:
            update_fields = [*update_fields, "version"]
            if hasattr(instance, "updated_at"):
                update_fields.append("updated_at")
        instance.save(update_fields=update_fields)
    return instance
