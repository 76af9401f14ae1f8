"""Reads of the consultation rounds: lists, progress, the findings board, released content.

Every function here runs a fixed number of queries (aggregation in SQL), whatever the
number of interviews or findings.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber

from consultations.models import ActionOption, ConsultationRound, Finding, Interview, RoundSummary
from stakeholders.models import Stakeholder

HELD = Interview.Status.HELD
PLANNED = Interview.Status.PLANNED
SEARCH_CONFIG = "german"


def rounds_with_progress():
    """Rounds with planned and held interview and finding counts (one query)."""
    return ConsultationRound.objects.annotate(
        planned_count=Count("interviews", filter=Q(interviews__status=PLANNED), distinct=True),
        held_count=Count("interviews", filter=Q(interviews__status=HELD), distinct=True),
        finding_count=Count("findings", distinct=True),
    ).prefetch_related("sectors", "districts")


def round_progress(consultation_round: ConsultationRound) -> dict:
    """Planned vs held interviews by sector (of the stakeholders) and by district."""
    interviews = Interview.objects.filter(round=consultation_round)

    def _rows(key, label):
        rows = (
            interviews.values(key, label)
            .annotate(
                planned=Count("id", filter=Q(status=PLANNED), distinct=True),
                held=Count("id", filter=Q(status=HELD), distinct=True),
            )
            .order_by(label)
        )
        return [
            {"label": row[label], "planned": row["planned"], "held": row["held"]} for row in rows
        ]

    return {
        "by_sector": _rows("stakeholders__sectors__id", "stakeholders__sectors__name"),
        "by_district": _rows("district__id", "district__name"),
    }


def interviews_for(user, consultation_round: ConsultationRound):
    """The round's interviews as the user may see them: no notes, no persons for reviewers."""
    queryset = (
        Interview.objects.filter(round=consultation_round)
        .select_related("interviewer", "district")
        .prefetch_related(Prefetch("stakeholders", queryset=Stakeholder.objects.only("name")))
        .annotate(finding_count=Count("findings", distinct=True))
    )
    if not user.has_perm("consultations.view_interview_notes"):
        queryset = queryset.defer("notes", "summary")
    return queryset


def interview_for(user, pk: int) -> Interview:
    """One interview; raises Interview.DoesNotExist. Reviewers never load the notes."""
    queryset = Interview.objects.select_related("round", "interviewer", "district")
    if user.has_perm("consultations.view_interview_notes"):
        queryset = queryset.prefetch_related("stakeholders", "contact_persons__stakeholder")
    else:
        queryset = queryset.defer("notes").prefetch_related("stakeholders")
    return queryset.get(pk=pk)


def findings_for_board(consultation_round: ConsultationRound, queryset=None):
    queryset = queryset if queryset is not None else Finding.objects.all()
    return (
        queryset.filter(round=consultation_round)
        .select_related("sector", "district")
        .prefetch_related(Prefetch("options", queryset=ActionOption.objects.only("id", "title")))
        .order_by("sector__position", "sector__name", "kind", "id")
    )


def board_counts(findings) -> dict:
    """Counts of the (filtered) findings by sector and kind, in one query.

    ``{sector name: {"id", "total", "kinds": {kind label: n}, "codes": {kind code: n}}}``
    in the board's order (sector position, name; kinds in their order)."""
    rows = (
        findings.order_by()
        .values("sector__id", "sector__name", "sector__position", "kind")
        .annotate(n=Count("id"))
        .order_by("sector__position", "sector__name", "kind")
    )
    kinds = dict(Finding.Kind.choices)
    sectors: dict[str, dict] = {}
    for row in rows:
        entry = sectors.setdefault(
            row["sector__name"], {"id": row["sector__id"], "total": 0, "kinds": {}, "codes": {}}
        )
        entry["kinds"][kinds.get(row["kind"], row["kind"])] = row["n"]
        entry["codes"][row["kind"]] = row["n"]
        entry["total"] += row["n"]
    return sectors


def board_first(findings, per_group: int) -> list[Finding]:
    """The first ``per_group`` findings (oldest first) of each sector and kind, in one
    query: ROW_NUMBER() over (sector, kind) along the index (round, sector, kind, id).
    The board shows these and links each group to its own paginated page."""
    ranked = findings.annotate(
        board_rank=Window(
            RowNumber(), partition_by=[F("sector_id"), F("kind")], order_by=F("id").asc()
        )
    ).filter(board_rank__lte=per_group)
    return list(ranked.order_by("sector__position", "sector__name", "kind", "id"))


