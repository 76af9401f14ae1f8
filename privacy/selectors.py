"""Finding everything the portal holds about a person (GDPR Art. 15 and 17).

The places are found from the models themselves: every text, e-mail and JSON field of the
domain apps' models is searched, so a field added later is searched too. The history
(pghistory event tables) is searched by the erasure, which redacts it.
"""

import json
from dataclasses import dataclass, field

import pghistory.models
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q

from consultations.models import Interview, InterviewDraft
from peine.lib.search import german_query, german_vector
from privacy.immutable import IMMUTABLE, needle_pattern
from stakeholders.models import ContactPerson

DOMAIN_APPS = ("peine", "stakeholders", "consultations", "analysis", "measures")
# Searched on their own: the person's own record, drafts, accounts.
SEPARATE = {"stakeholders.contactperson", "consultations.interviewdraft", "peine.user"}
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)
HITS_PER_MODEL = 200
MIN_NEEDLE = 3


@dataclass
class Hit:
    model_label: str  # "consultations.interview"
    kind: str  # the model's verbose name
    pk: int
    obj: str
    field: str
    field_label: str
    excerpt: str
    url: str = ""
    immutable: bool = False

    @property
    def token(self) -> str:
        return f"{self.model_label}:{self.pk}:{self.field}"


@dataclass
class PersonFile:
    query: str
    contacts: list = field(default_factory=list)
    interviews: list = field(default_factory=list)  # interviews they took part in
    hits: list[Hit] = field(default_factory=list)
    accounts: list = field(default_factory=list)
    drafts: int = 0
    needles: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.contacts) + len(self.interviews) + len(self.hits) + len(self.accounts)

    @property
    def interview_ids_with_notes(self) -> list[int]:
        ids = {i.pk for i in self.interviews}
        ids |= {h.pk for h in self.hits if h.model_label == "consultations.interview"}
        return sorted(ids)


def text_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, TEXT_FIELDS) and not f.choices and f.name != "password"
    ]


def searched_models() -> list[type[models.Model]]:
    """Every model of the domain apps that may hold free text naming a person."""
    found = []
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in DOMAIN_APPS or meta.label_lower in SEPARATE:
            continue
        if issubclass(model, pghistory.models.Event) or not text_fields(model):
            continue
        found.append(model)
    return found


def _excerpt(text: str, pattern) -> str:
    match = pattern.search(text)
    if not match:
        return text[:120]
    start = max(match.start() - 60, 0)
    end = min(match.end() + 60, len(text))
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _url(obj) -> str:
    try:
        return obj.get_absolute_url()
    except Exception:
        return ""


