"""Forms of the measures app. Limits here keep huge or wrong input a form error, not a 500."""

import re
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from analysis.models import Dynamic
from consultations.forms import text_field
from consultations.models import ActionOption
from measures.models import (
    BudgetLine,
    Expenditure,
    Indicator,
    Measure,
    MeasureEffect,
    ProgressEntry,
)
from measures.selectors import OPTION_PICKER
from measures.services import CORRECTION_REASON_MAX
from peine.lib.concurrency import VersionedModelForm
from peine.lib.picker import PickerField, PickerMultipleField
from peine.models import District, FundingSource, Goal, Sector, TargetGroup
from stakeholders.models import Stakeholder
from stakeholders.selectors import STAKEHOLDER_PICKER

DESCRIPTION_MAX = 20_000
MAX_AMOUNT = Decimal("9999999999.99")  # max_digits=12, decimal_places=2
MAX_FIGURE = Decimal("9999999999.99")
NONE_CHOSEN = _("– none –")
PLEASE_CHOOSE = _("– please choose –")
OPTION_NOT_OPEN = _(
    "This option for action cannot be chosen: it is not open (any more). Please type part "
    "of the title of an open option."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


_GROUPED = {"de": re.compile(r"^-?\d{1,3}(\.\d{3})+$"), "en": re.compile(r"^-?\d{1,3}(,\d{3})+$")}


class LocalDecimalField(forms.DecimalField):
    """A number as people type it: "12.500,50" or "12500,5" in German, "12,500.50" in English.

    Django only strips thousands separators when USE_THOUSAND_SEPARATOR is on; money
    typed with them would otherwise be refused (or, worse, "12.500" read as 12.5).
    """

    def to_python(self, value):
        if isinstance(value, str):
            value = self._normalise(value)
        return super().to_python(value)

    @staticmethod
    def _normalise(text: str) -> str:
        text = re.sub(r"[\s\u00a0\u202f€]", "", text)
        german = (get_language() or "de").startswith("de")
        decimal_sep, group_sep = (",", ".") if german else (".", ",")
        if decimal_sep in text:
            text = text.replace(group_sep, "")
        elif _GROUPED["de" if german else "en"].match(text):
            return text.replace(group_sep, "")
        # Django's localisation turns the decimal separator into a point afterwards.
        return text


def _money_field(label, *, min_value=Decimal("0")) -> forms.DecimalField:
    return LocalDecimalField(
        label=label,
        min_value=min_value,
        max_value=MAX_AMOUNT,
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def _figure_field(label, **options) -> forms.DecimalField:
    """A figure of an indicator (baseline, target, a measured value); may be negative."""
    return LocalDecimalField(
        label=label,
        max_value=MAX_FIGURE,
        min_value=-MAX_FIGURE,
        decimal_places=2,
        max_digits=12,
        localize=True,
        **options,
    )


def _active_or(keep):
    """Active stakeholders, and ``keep`` (an id or a subquery of ids) even if archived."""
    if keep is None:
        return Stakeholder.objects.filter(active=True).only("id", "name")
    keep = [keep] if isinstance(keep, int) else keep
    return Stakeholder.objects.filter(Q(active=True) | Q(pk__in=keep)).only("id", "name")


class MeasureForm(VersionedModelForm):
    title = forms.CharField(label=_("title"), max_length=300)
    description = text_field(_("description"), rows=8, max_length=DESCRIPTION_MAX)

    class Meta:
        model = Measure
        fields = [
            "title",
            "description",
            "sectors",
            "target_groups",
            "districts",
            "lead",
            "partners",
            "goal",
            "origin_option",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "districts": forms.CheckboxSelectMultiple,
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.filter(active=True)
        self.fields["target_groups"].queryset = TargetGroup.objects.filter(active=True)
        self.fields["districts"].queryset = District.objects.filter(active=True)
        # Pickers, not a <select> of the whole register; archived stakeholders cannot be
        # chosen anew, but one chosen before stays valid.
        self.fields["lead"] = PickerField(
            _active_or(self.instance.lead_id),
            source=STAKEHOLDER_PICKER,
            params={"active": 1},
            label=self.fields["lead"].label,
            required=False,
        )
        self.fields["partners"] = PickerMultipleField(
            _active_or(self.instance.partners.values("pk") if self.instance.pk else None),
            source=STAKEHOLDER_PICKER,
            params={"active": 1},
            label=self.fields["partners"].label,
            required=False,
        )
        self.fields["goal"].queryset = Goal.objects.filter(active=True)
        self.fields["goal"].empty_label = NONE_CHOSEN
        # A picker, not a <select> of every open option of every round: only open options
        # can be chosen, and the one set before stays valid.
        options = Q(status=ActionOption.Status.OPEN)
        if self.instance.origin_option_id:
            options |= Q(pk=self.instance.origin_option_id)
        self.fields["origin_option"] = PickerField(
            ActionOption.objects.filter(options).select_related("round"),
            source=OPTION_PICKER,
            label=self.fields["origin_option"].label,
            required=False,
            error_messages={"invalid_choice": OPTION_NOT_OPEN},
        )

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end must not be before the start."))
        lead, partners = cleaned.get("lead"), cleaned.get("partners")
        if lead and partners and lead in partners:
            self.add_error("partners", _("The lead stakeholder cannot also be a partner."))
        return cleaned


class BudgetLineForm(forms.ModelForm):
    amount = _money_field(_("amount (EUR)"))

    class Meta:
        model = BudgetLine
        fields = ["funding_source", "amount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funding_source"].queryset = FundingSource.objects.filter(active=True)
        self.fields["funding_source"].empty_label = PLEASE_CHOOSE


BudgetLineFormSet = forms.inlineformset_factory(
    Measure,
    BudgetLine,
    form=BudgetLineForm,
    extra=2,
    max_num=20,
    validate_max=True,
    can_delete=True,
)


class TransitionForm(forms.Form):
    """The decision form: the action comes from the button, the reason from the text."""

    action = forms.ChoiceField(choices=[], widget=forms.HiddenInput)
    expected_status = forms.ChoiceField(choices=Measure.Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required when you request changes or reject. Only the administration reads it."
        ),
    )

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(action, action) for action in actions]


class IndicatorForm(forms.ModelForm):
    name = forms.CharField(label=_("name"), max_length=200)
    unit = forms.CharField(label=_("unit"), max_length=50)
    baseline = _figure_field(_("baseline"), initial=Decimal("0"))
    target = _figure_field(_("target"))

    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target"]


class ProgressEntryForm(forms.ModelForm):
    value = _figure_field(_("value"))
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    class Meta:
        model = ProgressEntry
        fields = ["recorded_on", "value", "note"]
        widgets = {"recorded_on": DateInput()}

    def clean_recorded_on(self):
        recorded_on = self.cleaned_data["recorded_on"]
        if recorded_on > timezone.localdate():
            raise forms.ValidationError(_("The date must not be in the future."))
        return recorded_on


class ExpenditureForm(forms.ModelForm):
    amount = _money_field(_("amount (EUR)"), min_value=Decimal("0.01"))
    description = forms.CharField(label=_("description"), max_length=300, required=False)

    class Meta:
        model = Expenditure
        fields = ["funding_source", "spent_on", "amount", "description"]
        widgets = {"spent_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funding_source"].queryset = FundingSource.objects.filter(active=True)
        self.fields["funding_source"].empty_label = PLEASE_CHOOSE


# --- corrections by the reviewer ------------------------------------------------------


def _reason_field(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=CORRECTION_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The reason appears in the measure's change history."),
        error_messages={"required": _("Please say why you correct or remove this entry.")},
    )


class _CorrectionMixin:
    """The version the person saw (optimistic locking) and the reason of the change."""

    def _remember_version(self):
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")


class ProgressEntryCorrectionForm(_CorrectionMixin, ProgressEntryForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = _reason_field(_("Reason for the correction"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._remember_version()


class ExpenditureCorrectionForm(_CorrectionMixin, ExpenditureForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = _reason_field(_("Reason for the correction"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A source that was retired since stays choosable for the entry that uses it.
            self.fields["funding_source"].queryset = FundingSource.objects.filter(
                Q(active=True) | Q(pk=self.instance.funding_source_id)
            )
        self._remember_version()


class RemovalForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = _reason_field(_("Reason for the removal"))


# --- effects on dynamics --------------------------------------------------------------

DYNAMICS_IN_SELECT = 200
DYNAMICS_FOUND = 20


class DynamicSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a dynamic by its title"), required=False, max_length=100)


class MeasureEffectForm(forms.Form):
    """Which dynamic the measure acts on, and how. The select lists at most
    ``DYNAMICS_IN_SELECT`` dynamics (or the ``DYNAMICS_FOUND`` that match a search);
    any existing dynamic is accepted."""

    dynamic = forms.ModelChoiceField(
        label=_("dynamic"), queryset=Dynamic.objects.none(), empty_label=PLEASE_CHOOSE
    )
    effect = forms.ChoiceField(
        label=_("effect"),
        choices=MeasureEffect._meta.get_field("effect").choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("note"),
        max_length=300,
        required=False,
        help_text=_("In one sentence: how the measure acts on the dynamic."),
    )

    def __init__(self, *args, shown, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["dynamic"]
        field.queryset = Dynamic.objects.only("id", "title")
        choices = [("", PLEASE_CHOOSE), *((d.pk, d.title) for d in shown)]
        picked = self.data.get("dynamic") if self.is_bound else None
        if picked and picked not in {str(d.pk) for d in shown} and str(picked).isdecimal():
            extra = Dynamic.objects.filter(pk=int(picked)).only("id", "title").first()
            if extra is not None:
                choices.append((extra.pk, extra.title))
        field.widget.choices = choices