def board_groups(counts: dict, first: list[Finding]) -> list[dict]:
    """Sectors with their kinds, each kind with its count and first findings (Python over
    the bounded ``first`` list only)."""
    shown: dict[tuple[int, str], list] = {}
    for finding in first:
        shown.setdefault((finding.sector_id, finding.kind), []).append(finding)
    labels = dict(Finding.Kind.choices)
    groups = []
    for name, entry in counts.items():
        kinds = [
            {
                "code": code,
                "label": labels.get(code, code),
                "count": count,
                "findings": shown.get((entry["id"], code), []),
            }
            for code, count in entry["codes"].items()
        ]
        groups.append({"name": name, "id": entry["id"], "total": entry["total"], "kinds": kinds})
    return groups


def options_for(consultation_round: ConsultationRound):
    return (
        ActionOption.objects.filter(round=consultation_round)
        .prefetch_related("sectors")
        .annotate(finding_count=Count("findings", distinct=True))
    )


def search_findings(query: str, queryset=None):
    """German full-text search over finding statements, best first (GIN index)."""
    queryset = queryset if queryset is not None else Finding.objects.all()
    vector = SearchVector("statement", config=SEARCH_CONFIG)
    search = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    return (
        queryset.annotate(document=vector, rank=SearchRank(vector, search))
        .filter(document=search)
        .select_related("round", "sector")
        .order_by("-rank", "id")
    )


def search_summaries(query: str, queryset=None):
    queryset = queryset if queryset is not None else RoundSummary.objects.all()
    vector = SearchVector("evaluation", config=SEARCH_CONFIG)
    search = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    return (
        queryset.annotate(document=vector, rank=SearchRank(vector, search))
        .filter(document=search)
        .order_by("-rank", "-released_on")
    )


def released_summaries():
    """Released summaries for every reader, council included: round title and dates only."""
    return RoundSummary.objects.select_related("round").only(
        "id",
        "version",
        "released_on",
        "round__id",
        "round__title",
        "round__guiding_question",
        "round__starts_on",
        "round__ends_on",
    )


def summary_content(consultation_round: ConsultationRound) -> dict:
    """What a release freezes: figures, anonymised statements by sector, options.

    Never names a person or an organisation, never quotes notes or interview summaries.
    """
    held = Interview.objects.filter(round=consultation_round, status=HELD)
    kinds = dict(Stakeholder.Kind.choices)
    by_kind = (
        Stakeholder.objects.filter(interviews__in=held)
        .values("kind")
        .annotate(n=Count("interviews", filter=Q(interviews__in=held), distinct=True))
        .order_by("-n", "kind")
    )
    formats = dict(Interview.Format.choices)
    by_format = held.values("format").annotate(n=Count("id")).order_by("-n", "format")
    finding_kinds = dict(Finding.Kind.choices)
    sectors: dict[str, list] = {}
    findings = (
        Finding.objects.filter(round=consultation_round, interview__status=HELD)
        .select_related("sector")
        .only("statement", "kind", "sector__name", "sector__position")
        .order_by("sector__position", "kind", "id")
    )
    for finding in findings:
        sectors.setdefault(finding.sector.name, []).append(
            {"kind": str(finding_kinds[finding.kind]), "statement": finding.statement}
        )
    options = ActionOption.objects.filter(round=consultation_round).exclude(
        status=ActionOption.Status.DISCARDED
    )
    return {
        "title": consultation_round.title,
        "guiding_question": consultation_round.guiding_question,
        "starts_on": consultation_round.starts_on.isoformat(),
        "ends_on": consultation_round.ends_on.isoformat(),
        "interview_count": held.count(),
        "by_stakeholder_kind": [
            {"label": str(kinds.get(row["kind"], row["kind"])), "count": row["n"]}
            for row in by_kind
        ],
        "by_format": [
            {"label": str(formats.get(row["format"], row["format"])), "count": row["n"]}
            for row in by_format
        ],
        "finding_count": sum(len(items) for items in sectors.values()),
        "findings_by_sector": [
            {"sector": name, "findings": items} for name, items in sectors.items()
        ],
        "options": [
            {"title": option.title, "description": option.description}
            for option in options.order_by("title")
        ],
    }
