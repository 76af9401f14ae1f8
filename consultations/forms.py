"""Forms of the consultation rounds: the round, the one-page interview log, findings, options."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from consultations import selectors
from consultations.models import ActionOption, ConsultationRound, Finding, Interview
from peine.lib.concurrency import VersionedModelForm
from peine.lib.picker import PickerChecklist, offer, ticked_ids
from peine.models import District, Sector
from peine.roles import Role, users_with_role
from stakeholders.models import ContactPerson, Stakeholder

# Long enough for a day of notes, short enough that nobody fills the database by accident.
MAX_TEXT = 50_000
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def text_field(
    label, *, rows: int, max_length: int = MAX_TEXT, required: bool = False, help_text=""
) -> forms.CharField:
    """A text of several lines (a text area of ``rows`` rows), optional unless ``required``."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


def _offered_stakeholders(interview):
    """Active stakeholders, plus archived ones the interview already names (so editing an
    old interview keeps them)."""
    offered = Q(active=True)
    if interview.pk:
        offered |= Q(pk__in=interview.stakeholders.values("pk"))
    return Stakeholder.objects.filter(offered).only("id", "name", "kind")


def clean_search_text(value: str, *, max_length: int = 100) -> str:
    """A search term without NUL, control characters or unpaired surrogates (which the
    database refuses), trimmed and cut to ``max_length``."""
    return "".join(ch for ch in value if ch >= " " and not "\ud800" <= ch <= "\udfff")[
        :max_length
    ].strip()


