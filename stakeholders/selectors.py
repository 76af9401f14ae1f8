"""Reads of the stakeholder register, narrowed to what the asking person may see.

Other apps (consultations, measures) pick stakeholders and contact persons through the
small functions at the end of this module rather than querying the models themselves.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from peine.lib.models import linked
from peine.lib.picker import PickerSource
from peine.lib.search import german_query, german_vector, search_words
from peine.models import District, Sector
from peine.roles import Capability, has_capability
from stakeholders.models import ContactPerson, Relationship, Stakeholder

# What the council may see of a stakeholder: its name, kind, sectors and districts.
COUNCIL_FIELDS = ("id", "name", "kind")
# The list page of officer and reviewer: the row (the description for its first lines).
LIST_FIELDS = ("id", *Stakeholder.ROW_FIELDS)


def can_see_contacts(user) -> bool:
    return has_capability(user, Capability.SEE_CONTACT_DETAILS)


def can_see_details(user) -> bool:
    """Description, address, map values and history: officer and reviewer, not the council."""
    return has_capability(user, Capability.SEE_CONTACT_DETAILS)


def council_search(queryset: QuerySet[Stakeholder], text: str) -> QuerySet[Stakeholder]:
    """The council's search: only what the council may read, never the description.

    Every typed word must occur in the name (German stem as a prefix, or anywhere in it),
    in the kind's label, or in the name of one of the stakeholder's sectors or districts.
    """
    words = search_words(text)
    if not words:
        return queryset
    queryset = queryset.alias(name_document=german_vector("name"))
    for word in words:
        folded = word.casefold()
        kinds = [value for value, label in Stakeholder.Kind.choices if folded in label.casefold()]
        queryset = queryset.filter(
            Q(name_document=german_query(word))
            | Q(name__icontains=word)
            | Q(kind__in=kinds)
            | linked(Stakeholder, "sectors", name__icontains=word)
            | linked(Stakeholder, "districts", name__icontains=word)
        )
    return queryset


def _taxonomy_prefetches() -> list[Prefetch]:
    return [
        Prefetch("sectors", queryset=Sector.objects.only("id", "name", "position")),
        Prefetch("districts", queryset=District.objects.only("id", "name", "position")),
    ]


def consent_exists() -> Exists:
    return Exists(ContactPerson.objects.with_consent().filter(stakeholder=OuterRef("pk")))


def stakeholders_for(user) -> QuerySet[Stakeholder]:
    """The register as ``user`` may read it, with sectors and districts prefetched.

    The council's rows select only id, name and kind: contact data, description and
    address never leave the database for them.
    """
    queryset = Stakeholder.objects.prefetch_related(*_taxonomy_prefetches())
    if not can_see_details(user):
        return queryset.only(*COUNCIL_FIELDS)
    return queryset.only(*LIST_FIELDS)


def contacts_for(user) -> QuerySet[ContactPerson]:
    """Contact persons ``user`` may read: the officer all (withdrawn ones marked),
    the reviewer only those whose consent is given and not withdrawn, the council none."""
    if has_capability(user, Capability.EDIT_STAKEHOLDERS):
        return ContactPerson.objects.all()
    if can_see_contacts(user):
        return ContactPerson.objects.with_consent()
    return ContactPerson.objects.none()


def relationships_of(stakeholder: Stakeholder) -> list[Relationship]:
    """Both directions, each with the other side's name (one query)."""
    return list(relationships_query(stakeholder))


def relationships_query(stakeholder: Stakeholder):
    """The relationships of ``relationships_of`` as a queryset (to page through)."""
    return (
        Relationship.objects.filter(Q(source=stakeholder) | Q(target=stakeholder))
        .select_related("source", "target")
        .only(
            "id",
            "kind",
            "note",
            "since",
            "source__id",
            "source__name",
            "target__id",
            "target__name",
        )
        .order_by("kind", "source__name", "target__name", "id")
    )


@dataclass
class MapCell:
    influence: int
    interest: int
    stakeholders: list


def map_grid(stakeholders) -> list[list[MapCell]]:
    """The influence/interest grid: rows from influence 5 down to 1, columns interest 1–5.

    ``stakeholders`` is an evaluated list (with influence and interest loaded)."""
    cells = defaultdict(list)
    for stakeholder in sorted(stakeholders, key=lambda s: s.name):
        cells[(stakeholder.influence, stakeholder.interest)].append(stakeholder)
    return [
        [MapCell(influence, interest, cells[(influence, interest)]) for interest in range(1, 6)]
        for influence in range(5, 0, -1)
    ]


def network_of(stakeholder: Stakeholder) -> list[dict]:
    """The neighbours of ``stakeholder``: one entry per relationship, with direction."""
    neighbours = []
    for relationship in relationships_of(stakeholder):
        outgoing = relationship.source_id == stakeholder.pk
        other = relationship.target if outgoing else relationship.source
        neighbours.append({"relationship": relationship, "other": other, "outgoing": outgoing})
    return neighbours


# --- for other apps -----------------------------------------------------------------


def stakeholder_choices(*, active_only: bool = True) -> list[tuple[int, str]]:
    """(id, name) pairs in German order, for select fields of other apps."""
    queryset = Stakeholder.objects.all()
    if active_only:
        queryset = queryset.filter(active=True)
    return list(queryset.order_by("name").values_list("id", "name"))


def stakeholder_queryset(*, active_only: bool = True) -> QuerySet[Stakeholder]:
    """Stakeholders with only id and name loaded, for ModelChoiceFields of other apps."""
    queryset = Stakeholder.objects.only("id", "name").order_by("name")
    return queryset.filter(active=True) if active_only else queryset


def contact_queryset(*, stakeholder_ids=None) -> QuerySet[ContactPerson]:
    """Contact persons with valid consent (optionally of some stakeholders), for pickers."""
    queryset = (
        ContactPerson.objects.with_consent()
        .select_related("stakeholder")
        .only("id", "name", "stakeholder__id", "stakeholder__name")
        .order_by("stakeholder__name", "name")
    )
    if stakeholder_ids is not None:
        queryset = queryset.filter(stakeholder_id__in=stakeholder_ids)
    return queryset


# The search-as-you-type picker over stakeholders (peine.lib.picker): forms of every app
# choose stakeholders through it, never through a <select> of the whole register.
STAKEHOLDER_PICKER = PickerSource(
    queryset=lambda: Stakeholder.objects.only("id", "name"),
    url_name="stakeholders:picker",
    capability=Capability.VIEW_STAKEHOLDERS,
    filters={"active": lambda queryset: queryset.filter(active=True)},
)