def _value_text(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _needles(query: str, contacts) -> list[str]:
    values = [query]
    for field_name in ContactPerson.IDENTIFYING_FIELDS:
        values += [getattr(c, field_name) for c in contacts]
    # People are often named by their surname alone ("Frau Öztürk"): the last word of a
    # name is searched too; the preview lets the officer untick another person's mention.
    values += [name.split()[-1] for name in (query, *(c.name for c in contacts)) if " " in name]
    seen = []
    for value in values:
        value = (value or "").strip()
        if len(value) >= MIN_NEEDLE and value.lower() not in (s.lower() for s in seen):
            seen.append(value)
    return seen


def free_text_hits(needles: list[str], query: str) -> list[Hit]:
    """Every field of every searched model that contains a needle (case-insensitive),
    and rows the German full-text search finds for ``query`` (other word forms)."""
    pattern = needle_pattern(needles)
    # Whole words in any German form, not prefixes: a person's name is sought, not every
    # word that begins like it.
    word_forms = german_query(query, prefix=False)
    hits = []
    for model in searched_models():
        fields = text_fields(model)
        condition = Q()
        for f in fields:
            for needle in needles:
                # A JSON field is searched as its text (Django's JSON icontains).
                condition |= Q(**{f"{f.name}__icontains": needle})
        plain = [f.name for f in fields if not isinstance(f, models.JSONField)]
        queryset = model._default_manager.all()
        if plain and word_forms is not None:
            queryset = queryset.annotate(_privacy_doc=german_vector(*plain))
            condition |= Q(_privacy_doc=word_forms)
        rows = queryset.filter(condition).order_by("pk")[:HITS_PER_MODEL]
        for obj in rows:
            matched = False
            for f in fields:
                text = _value_text(getattr(obj, f.attname))
                if text and pattern.search(text):
                    matched = True
                    hits.append(_hit(model, obj, f, _excerpt(text, pattern)))
            if not matched:  # found by the full-text search in another word form
                f = next((f for f in fields if getattr(obj, f.attname)), fields[0])
                hits.append(_hit(model, obj, f, _value_text(getattr(obj, f.attname))[:120]))
    return hits


def _hit(model, obj, f, excerpt) -> Hit:
    return Hit(
        model_label=model._meta.label_lower,
        kind=str(model._meta.verbose_name),
        pk=obj.pk,
        obj=str(obj)[:120],
        field=f.name,
        field_label=str(f.verbose_name),
        excerpt=excerpt,
        url=_url(obj),
        immutable=model in IMMUTABLE,
    )


def find_person(query: str, *, contact_ids=None) -> PersonFile:
    """What the portal holds about the person named (or e-mailed) ``query``.

    ``contact_ids`` narrows the contact persons to those chosen on the preview.
    """
    query = (query or "").strip()
    person = PersonFile(query=query)
    if len(query) < MIN_NEEDLE:
        return person
    contacts = ContactPerson.objects.select_related("stakeholder").filter(
        Q(name__icontains=query) | Q(email__iexact=query)
    )
    if contact_ids is not None:
        contacts = contacts.filter(pk__in=contact_ids)
    person.contacts = list(contacts.order_by("name", "pk")[:50])
    person.interviews = list(
        Interview.objects.filter(contact_persons__in=person.contacts)
        .select_related("round")
        .distinct()
        .order_by("-held_on", "pk")[:200]
    )
    person.needles = _needles(query, person.contacts)
    person.hits = free_text_hits(person.needles, query)
    person.accounts = list(
        get_user_model()
        .objects.filter(
            Q(email__iexact=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query)
        )
        .order_by("email")[:20]
    )
    person.drafts = drafts_mentioning(person.needles).count()
    return person


def drafts_mentioning(needles):
    condition = Q()
    for needle in needles:
        condition |= Q(data__icontains=needle)
    return InterviewDraft.objects.filter(condition) if needles else InterviewDraft.objects.none()


def contact_export(contact: ContactPerson) -> dict:
    """A contact person's declared personal fields (``ContactPerson.PERSONAL_FIELDS``),
    by their labels; a link (the stakeholder) by the name of what it links to."""
    export = {}
    for name in ContactPerson.PERSONAL_FIELDS:
        f = ContactPerson._meta.get_field(name)
        value = getattr(contact, name)
        if f.is_relation and value is not None:
            value = str(value)
        export[str(f.verbose_name)] = value
    return export


def person_export_data(person: PersonFile) -> dict:
    """The person's file for the export: a readable structure, CSV rows, and the
    interviews whose notes it quotes (they are logged as read)."""
    contacts = [contact_export(c) for c in person.contacts]
    interviews = [
        {"round": i.round.title, "held_on": i.held_on, "format": i.get_format_display()}
        for i in person.interviews
    ]
    mentions = [
        {"kind": h.kind, "where": h.obj, "field": h.field_label, "excerpt": h.excerpt}
        for h in person.hits
    ]
    accounts = [
        {"email": u.email, "name": u.get_full_name(), "joined": u.date_joined.date()}
        for u in person.accounts
    ]
    rows = []
    for contact in contacts:
        rows += [("contact", "", "", key, value) for key, value in contact.items()]
    rows += [("interview", i["format"], i["round"], "", i["held_on"]) for i in interviews]
    rows += [("mention", m["kind"], m["where"], m["field"], m["excerpt"]) for m in mentions]
    rows += [("account", "", a["email"], "", a["name"]) for a in accounts]
    return {
        "export": {
            "contacts": contacts,
            "interviews": interviews,
            "mentions": mentions,
            "accounts": accounts,
        },
        "rows": rows,
        "notes_interviews": sorted(
            {h.pk for h in person.hits if h.model_label == "consultations.interview"}
        ),
    }
