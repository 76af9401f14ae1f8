"""A search-as-you-type picker for choice fields over large tables (stakeholders, ...).

A ``<select>`` of every stakeholder is 100,000 options at scale: megabytes per page and
unusable for a person. The picker sends only what is chosen, plus at most ``LIMIT``
matches, and works without JavaScript:

- Without JavaScript the person types part of a name and submits the form. The field
  resolves the text on the server: a unique match (or an exact name) is taken; several
  matches come back as a short list of radio buttons (checkboxes for several values) with
  the text kept, and the person ticks one and submits again.
- With JavaScript (``static/js/picker.js``) typing asks the source's endpoint
  (``search_view``) for at most ``LIMIT`` matches and shows them as an accessible listbox
  (combobox pattern); choosing one ticks it in the same radio/checkbox group.

Use: ``PickerField(source=SOURCE)`` / ``PickerMultipleField(source=SOURCE)`` in a form, or
``PickerFilter(source=SOURCE)`` in a django-filter FilterSet; a ``PickerSource`` names the
model, the label field, the endpoint's URL name and the capability to search.

Where a person ticks several rows from a short list (the stakeholders of an interview and
the persons present), the same source feeds a checklist instead: ``PickerChecklist`` on a
multiple choice field shows the ticked rows and at most ``LIMIT`` matches as checkboxes
(``offer``). Without JavaScript a search button beside it sends the form back with the
matches of the typed text; with it, typing fetches them from the source's endpoint, and a
checklist narrowed by another (``PickerSource.within``: the persons of the ticked
stakeholders) follows that one's ticks.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from peine.roles import Capability, guard

LIMIT = 20  # a screenful of matches
MAX_TEXT = 200
MAX_IDS = 500  # ids a request may name (ticked rows, the rows a checklist is narrowed to)


@dataclass(frozen=True)
class PickerSource:
    """Where a picker searches: ``queryset()`` gives the rows (only id and label needed),
    ``label`` the field shown and searched (part of the text, case-insensitive: a trigram
    index on it keeps that fast), ``url_name`` the JSON endpoint, ``capability`` who may
    ask it (see peine.roles)."""

    queryset: Callable
    url_name: str
    capability: Capability
    label: str = "name"
    filters: dict[str, Callable] = field(default_factory=dict)  # ?<key>=1 narrows the JSON
    # A related field shown after the label, to tell rows of the same name apart
    # ("round__title": "Sprachcafé (Gesprächsrunde 2026)"); it is not searched.
    detail: str = ""
    # A checklist's first screen: an empty text lists the first rows instead of none.
    browse: bool = False
    # A foreign key the rows are narrowed to, by the ids of ``?<within>=`` (repeated): the
    # persons of the ticked stakeholders. Without such ids nothing is found.
    within: str = ""
    ordering: tuple[str, ...] = ()  # the order of the matches; by label when empty
    limit: int = LIMIT
    # What a checklist announces after a search (``message(count, more)``), in the JSON.
    message: Callable[[int, bool], str] | None = None

    @property
    def order(self) -> tuple[str, ...]:
        return self.ordering or (self.label, "pk")

    def load(self, queryset):
        """``queryset`` with only what a label needs (one query, the detail joined)."""
        if not self.detail:
            return queryset.only("pk", self.label)
        relation = self.detail.rsplit("__", 1)[0]
        return queryset.select_related(relation).only("pk", self.label, self.detail)

    def search(
        self, text: str, queryset=None, limit: int | None = None, *, exclude=(), within=None
    ) -> tuple[list, bool]:
        """At most ``limit`` rows whose label contains ``text``, exact matches first,
        leaving out the ids ``exclude`` (and narrowed to the ids ``within``, see
        ``within``); ``True`` when there are more (one query, ``limit + 1`` rows, none when
        nothing can match)."""
        queryset = self.queryset() if queryset is None else queryset
        limit = self.limit if limit is None else limit
        text = text.strip()[:MAX_TEXT]
        if (not text and not self.browse) or (self.within and not within):
            return [], False
        if self.within:
            queryset = queryset.filter(**{f"{self.within}__in": list(within)})
        if text:
            queryset = queryset.filter(**{f"{self.label}__icontains": text})
        if exclude:
            queryset = queryset.exclude(pk__in=list(exclude))
        rows = list(self.load(queryset).order_by(*self.order)[: limit + 1])
        exact = [row for row in rows if self.name_of(row).casefold() == text.casefold()]
        rows = exact + [row for row in rows if row not in exact]
        return rows[:limit], len(rows) > limit

    def name_of(self, obj) -> str:
        """The searched field alone."""
        return str(getattr(obj, self.label))

    def label_of(self, obj) -> str:
        """What a person reads: the name, and the detail where the source has one."""
        value = obj
        for part in self.detail.split("__") if self.detail else ():
            value = getattr(value, part, None)
        name = self.name_of(obj)
        return f"{name} ({value})" if self.detail and value not in (None, "") else name

    def result(self, obj) -> dict:
        """One match as the endpoint sends it; with ``within``, the row it belongs to."""
        row = {"id": obj.pk, "label": self.label_of(obj)}
        if self.within:
            row[self.within] = obj.serializable_value(self.within)
        return row


def ids_of(values) -> list[int]:
    """Ids from query or form parameters; anything that is not a plain number is left out."""
    if values is None or isinstance(values, (str, int)):
        values = [] if values is None else [values]
    return [int(v) for v in list(values)[:MAX_IDS] if str(v).isdecimal() and len(str(v)) < 19]


@dataclass
class PickerValue:
    """What the browser sent: the ticked ids and the typed text."""

    ids: list[str]
    text: str = ""


class PickerWidget(forms.Widget):
    template_name = "includes/picker.html"

    def __init__(self, *, source: PickerSource, multiple: bool = False, params=None, attrs=None):
        super().__init__(attrs)
        self.source = source
        self.multiple = multiple
        self.params = params or {}  # extra query parameters for the endpoint (?active=1)
        self.queryset = None  # set by the field; narrows the chosen rows shown
        self.candidates: list = []  # set by the field when the typed text was ambiguous
        self.resolved: list = []  # set by the field when the typed text named a row

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.candidates = []
        copy.resolved = []
        return copy

    def value_from_datadict(self, data, files, name):
        ids = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        if isinstance(ids, (str, int)):
            ids = [ids]
        return PickerValue(
            ids=[str(i) for i in ids if str(i).strip()][:LIMIT],
            text=str(data.get(f"{name}_q", ""))[:MAX_TEXT],
        )

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_q" not in data

    def _chosen(self, value) -> tuple[list, str]:
        if isinstance(value, PickerValue):
            ids, text = value.ids, value.text
        elif value in (None, ""):
            ids, text = [], ""
        elif isinstance(value, (list, tuple, set)) or hasattr(value, "__iter__"):
            ids, text = [getattr(v, "pk", v) for v in value], ""
        else:
            ids, text = [getattr(value, "pk", value)], ""
        ids = [int(i) for i in ids if str(i).isdigit()][:LIMIT]
        if not ids:
            return [], text
        base = self.queryset if self.queryset is not None else self.source.queryset()
        rows = self.source.load(base.filter(pk__in=ids)).order_by(self.source.label)
        return list(rows), text

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen, text = self._chosen(value)
        if self.resolved:  # the typed text named a row: show it ticked
            chosen = self.resolved if not self.multiple else chosen + self.resolved
        chosen_ids = {obj.pk for obj in chosen}
        label = self.source.label_of
        items = [{"pk": obj.pk, "label": label(obj), "checked": True} for obj in chosen]
        items += [
            {"pk": obj.pk, "label": label(obj), "checked": False}
            for obj in self.candidates
            if obj.pk not in chosen_ids
        ]
        attrs = dict(context["widget"]["attrs"])
        widget_id = attrs.pop("id", None) or f"id_{name}"
        attrs.pop("required", None)  # a ticked entry is enough; the field checks
        described = " ".join(
            filter(None, [f"{widget_id}_pickerhelp", attrs.pop("aria-describedby", "")])
        )
        context["widget"]["attrs"] = attrs
        url = reverse(self.source.url_name)
        if self.params:
            url += "?" + "&".join(f"{key}={val}" for key, val in self.params.items())
        context["picker"] = {
            "name": name,
            "id": widget_id,
            "text": text,
            "items": items,
            "multiple": self.multiple,
            "url": url,
            "nothing_chosen": not chosen,
            "limit": LIMIT,
            "describedby": described,
        }
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template engine (templates/includes/picker.html), not the form
        # renderer's own.
        return render_to_string(self.template_name, self.get_context(name, value, attrs))


class _PickerMixin:
    """Resolves the typed text to a row (see the module docstring)."""

    default_error_messages = {
        "no_match": _("No entry matches “%(text)s”. Please check the spelling."),
        "ambiguous": _(
            "Several entries match “%(text)s”. Please tick one below or type more of the name."
        ),
    }

    def _setup_picker(self, source: PickerSource, multiple: bool, params) -> None:
        self.source = source
        self.widget = PickerWidget(source=source, multiple=multiple, params=params)
        self.widget.queryset = self.queryset
        self.widget.is_required = self.required

    def _set_queryset(self, queryset):
        forms.ModelChoiceField._set_queryset(self, queryset)
        if isinstance(getattr(self, "widget", None), PickerWidget):
            self.widget.queryset = self.queryset

    # ModelChoiceField's property binds its own setter; this one keeps the widget in step.
    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def _ticked(self, value: PickerValue) -> list:
        ids = [i for i in value.ids if i.isdigit()]
        if len(ids) != len(value.ids):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        if not ids:
            return []
        rows = list(self.queryset.filter(pk__in=ids))
        if len(rows) != len(set(ids)):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": ", ".join(ids)},
            )
        return rows

    def _resolve(self, text: str, ticked: list):
        """The row the typed text means, or None when a ticked row already matches it."""
        folded = text.casefold()
        if any(folded in self.source.label_of(row).casefold() for row in ticked):
            return None
        matches, more = self.source.search(text, self.queryset)
        exact = [row for row in matches if self.source.name_of(row).casefold() == folded]
        if len(exact) == 1:
            return exact[0]
        if len(matches) == 1 and not more:
            return matches[0]
        if not matches:
            raise ValidationError(
                self.error_messages["no_match"], code="no_match", params={"text": text}
            )
        self.widget.candidates = matches
        raise ValidationError(
            self.error_messages["ambiguous"], code="ambiguous", params={"text": text}
        )

    def has_changed(self, initial, data):
        if not isinstance(data, PickerValue):
            return super().has_changed(initial, data)
        if data.text.strip():
            return True
        return super().has_changed(initial, data.ids if self.widget.multiple else data.ids[:1])


class PickerField(_PickerMixin, forms.ModelChoiceField):
    """One row, chosen by typing part of its label."""

    def __init__(self, queryset, *, source: PickerSource, params=None, **kwargs):
        kwargs.pop("widget", None)
        super().__init__(queryset, **kwargs)
        self._setup_picker(source, False, params)

    def clean(self, value):
        if not isinstance(value, PickerValue):
            value = PickerValue(ids=[] if value in (None, "") else [str(value)])
        ticked = self._ticked(value)
        text = value.text.strip()
        if len(ticked) > 1:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        result = ticked[0] if ticked else None
        if text:
            named = self._resolve(text, ticked)
            if named is not None:
                result = named
                self.widget.resolved = [named]
        if result is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        self.run_validators(result)
        return result


class PickerMultipleField(_PickerMixin, forms.ModelMultipleChoiceField):
    """Several rows: those ticked, plus the one the typed text names."""

    def __init__(self, queryset, *, source: PickerSource, params=None, **kwargs):
        kwargs.pop("widget", None)
        super().__init__(queryset, **kwargs)
        self._setup_picker(source, True, params)

    def clean(self, value):
        if not isinstance(value, PickerValue):
            value = PickerValue(ids=[str(getattr(v, "pk", v)) for v in (value or [])])
        ticked = self._ticked(value)
        text = value.text.strip()
        if text:
            extra = self._resolve(text, ticked)
            if extra is not None and extra not in ticked:
                ticked.append(extra)
                self.widget.resolved = [extra]
        if not ticked and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        self.run_validators(ticked)
        return ticked


class PickerFilter(django_filters.Filter):
    """A django-filter over a foreign key with the picker (``?<name>=<id>&<name>_q=text``)."""

    field_class = PickerField

    def __init__(self, *args, source: PickerSource, params=None, **kwargs):
        kwargs.setdefault("queryset", None)
        self._queryset = kwargs.pop("queryset")
        self._source = source
        self._params = params
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            queryset = self._queryset if self._queryset is not None else self._source.queryset()
            self._field = PickerField(
                queryset,
                source=self._source,
                params=self._params,
                label=self.label,
                required=False,
            )
        return self._field


class PickerChecklist(forms.CheckboxSelectMultiple):
    """Checkboxes of the ticked rows and at most a screenful of matches, on a multiple
    choice field whose queryset says what may be saved; ``offer`` fills them before the
    form is shown (never the whole table). ``within_list`` is the element id of the
    checklist whose ticked rows narrow this one (see ``PickerSource.within``)."""

    template_name = "includes/picker_checklist.html"

    def __init__(self, *, source: PickerSource, within_list: str = "", attrs=None):
        super().__init__(attrs)
        self.source = source
        self.within_list = within_list
        self.choices = []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["picker"] = {
            "url": reverse(self.source.url_name),
            "within": self.source.within,
            "within_list": self.within_list,
        }
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template engine, as PickerWidget's.
        return render_to_string(self.template_name, self.get_context(name, value, attrs))


def ticked_ids(form: forms.BaseForm, name: str) -> list[int]:
    """Ids ticked in the bound data, or linked to the saved instance (one query)."""
    if form.is_bound:
        widget = form.fields[name].widget
        return ids_of(widget.value_from_datadict(form.data, form.files, form.add_prefix(name)))
    instance: Model | None = getattr(form, "instance", None)
    if instance is not None and instance.pk:
        return list(getattr(instance, name).values_list("pk", flat=True))
    return []


def offer(form: forms.BaseForm, name: str, *, text: str = "", within=None) -> tuple[list, bool]:
    """Fills the checklist of ``form``'s field ``name`` with the ticked rows (those the
    field accepts) and at most a screenful of the source's matches of ``text`` (narrowed
    to the ids ``within``). Returns the ticked ids and whether there are more matches; two
    queries at most, whatever the size of the table."""
    field = form.fields[name]
    source = field.widget.source
    chosen = ticked_ids(form, name)
    ticked = []
    if chosen:
        ticked = list(source.load(field.queryset.filter(pk__in=chosen)).order_by(*source.order))
    matches, more = source.search(text, exclude=chosen, within=within)
    field.widget.choices = [(row.pk, source.label_of(row)) for row in ticked + matches]
    return chosen, more


def search_view(source: PickerSource):
    """The JSON endpoint of a source: ``?q=text`` gives at most ``source.limit`` matches as
    ``{"results": [{"id", "label"}], "more": bool}`` (and ``"message"`` where the source
    has one); parameters named in ``source.filters`` narrow the rows (``?active=1``),
    ``?chosen=<id>`` leaves ticked rows out, ``?<source.within>=<id>`` names the rows the
    matches belong to."""

    @guard(source.capability)
    @require_GET
    def view(request):
        queryset = source.queryset()
        for key, narrow in source.filters.items():
            if request.GET.get(key) == "1":
                queryset = narrow(queryset)
        rows, more = source.search(
            request.GET.get("q", ""),
            queryset,
            exclude=ids_of(request.GET.getlist("chosen")),
            within=ids_of(request.GET.getlist(source.within)) if source.within else None,
        )
        payload = {"results": [source.result(row) for row in rows], "more": more}
        if source.message is not None:
            payload["message"] = source.message(len(rows), more)
        return JsonResponse(payload)

    return view
