from django import forms
from django.utils.translation import gettext_lazy as _

from peine.lib.concurrency import VersionedModelForm
from peine.lib.picker import PickerField
from peine.lib.uploads import MAX_UPLOAD_BYTES
from peine.models import District, Sector
from stakeholders.models import ContactPerson, Relationship, Stakeholder
from stakeholders.selectors import STAKEHOLDER_PICKER, stakeholder_queryset
from stakeholders.services import validate_unique_name

MAX_TEXT = 10_000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StakeholderForm(VersionedModelForm):
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts"),
        queryset=District.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    influence = forms.TypedChoiceField(
        label=_("Influence"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        help_text=_("1 (low) to 5 (high)"),
    )
    interest = forms.TypedChoiceField(
        label=_("Interest"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        help_text=_("1 (low) to 5 (high)"),
    )

    class Meta:
        model = Stakeholder
        fields = Stakeholder.EDITABLE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 5, "maxlength": MAX_TEXT})}

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please enter a name."))
        validate_unique_name(name, exclude_pk=self.instance.pk)
        return name

    def clean_description(self):
        description = self.cleaned_data["description"]
        if len(description) > MAX_TEXT:
            raise forms.ValidationError(
                _("Please shorten the description to at most %(max)d characters.")
                % {"max": MAX_TEXT}
            )
        return description

    def validate_unique(self):
        # The name is checked case-insensitively in clean_name.
        pass

    def validate_constraints(self):
        # influence and interest are choices 1-5; the database constraints stay as guards.
        pass


class ContactPersonForm(VersionedModelForm):
    class Meta:
        model = ContactPerson
        fields = ContactPerson.EDITABLE_FIELDS
        widgets = {
            "consent_given_on": DateInput(),
            "consent_withdrawn_on": DateInput(),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        allowed = set("0123456789 +-/()")
        if phone and (not set(phone) <= allowed or not any(c.isdigit() for c in phone)):
            raise forms.ValidationError(
                _("Please enter a phone number with digits, spaces, + - / ( ) only.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        given = cleaned.get("consent_given_on")
        withdrawn = cleaned.get("consent_withdrawn_on")
        if withdrawn and not given:
            self.add_error(
                "consent_withdrawn_on",
                _("Consent can only be withdrawn after it was given; enter the date it was given."),
            )
        elif withdrawn and given and withdrawn < given:
            self.add_error(
                "consent_withdrawn_on",
                _("The withdrawal cannot be earlier than the date consent was given."),
            )
        if given and not cleaned.get("consent_purpose"):
            self.add_error("consent_purpose", _("Please state what the consent covers."))
        return cleaned

    def validate_constraints(self):
        # clean() checks the consent dates with German messages; the database constraint
        # stays as the last guard.
        pass


class RelationshipForm(forms.ModelForm):
    target = PickerField(
        Stakeholder.objects.none(), source=STAKEHOLDER_PICKER, label=_("Other stakeholder")
    )

    class Meta:
        model = Relationship
        fields = ["kind", "target", "since", "note"]
        widgets = {"since": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, source: Stakeholder, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.fields["target"].queryset = stakeholder_queryset(active_only=False).exclude(
            pk=source.pk
        )

    def clean(self):
        cleaned = super().clean()
        target, kind = cleaned.get("target"), cleaned.get("kind")
        if (
            target
            and kind
            and Relationship.objects.filter(source=self.source, target=target, kind=kind).exists()
        ):
            self.add_error("target", _("This relationship has already been recorded."))
        return cleaned

    def validate_unique(self):
        pass

    def validate_constraints(self):
        # The duplicate is checked in clean() (source is not a form field).
        pass


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("At most 2 MB and 2,000 rows. Use the template for the column names."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Please upload a .csv or .xlsx file."))
        return upload
