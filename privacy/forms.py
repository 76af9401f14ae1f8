from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.models import AccessRequest

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _file_number_field() -> forms.CharField:
    """The office's file number of a request (access or erasure)."""
    return forms.CharField(
        label=_("File number"),
        max_length=60,
        required=False,
        help_text=_("The office's file number of the request; never the person's name."),
    )


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name or e-mail address of the person"),
        min_length=3,
        max_length=200,
        error_messages={
            "required": _("Enter the person's name or e-mail address."),
            "min_length": _("Enter at least 3 characters."),
        },
    )


class ExportForm(PersonSearchForm):
    received_on = forms.DateField(
        label=_("Request received on"),
        widget=DATE,
        initial=timezone.localdate,
        error_messages={"required": _("Enter the date the request was received.")},
    )
    reference = _file_number_field()
    format = forms.ChoiceField(
        label=_("File"),
        choices=AccessRequest.Format.choices,
        initial=AccessRequest.Format.PDF,
        widget=forms.RadioSelect,
    )

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date lies in the future."))
        return value


class EraseForm(PersonSearchForm):
    reference = _file_number_field()
    confirm = forms.BooleanField(
        label=_("I have checked the preview: erase the person and redact the ticked places."),
        error_messages={"required": _("Confirm that you have checked the preview.")},
    )


class ReadLogFilterForm(forms.Form):
    user = forms.CharField(label=_("Read by (e-mail)"), max_length=200, required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("Until"), required=False, widget=DATE)