class RoundForm(VersionedModelForm):
    class Meta:
        model = ConsultationRound
        fields = ["title", "guiding_question", "starts_on", "ends_on", "sectors", "districts"]
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "sectors": forms.CheckboxSelectMultiple,
            "districts": forms.CheckboxSelectMultiple,
        }
        help_texts = {"guiding_question": _("For example: “Was wollen wir werden?”")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.filter(active=True)
        self.fields["districts"].queryset = District.objects.filter(active=True)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The round cannot end before it starts."))
        return cleaned


class EvaluationForm(VersionedModelForm):
    evaluation = text_field(
        _("evaluation"),
        rows=14,
        required=True,
        help_text=_(
            "What the round showed. It is released to the council: name no persons "
            "and quote no confidential notes."
        ),
    )

    class Meta:
        model = ConsultationRound
        fields = ["evaluation"]


def _check_date_in_round(form, field, day, consultation_round, *, allow_future):
    """Adds a German error to ``field`` when ``day`` is in the future or outside the round."""
    if day is None or consultation_round is None:
        return
    if not allow_future and day > timezone.localdate():
        form.add_error(field, _("The date lies in the future: log an interview after it was held."))
    elif not consultation_round.starts_on <= day <= consultation_round.ends_on:
        form.add_error(
            field,
            _("The date lies outside the round's period (%(start)s to %(end)s).")
            % {
                "start": date_format(consultation_round.starts_on, "SHORT_DATE_FORMAT"),
                "end": date_format(consultation_round.ends_on, "SHORT_DATE_FORMAT"),
            },
        )


def _officers():
    return users_with_role(Role.OFFICER).order_by("last_name", "first_name", "email")


class InterviewForm(VersionedModelForm):
    """The one-page log of a held interview (findings come as a formset beside it)."""

    more_stakeholders = False
    more_persons = False

    notes = text_field(
        _("confidential notes"),
        rows=12,
        help_text=_("Only the integration office reads these notes."),
    )
    summary = text_field(
        _("shareable summary"),
        rows=6,
        help_text=_("A summary without names that colleagues in the administration may read."),
    )

    class Meta:
        model = Interview
        fields = [
            "round",
            "held_on",
            "format",
            "stakeholders",
            "contact_persons",
            "interviewer",
            "district",
            "notes",
            "summary",
            "confidentiality",
        ]
        widgets = {
            "held_on": DATE_WIDGET,
            "stakeholders": PickerChecklist(source=selectors.INTERVIEW_STAKEHOLDERS),
            "contact_persons": PickerChecklist(
                source=selectors.INTERVIEW_PERSONS, within_list="id_stakeholders"
            ),
            "format": forms.RadioSelect,
            "confidentiality": forms.RadioSelect,
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        rounds = ConsultationRound.objects.exclude(status=ConsultationRound.Status.EVALUATED)
        if self.instance.pk:
            rounds = rounds | ConsultationRound.objects.filter(pk=self.instance.round_id)
        self.fields["round"].queryset = rounds.order_by("-starts_on")
        self.fields["round"].empty_label = None
        self.fields["stakeholders"].queryset = _offered_stakeholders(self.instance)
        linked_people = (
            self.instance.contact_persons.values("pk")
            if self.instance.pk
            else ContactPerson.objects.none()
        )
        self.fields["contact_persons"].queryset = (
            ContactPerson.objects.filter(
                Q(consent_given_on__isnull=False, consent_withdrawn_on__isnull=True)
                | Q(pk__in=linked_people)
            )
            .select_related("stakeholder")
            .only("id", "name", "stakeholder__id", "stakeholder__name")
            .order_by("stakeholder__name", "name")
        )
        self.fields["interviewer"].queryset = _officers()
        self.fields["district"].queryset = District.objects.filter(active=True)
        self.fields["district"].empty_label = "—"
        if not self.instance.pk and not self.is_bound:
            running = (
                ConsultationRound.objects.filter(status=ConsultationRound.Status.RUNNING)
                .order_by("-starts_on")
                .first()
            )
            # A new instance's model_to_dict gives None for each field: fill those in.
            if running and not self.initial.get("round"):
                self.initial["round"] = running.pk
            if not self.initial.get("held_on"):
                self.initial["held_on"] = timezone.localdate()
            if user is not None and not self.initial.get("interviewer"):
                self.initial["interviewer"] = user.pk

    def offer_choices(self, query: str = "") -> None:
        """Bounded checklists: the page lists those already ticked plus at most a screenful
        of matches of ``query`` (stakeholders) or of the ticked stakeholders (persons).

        Validation still accepts every active stakeholder and every consenting person; only
        what is sent to the browser is bounded. Four queries at most, whatever the size of
        the register.
        """
        chosen, self.more_stakeholders = offer(self, "stakeholders", text=query)
        self.more_persons = offer(self, "contact_persons", within=chosen)[1]

    def clean(self):
        cleaned = super().clean()
        _check_date_in_round(
            self, "held_on", cleaned.get("held_on"), cleaned.get("round"), allow_future=False
        )
        stakeholders = cleaned.get("stakeholders")
        persons = cleaned.get("contact_persons")
        if stakeholders is not None and persons:
            chosen = {s.pk for s in stakeholders}
            strangers = [p.name for p in persons if p.stakeholder_id not in chosen]
            if strangers:
                self.add_error(
                    "contact_persons",
                    _("Only persons of the chosen stakeholders can be present: %(names)s")
                    % {"names": ", ".join(strangers)},
                )
        return cleaned


class PlanInterviewForm(forms.ModelForm):
    """A planned conversation: who, roughly when, who interviews."""

    class Meta:
        model = Interview
        fields = ["held_on", "format", "stakeholders", "interviewer", "district"]
        labels = {"held_on": _("planned date")}
        widgets = {
            "held_on": DATE_WIDGET,
            "stakeholders": PickerChecklist(source=selectors.INTERVIEW_STAKEHOLDERS),
        }

    def __init__(self, *args, consultation_round, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation_round = consultation_round
        self.fields["stakeholders"].queryset = _offered_stakeholders(self.instance)
        self.fields["interviewer"].queryset = _officers()
        self.fields["district"].queryset = District.objects.filter(active=True)
        if user is not None and not self.is_bound and not self.initial.get("interviewer"):
            self.initial["interviewer"] = user.pk

    more_stakeholders = False

    def offer_choices(self, query: str = "") -> None:
        """Bounded stakeholder checklist, as in the interview form."""
        self.more_stakeholders = offer(self, "stakeholders", text=query)[1]

    def clean(self):
        cleaned = super().clean()
        _check_date_in_round(
            self, "held_on", cleaned.get("held_on"), self.consultation_round, allow_future=True
        )
        return cleaned


class FindingForm(forms.ModelForm):
    statement = forms.CharField(
        label=_("statement"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anonymised: name no person."),
    )
    assessment = forms.CharField(
        label=_("assessment"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Finding
        fields = ["statement", "sector", "district", "kind", "assessment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(active=True)
        self.fields["district"].queryset = District.objects.filter(active=True)


class BaseFindingFormSet(forms.BaseInlineFormSet):
    """Findings typed inline with the interview; fully empty rows are ignored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The taxonomy choices are the same for every row: load them once.
        sectors = list(Sector.objects.filter(active=True))
        districts = list(District.objects.filter(active=True))
        for form in [*self.forms, self.empty_form]:
            form.fields["sector"].choices = [("", "---------")] + [(s.pk, s.name) for s in sectors]
            form.fields["district"].choices = [("", "---------")] + [
                (d.pk, d.name) for d in districts
            ]


FindingFormSet = forms.inlineformset_factory(
    Interview,
    Finding,
    form=FindingForm,
    formset=BaseFindingFormSet,
    extra=2,
    can_delete=True,
    max_num=100,
    validate_max=True,
)


class ActionOptionForm(VersionedModelForm):
    description = text_field(_("description"), rows=6)

    class Meta:
        model = ActionOption
        fields = ["title", "description", "sectors", "findings"]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "findings": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, consultation_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.filter(active=True)
        self.fields["findings"].queryset = (
            Finding.objects.filter(round=consultation_round)
            .select_related("sector")
            .only("id", "statement", "kind", "sector__name", "sector__position")
        )
        self.fields["findings"].label_from_instance = lambda f: (
            f"{f.sector.name} · {f.get_kind_display()}: {f.statement[:160]}"
        )
        self._offer_findings()

    # The checkboxes offer the ticked findings plus this many more of the round; a round
    # holds thousands, linked from the findings board (any finding of the round validates).
    findings_offered = 50
    more_findings = False

    def _offer_findings(self) -> None:
        field = self.fields["findings"]
        if self.is_bound:
            chosen = ticked_ids(self, "findings")
        else:
            initial = self.initial.get("findings") or []
            chosen = [int(v) for v in map(str, initial) if v.isdecimal() and len(v) < 19][:500]
            if self.instance.pk:
                chosen += list(self.instance.findings.values_list("pk", flat=True)[:500])
        ordered = field.queryset.order_by("sector__position", "kind", "id")
        ticked = list(ordered.filter(pk__in=chosen)) if chosen else []
        others = list(ordered.exclude(pk__in=chosen)[: self.findings_offered + 1])
        self.more_findings = len(others) > self.findings_offered
        field.widget.choices = [
            (row.pk, field.label_from_instance(row))
            for row in ticked + others[: self.findings_offered]
        ]


class LinkFindingsForm(forms.Form):
    """From the findings board: link the ticked findings to one option."""

    option = forms.ModelChoiceField(label=_("option for action"), queryset=None)
    findings = forms.ModelMultipleChoiceField(
        label=_("findings"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, consultation_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = ActionOption.objects.filter(round=consultation_round)
        self.fields["findings"].queryset = Finding.objects.filter(round=consultation_round)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search term"), max_length=200, required=False)


class InterviewDeleteForm(forms.Form):
    """Deleting an interview: the officer decides what becomes of its findings."""

    KEEP, DELETE = "keep", "delete"
    findings = forms.ChoiceField(
        label=_("What should happen to its findings?"),
        choices=[
            (KEEP, _("Keep them, marked “source deleted” (they name nobody)")),
            (DELETE, _("Delete them too")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what should happen to the findings.")},
    )


class SummaryReleaseForm(forms.Form):
    """The release: statements of interviews not marked releasable are counted, not quoted,
    unless the officer releases them here one by one."""

    release_findings = forms.ModelMultipleChoiceField(
        label=_("Also release these statements word for word"),
        help_text=_(
            "Statements of interviews marked releasable are quoted anyway. Tick a statement "
            "only if it names no person and nothing that was said in confidence."
        ),
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, consultation_round, **kwargs):
        from consultations.selectors import release_candidates

        super().__init__(*args, **kwargs)
        field = self.fields["release_findings"]
        field.queryset = release_candidates(consultation_round)
        field.label_from_instance = lambda finding: (
            f"{finding.sector.name} · {finding.get_kind_display()}: {finding.statement}"
        )
