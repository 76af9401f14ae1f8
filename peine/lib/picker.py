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
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from peine.roles import Capability, guard

LIMIT = 20  # a screenful of matches
MAX_TEXT = 200


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

    def load(self, queryset):
        """``queryset`` with only what a label needs (one query, the detail joined)."""
        if not self.detail:
            return queryset.only("pk", self.label)
        relation = self.detail.rsplit("__", 1)[0]
        return queryset.select_related(relation).only("pk", self.label, self.detail)

    def search(self, text: str, queryset=None, limit: int = LIMIT) -> tuple[list, bool]:
        """At most ``limit`` rows whose label contains ``text``, exact matches first;
        ``True`` when there are more (one query, ``limit + 1`` rows)."""
        queryset = self.queryset() if queryset is None else queryset
        text = text.strip()[:MAX_TEXT]
        if not text:
            return [], False
        rows = list(
            self.load(queryset.filter(**{f"{self.label}__icontains": text})).order_by(
                self.label, "pk"
            )[: limit + 1]
        )
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


def search_view(source: PickerSource):
    """The JSON endpoint of a source: ``?q=text`` gives at most ``LIMIT`` matches as
    ``{"results": [{"id", "label"}], "more": bool}``; parameters named in
    ``source.filters`` narrow the rows (``?active=1``)."""

    @guard(source.capability)
    @require_GET
    def view(request):
        queryset = source.queryset()
        for key, narrow in source.filters.items():
            if request.GET.get(key) == "1":
                queryset = narrow(queryset)
        rows, more = source.search(request.GET.get("q", ""), queryset)
        return JsonResponse(
            {
                "results": [{"id": row.pk, "label": source.label_of(row)} for row in rows],
                "more": more,
            }
        )

    return view
