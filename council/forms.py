from django import forms
from django.utils.translation import gettext_lazy as _

from council.models import ReportEdition


class EditionForm(forms.Form):
    kind = forms.ChoiceField(choices=ReportEdition.Kind.choices, widget=forms.HiddenInput)
    subject = forms.CharField(max_length=80, required=False, widget=forms.HiddenInput)
    meeting_date = forms.DateField(
        label=_("Date of the council meeting"),
        help_text=_("For example 12.03.2027. The edition is shown as “as of” this date."),
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
