"""Reads of the consultation rounds: lists, progress, the findings board, released content.

Every function here runs a fixed number of queries (aggregation in SQL), whatever the
number of interviews or findings.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import Count, Prefetch, Q

from consultations.models import (
    ActionOption,
    ConsultationRound,
    Finding,
    Interview,
    InterviewDraft,
    RoundSummary,
)
from peine.roles import Capability, has_capability
from stakeholders.models import ContactPerson, Stakeholder

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
    if not has_capability(user, Capability.READ_NOTES):
        queryset = queryset.defer("notes", "summary")
    return queryset


def interview_for(user, pk: int) -> Interview:
    """One interview; raises Interview.DoesNotExist. Reviewers never load the notes."""
    queryset = Interview.objects.select_related("round", "interviewer", "district")
    if has_capability(user, Capability.READ_NOTES):
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
    """Counts of the (filtered) findings by sector and kind, in one query."""
    rows = (
        findings.order_by()
        .values("sector__name", "sector__position", "kind")
        .annotate(n=Count("id"))
        .order_by("sector__position", "sector__name", "kind")
    )
    kinds = dict(Finding.Kind.choices)
    sectors: dict[str, dict] = {}
    for row in rows:
        entry = sectors.setdefault(row["sector__name"], {"total": 0, "kinds": {}})
        entry["kinds"][kinds.get(row["kind"], row["kind"])] = row["n"]
        entry["total"] += row["n"]
    return sectors


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


# Bounded pickers of the interview form: a screenful of matches, never the whole register.
PICKER_LIMIT = 20
PERSON_LIMIT = 50


def stakeholder_matches(query: str, *, exclude=(), limit: int = PICKER_LIMIT):
    """Active stakeholders whose name contains ``query`` (all when empty), by name.

    Returns ``(rows, more)``: at most ``limit`` rows, and whether there are more.
    """
    rows = Stakeholder.objects.filter(active=True).exclude(pk__in=list(exclude))
    if query:
        rows = rows.filter(name__icontains=query)
    found = list(rows.order_by("name", "pk").only("id", "name", "kind")[: limit + 1])
    return found[:limit], len(found) > limit


def person_matches(stakeholder_ids, *, exclude=(), limit: int = PERSON_LIMIT):
    """Contact persons of the given stakeholders who consented (and did not withdraw).

    Returns ``(rows, more)`` like ``stakeholder_matches``.
    """
    if not stakeholder_ids:
        return [], False
    rows = (
        ContactPerson.objects.filter(
            stakeholder_id__in=list(stakeholder_ids),
            consent_given_on__isnull=False,
            consent_withdrawn_on__isnull=True,
        )
        .exclude(pk__in=list(exclude))
        .select_related("stakeholder")
        .only("id", "name", "stakeholder__id", "stakeholder__name")
        .order_by("stakeholder__name", "name", "pk")
    )
    found = list(rows[: limit + 1])
    return found[:limit], len(found) > limit


def interview_draft_for(user, interview: Interview | None):
    """``user``'s own draft of this interview's form (``None`` or an unsaved instance: of
    a new interview), or None. Never another person's draft."""
    pk = getattr(interview, "pk", None)
    drafts = InterviewDraft.objects.filter(author=user)
    drafts = drafts.filter(interview_id=pk) if pk else drafts.filter(interview__isnull=True)
    return drafts.first()
