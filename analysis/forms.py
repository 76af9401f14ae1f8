"""Forms of the analysis: dynamics, influences, workshops, links and the review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from analysis.models import Dynamic, Effect, Influence, Priority, Workshop
from analysis.selectors import DYNAMIC_PICKER, ROUND_PICKER
from consultations.forms import DATE_WIDGET, clean_search_text, text_field
from consultations.models import ActionOption, ConsultationRound, Finding
from peine.lib.concurrency import VersionedModelForm
from peine.lib.picker import PickerField
from peine.models import Sector
from stakeholders.models import Stakeholder

FINDING_CHOICES = 60  # findings offered to trace an influence: those of its two dynamics


def finding_label(finding: Finding) -> str:
    return f"{finding.sector.name} · {finding.get_kind_display()}: {finding.statement[:160]}"


class DynamicForm(VersionedModelForm):
    description = text_field(
        _("description"),
        rows=4,
        help_text=_("A few sentences: what changes, for whom, and where it shows."),
    )

    class Meta:
        model = Dynamic
        fields = ["title", "description", "sectors"]
        widgets = {"sectors": forms.CheckboxSelectMultiple}
        help_texts = {"title": _("For example: “Rückzug in eigene Vereinsstrukturen”.")}
        error_messages = {
            "title": {"unique": _("A dynamic with this title exists already.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.filter(active=True)


class FindingIdsForm(forms.Form):
    """Ticked findings (ids) to assign to a dynamic."""

    findings = forms.ModelMultipleChoiceField(
        label=_("findings"),
        queryset=Finding.objects.all(),
        error_messages={"required": _("Tick at least one finding.")},
    )


class FindingForm(forms.Form):
    finding = forms.ModelChoiceField(label=_("finding"), queryset=Finding.objects.all())


class InfluenceForm(forms.ModelForm):
    class Meta:
        model = Influence
        fields = ["source", "target", "effect", "strength", "reason", "findings"]
        widgets = {
            "effect": forms.RadioSelect,
            "strength": forms.Select(choices=[(1, "1"), (2, "2"), (3, "3")]),
            "findings": forms.CheckboxSelectMultiple,
        }
        labels = {"source": _("This dynamic"), "target": _("acts on this dynamic")}
        help_texts = {
            "strength": _("1 = weak, 3 = strong."),
            "reason": _("One sentence: why the one acts on the other."),
            "findings": _("The findings that show it (those of the two dynamics)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Pickers, not a <select> of every dynamic (thousands over the years).
        for name in ("source", "target"):
            self.fields[name] = PickerField(
                Dynamic.objects.only("id", "title"),
                source=DYNAMIC_PICKER,
                label=self.fields[name].label,
                help_text=self.fields[name].help_text,
            )
        self.fields["strength"].widget = forms.Select(choices=[(1, "1"), (2, "2"), (3, "3")])
        ids = [self._value("source"), self._value("target")]
        self.fields["findings"].queryset = (
            Finding.objects.filter(dynamics__in=[pk for pk in ids if pk])
            .distinct()
            .select_related("sector")
            .order_by("sector__position", "kind", "id")
        )
        choices = list(self.fields["findings"].queryset[:FINDING_CHOICES])
        ticked = self.instance.findings.all() if self.instance.pk else []
        field = self.fields["findings"]
        field.label_from_instance = finding_label
        field.widget.choices = [
            (finding.pk, finding_label(finding)) for finding in {*choices, *ticked}
        ]

    def _value(self, name):
        if self.is_bound:
            value = self.data.get(name, "")
        else:
            value = self.initial.get(name) or getattr(self.instance, f"{name}_id", None) or ""
        value = str(getattr(value, "pk", value))
        return int(value) if value.isdecimal() and len(value) < 10 else None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") and cleaned.get("source") == cleaned.get("target"):
            self.add_error("target", _("A dynamic cannot act on itself; choose another one."))
        return cleaned


class EffectForm(forms.Form):
    effect = forms.ChoiceField(label=_("effect"), choices=Effect.choices)


class OptionLinkForm(EffectForm):
    option = forms.ModelChoiceField(
        label=_("option for action"),
        queryset=ActionOption.objects.exclude(status=ActionOption.Status.DISCARDED),
    )


class ActorForm(EffectForm):
    stakeholder = forms.ModelChoiceField(
        label=_("stakeholder"), queryset=Stakeholder.objects.filter(active=True)
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def clean_q(self):
        return clean_search_text(self.cleaned_data["q"])


class WorkshopForm(VersionedModelForm):
    class Meta:
        model = Workshop
        fields = ["title", "held_on", "place", "round"]
        widgets = {"held_on": DATE_WIDGET}
        help_texts = {
            "place": _("For example: Forum Peine, Ratssaal."),
            "round": _("The round whose options the workshop works on (optional)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"] = PickerField(
            ConsultationRound.objects.only("id", "title"),
            source=ROUND_PICKER,
            label=self.fields["round"].label,
            help_text=self.fields["round"].help_text,
            required=False,
        )


class ParticipantsForm(forms.Form):
    stakeholders = forms.ModelMultipleChoiceField(
        label=_("stakeholders"),
        queryset=Stakeholder.objects.filter(active=True),
        error_messages={"required": _("Tick at least one stakeholder.")},
    )


class StakeholderForm(forms.Form):
    stakeholder = forms.ModelChoiceField(label=_("stakeholder"), queryset=Stakeholder.objects.all())


class WorkshopOptionForm(forms.Form):
    option = forms.ModelChoiceField(
        label=_("option for action"),
        queryset=ActionOption.objects.exclude(status=ActionOption.Status.DISCARDED),
    )
    priority = forms.TypedChoiceField(
        label=_("priority"), choices=Priority.choices, coerce=int, initial=Priority.MEDIUM
    )


def _round_picker(label) -> PickerField:
    return PickerField(
        ConsultationRound.objects.only("id", "title"), source=ROUND_PICKER, label=label
    )


class CompareForm(forms.Form):
    """Two rounds, each chosen with the round picker; unbound, the two latest rounds."""

    later = _round_picker(_("this round"))
    earlier = _round_picker(_("compared with the earlier round"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            rounds = ConsultationRound.objects.order_by("-starts_on", "-id")
            latest = list(rounds.values_list("pk", flat=True)[:2])
            if len(latest) == 2:
                self.initial.setdefault("later", latest[0])
                self.initial.setdefault("earlier", latest[1])

    def clean(self):
        cleaned = super().clean()
        later, earlier = cleaned.get("later"), cleaned.get("earlier")
        if later and earlier and later == earlier:
            self.add_error("earlier", _("Choose a different round to compare with."))
        return cleaned
