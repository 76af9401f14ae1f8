"""Reads of the analysis: dynamics, suggestions, the system map, workshops, the review.

Each function runs a fixed number of queries, whatever the number of findings.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.expressions import RawSQL

from analysis import graph
from analysis.models import (
    ActorEffect,
    DismissedSuggestion,
    Dynamic,
    Influence,
    OptionLink,
    Release,
    Workshop,
    WorkshopOption,
)
from analysis.signals import ActingMeasure, measures_acting_on_dynamics
from consultations.models import ActionOption, ConsultationRound, Finding
from consultations.selectors import counted_findings
from peine.lib.models import count_of
from peine.lib.picker import PickerSource
from peine.roles import Capability

SUGGESTION_LIMIT = 10
UNASSIGNED_LIMIT = 20

# Search-as-you-type pickers (peine.lib.picker): thousands of dynamics and hundreds of
# rounds over the years are chosen by typing part of the title, never from a <select>.
# The influence form needs RUN; the review (read by the reviewer too) and the workshop
# form choose rounds, so the round picker answers whoever may read the consultations.
DYNAMIC_PICKER = PickerSource(
    queryset=lambda: Dynamic.objects.only("id", "title"),
    url_name="analysis:dynamic_picker",
    capability=Capability.RUN_CONSULTATIONS,
    label="title",
)
ROUND_PICKER = PickerSource(
    queryset=lambda: ConsultationRound.objects.only("id", "title"),
    url_name="analysis:round_picker",
    capability=Capability.READ_CONSULTATIONS,
    label="title",
)


def dynamics_list():
    """Dynamics by title with their numbers of findings and options (one query)."""
    return (
        Dynamic.objects.prefetch_related("sectors")
        .annotate(
            finding_count=count_of(Dynamic.findings.through.objects.all(), "dynamic"),
            option_count=count_of(OptionLink.objects.all(), "dynamic"),
        )
        .order_by("title", "id")
    )


def dynamic_for_detail(pk: int) -> Dynamic:
    return Dynamic.objects.prefetch_related("sectors").get(pk=pk)


def assigned_findings(dynamic: Dynamic):
    return dynamic.findings.select_related("sector", "district", "round").order_by(
        "round__starts_on", "sector__position", "kind", "id"
    )


# The lexemes (German stemming) of the dynamic's title, description and assigned findings,
# OR-ed into one query, computed inside PostgreSQL: no text leaves the server.
_LEXEME_QUERY = """
(SELECT to_tsquery('simple', string_agg(quote_literal(lexeme), ' | '))
 FROM (
   SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('german', text))) AS lexeme
   FROM (
     SELECT d.title || ' ' || d.description AS text FROM analysis_dynamic d WHERE d.id = %s
     UNION ALL
     SELECT f.statement FROM consultations_finding f
     JOIN analysis_dynamic_findings df ON df.finding_id = f.id
     WHERE df.dynamic_id = %s
   ) texts
 ) lexemes)
"""


def suggestions(dynamic: Dynamic, *, limit: int = SUGGESTION_LIMIT):
    """Findings similar to the dynamic and its findings, best first (one query).

    Ranked by PostgreSQL's German full-text rank against the lexemes of what is already
    assigned, plus trigram similarity to the dynamic's title; findings already assigned or
    dismissed for this dynamic are left out.
    """
    # Parameters only (the dynamic's id and title); the SQL itself is a constant.
    rank = RawSQL(  # noqa: S611
        "ts_rank(to_tsvector('german', consultations_finding.statement), "
        + _LEXEME_QUERY
        + ", 1) + similarity(consultations_finding.statement, %s) / 4",
        (dynamic.pk, dynamic.pk, dynamic.title),
    )
    assigned = Dynamic.findings.through.objects.filter(
        dynamic_id=dynamic.pk, finding_id=OuterRef("pk")
    )
    dismissed = DismissedSuggestion.objects.filter(dynamic_id=dynamic.pk, finding_id=OuterRef("pk"))
    return list(
        Finding.objects.annotate(score=rank)
        .filter(~Exists(assigned), ~Exists(dismissed), score__gt=0.02)
        .select_related("sector", "round")
        .order_by("-score", "id")[:limit]
    )


def unassigned_findings(consultation_round=None, *, limit: int = UNASSIGNED_LIMIT):
    """Findings that belong to no dynamic yet: ``limit`` of them and how many in all."""
    findings = Finding.objects.filter(dynamics__isnull=True)
    if consultation_round is not None:
        findings = findings.filter(round=consultation_round)
    rows = list(
        findings.select_related("sector", "round").order_by("round__starts_on", "id")[:limit]
    )
    return rows, (findings.count() if len(rows) == limit else len(rows))


def options_of(dynamic: Dynamic):
    return list(
        OptionLink.objects.filter(dynamic=dynamic)
        .select_related("option__round")
        .order_by("option__title")
    )


def actors_of(dynamic: Dynamic):
    return list(
        ActorEffect.objects.filter(dynamic=dynamic)
        .select_related("stakeholder")
        .only("id", "effect", "stakeholder__id", "stakeholder__name")
        .order_by("stakeholder__name")
    )


def influences_of(dynamic: Dynamic):
    return list(
        Influence.objects.filter(Q(source=dynamic) | Q(target=dynamic))
        .select_related("source", "target")
        .order_by("source__title", "target__title")
    )


# --- the system map ----------------------------------------------------------------


def acting_measures(dynamic_ids=None, *, user=None, between=None) -> dict[int, list[ActingMeasure]]:
    """The measures acting on the given dynamics (all when None), by dynamic id, as the
    receivers of ``measures_acting_on_dynamics`` answer. ``between`` (start, end) keeps
    those whose period overlaps it."""
    result: dict[int, list[ActingMeasure]] = {}
    for _receiver, measures in measures_acting_on_dynamics.send(
        sender=Dynamic, dynamic_ids=dynamic_ids, user=user, between=between
    ):
        for measure in measures:
            result.setdefault(measure.dynamic_id, []).append(measure)
    return result


def map_data(user=None) -> dict:
    """Nodes, edges, loops and gaps of the live map (four queries plus the measures')."""
    dynamics = list(
        Dynamic.objects.annotate(
            finding_count=Count("findings", distinct=True),
            option_count=Count("option_links", distinct=True),
        )
        .order_by("title", "id")
        .values("id", "title", "finding_count", "option_count")
    )
    edges = list(
        Influence.objects.order_by("source__title", "target__title").values(
            "id", "source", "target", "effect", "strength", "reason"
        )
    )
    acting = acting_measures(None, user=user)
    nodes = [
        {
            "id": row["id"],
            "title": row["title"],
            "finding_count": row["finding_count"],
            "option_count": row["option_count"],
            "measure_count": len(acting.get(row["id"], [])),
        }
        for row in dynamics
    ]
    return _with_analysis(nodes, edges)


def _with_analysis(nodes, edges) -> dict:
    loops = graph.find_loops(nodes, edges)
    titles = {node["id"]: node["title"] for node in nodes}
    for edge in edges:
        edge["source_title"] = titles[edge["source"]]
        edge["target_title"] = titles[edge["target"]]
    gaps = [node for node in nodes if not node["option_count"] and not node["measure_count"]]
    return {"nodes": nodes, "edges": edges, "loops": loops, "gaps": gaps}


def snapshot(data: dict) -> dict:
    """What a released map freezes: titles, counts, links, loops; no text of findings."""
    return {
        "nodes": [
            {
                key: node[key]
                for key in ("id", "title", "finding_count", "option_count", "measure_count")
            }
            for node in data["nodes"]
        ],
        "edges": [
            {key: edge[key] for key in ("source", "target", "effect", "strength", "reason")}
            for edge in data["edges"]
        ],
    }


def from_snapshot(content: dict) -> dict:
    """A released map's content, read back into the shape of ``map_data``."""
    nodes = [dict(node) for node in content.get("nodes", []) if isinstance(node, dict)]
    ids = {node.get("id") for node in nodes}
    edges = [
        dict(edge)
        for edge in content.get("edges", [])
        if isinstance(edge, dict) and edge.get("source") in ids and edge.get("target") in ids
    ]
    return _with_analysis(nodes, edges)


# --- workshops ---------------------------------------------------------------------


def workshops_list():
    """Workshops newest first with their numbers of participants and options (one query)."""
    return (
        Workshop.objects.select_related("round")
        .annotate(
            stakeholder_count=count_of(Workshop.stakeholders.through.objects.all(), "workshop"),
            option_count=count_of(WorkshopOption.objects.all(), "workshop"),
        )
        .order_by("-held_on", "-id")
    )


def workshop_for_detail(pk: int) -> Workshop:
    return (
        Workshop.objects.select_related("round")
        .prefetch_related(
            Prefetch("stakeholders"),
            Prefetch(
                "discussed",
                queryset=WorkshopOption.objects.select_related("option").order_by(
                    "priority", "option__title"
                ),
            ),
        )
        .get(pk=pk)
    )


def option_matches(query: str, *, exclude=(), limit: int = 20):
    """Open or adopted options whose title contains ``query``: a bounded picker."""
    rows = ActionOption.objects.exclude(status=ActionOption.Status.DISCARDED).exclude(
        pk__in=list(exclude)
    )
    if query:
        rows = rows.filter(title__icontains=query)
    found = list(rows.select_related("round").order_by("title", "pk")[: limit + 1])
    return found[:limit], len(found) > limit


# --- the review: one round compared with an earlier one ----------------------------


def compare(later: ConsultationRound, earlier: ConsultationRound, *, user=None) -> dict:
    """Findings of two rounds side by side by dynamic, sector, district and kind.

    Counts only findings of held interviews (like a released summary). Four aggregate
    queries plus the measure hook, whatever the number of findings.
    """
    rounds = (earlier.pk, later.pk)
    findings = counted_findings().filter(round_id__in=rounds)
    kinds = dict(Finding.Kind.choices)

    def _table(key, label):
        rows = (
            findings.order_by()
            .values(key, label, "round_id", "kind")
            .annotate(n=Count("id", distinct=True))
        )
        table: dict = {}
        for row in rows:
            if row[key] is None:
                continue
            entry = table.setdefault(
                row[key],
                {"id": row[key], "label": row[label], "earlier": 0, "later": 0, "kinds": {}},
            )
            side = "later" if row["round_id"] == later.pk else "earlier"
            entry[side] += row["n"]
            counts = entry["kinds"].setdefault(str(kinds.get(row["kind"], row["kind"])), [0, 0])
            counts[1 if side == "later" else 0] += row["n"]
        result = sorted(table.values(), key=lambda entry: str(entry["label"]))
        for entry in result:
            entry["kinds"] = sorted(entry["kinds"].items())
            entry["change"] = _change(entry["earlier"], entry["later"])
        return result

    by_dynamic = _table("dynamics__id", "dynamics__title")
    between = (earlier.starts_on, later.ends_on)
    acting = acting_measures([row["id"] for row in by_dynamic], user=user, between=between)
    for row in by_dynamic:
        row["measures"] = acting.get(row["id"], [])
    by_kind = (
        findings.order_by().values("round_id", "kind").annotate(n=Count("id")).order_by("kind")
    )
    kind_rows: dict = {}
    for row in by_kind:
        entry = kind_rows.setdefault(
            row["kind"], {"label": str(kinds[row["kind"]]), "earlier": 0, "later": 0}
        )
        entry["later" if row["round_id"] == later.pk else "earlier"] += row["n"]
    return {
        "later": {"id": later.pk, "title": later.title},
        "earlier": {"id": earlier.pk, "title": earlier.title},
        "by_dynamic": by_dynamic,
        "by_sector": _table("sector_id", "sector__name"),
        "by_district": _table("district_id", "district__name"),
        "by_kind": [kind_rows[key] for key in Finding.Kind.values if key in kind_rows],
    }


def _change(earlier: int, later: int) -> str:
    if not earlier and later:
        return "appeared"
    if earlier and not later:
        return "disappeared"
    if later > earlier:
        return "grew"
    if later < earlier:
        return "shrank"
    return "same"


def comparison_snapshot(data: dict) -> dict:
    """A comparison as the council may read it: titles and counts, no text, no persons."""

    def _rows(rows, *, measures=False):
        result = []
        for row in rows:
            item = {
                "label": str(row["label"]),
                "earlier": row["earlier"],
                "later": row["later"],
                "change": row["change"],
                "kinds": [[label, counts] for label, counts in row["kinds"]],
            }
            if measures:
                item["measures"] = [
                    {"title": m.title, "effect": m.effect} for m in row.get("measures", [])
                ]
            result.append(item)
        return result

    return {
        "later": data["later"]["title"],
        "earlier": data["earlier"]["title"],
        "by_dynamic": _rows(data["by_dynamic"], measures=True),
        "by_sector": _rows(data["by_sector"]),
        "by_district": _rows(data["by_district"]),
        "by_kind": [dict(row) for row in data["by_kind"]],
    }


def releases(kind=None):
    rows = Release.objects.only("id", "kind", "title", "released_on")
    return rows.filter(kind=kind) if kind else rows
