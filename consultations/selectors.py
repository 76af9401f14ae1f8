"""Reads of the consultation rounds: lists, progress, the findings board, released content.

Every function here runs a fixed number of queries (aggregation in SQL), whatever the
number of interviews or findings.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultations.models import (
    FINDING_SEARCH_VECTOR,
    SUMMARY_SEARCH_VECTOR,
    ActionOption,
    ConsultationRound,
    Finding,
    Interview,
    InterviewDraft,
    ReleasedFindingCount,
    RoundSummary,
)
from peine.lib.models import count_of, linked
from peine.lib.picker import PickerSource
from peine.lib.search import full_text_filter, search_words
from peine.roles import Capability, has_capability
from stakeholders.models import ContactPerson, Stakeholder

HELD = Interview.Status.HELD
PLANNED = Interview.Status.PLANNED


def rounds_with_progress():
    """Rounds with planned and held interview and finding counts (one query).

    Each count is its own subquery, not a join of interviews and findings counted
    DISTINCT (that join has interviews × findings rows per round); with a LIMIT, PostgreSQL
    computes them only for the rows of the page."""
    return ConsultationRound.objects.annotate(
        planned_count=count_of(Interview.objects.filter(status=PLANNED), "round"),
        held_count=count_of(Interview.objects.filter(status=HELD), "round"),
        finding_count=count_of(Finding.objects.all(), "round"),
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
    """German full-text search (prefixes) over finding statements, best first (GIN index).

    A query without a word ("?!") finds nothing rather than every finding.
    """
    queryset = queryset if queryset is not None else Finding.objects.all()
    if not search_words(query):
        return queryset.none()
    return (
        full_text_filter(queryset, FINDING_SEARCH_VECTOR, query, rank=True)
        .select_related("round", "sector")
        .order_by("-rank", "id")
    )


def search_summaries(query: str, queryset=None):
    """German full-text search (prefixes) over the evaluations, best first (GIN index)."""
    queryset = queryset if queryset is not None else RoundSummary.objects.all()
    if not search_words(query):
        return queryset.none()
    return full_text_filter(queryset, SUMMARY_SEARCH_VECTOR, query, rank=True).order_by(
        "-rank", "-released_on"
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


def counted_findings(consultation_round: ConsultationRound | None = None):
    """The findings a summary counts: only those of interviews actually held."""
    findings = Finding.objects.filter(interview__status=HELD)
    if consultation_round is not None:
        findings = findings.filter(round=consultation_round)
    return findings


def release_candidates(consultation_round: ConsultationRound):
    """Findings the officer may release word for word at release time (one by one): those
    of held interviews that are not marked releasable."""
    return (
        counted_findings(consultation_round)
        .exclude(interview__confidentiality=Interview.Confidentiality.RELEASABLE)
        .select_related("sector")
        .only("id", "statement", "kind", "sector__name", "sector__position")
        .order_by("sector__position", "kind", "id")
    )


def finding_counts(consultation_round: ConsultationRound) -> list[dict]:
    """Counted findings by sector, district and kind (one query): stored at release."""
    return list(
        counted_findings(consultation_round)
        .order_by()
        .values("sector_id", "district_id", "kind")
        .annotate(count=Count("id"))
    )


CONTENT_SCHEMA = 2


def summary_content(consultation_round: ConsultationRound, release_findings=()) -> dict:
    """What a release freezes: figures, the statements released word for word, options.

    Never names a person or an organisation, never quotes notes or interview summaries.
    A statement is quoted only if its interview is marked releasable or its id is in
    ``release_findings`` (released one by one by the officer); the rest is counted.
    Findings of interviews that were only planned are neither quoted nor counted.
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
    chosen = {int(pk) for pk in release_findings}
    counted = counted_findings(consultation_round)
    released = Q(interview__confidentiality=Interview.Confidentiality.RELEASABLE) | Q(pk__in=chosen)
    sectors: dict[str, list] = {}
    findings = (
        counted.filter(released)
        .select_related("sector", "interview")
        .only("statement", "kind", "sector__name", "sector__position", "interview__confidentiality")
        .order_by("sector__position", "kind", "id")
    )
    for finding in findings:
        sectors.setdefault(finding.sector.name, []).append(
            {
                "finding_id": finding.pk,
                "kind": str(finding_kinds[finding.kind]),
                "statement": finding.statement,
                "released_individually": finding.interview.confidentiality
                != Interview.Confidentiality.RELEASABLE,
            }
        )
    by_finding_kind = counted.order_by().values("kind").annotate(n=Count("id"))
    finding_count = sum(row["n"] for row in by_finding_kind)
    quoted_count = sum(len(items) for items in sectors.values())
    options = ActionOption.objects.filter(round=consultation_round).exclude(
        status=ActionOption.Status.DISCARDED
    )
    return {
        "schema": CONTENT_SCHEMA,
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
        "finding_count": finding_count,
        "quoted_count": quoted_count,
        "withheld_count": finding_count - quoted_count,
        "by_finding_kind": [
            {"label": str(finding_kinds.get(row["kind"], row["kind"])), "count": row["n"]}
            for row in sorted(
                by_finding_kind, key=lambda row: list(finding_kinds).index(row["kind"])
            )
        ],
        "findings_by_sector": [
            {"sector": name, "findings": items} for name, items in sectors.items()
        ],
        "options": [
            {"title": option.title, "description": option.description}
            for option in options.order_by("title")
        ],
    }


# The checklists of the interview form (peine.lib.picker): a screenful of matches, never
# the whole register.
PICKER_LIMIT = 20
PERSON_LIMIT = 50


def _stakeholder_message(count: int, more: bool) -> str:
    if more:
        return _("The first %(count)s matches are shown; type more to narrow the search.") % {
            "count": count
        }
    if count == 0:
        return _("No stakeholder matches.")
    return ngettext("%(count)s stakeholder matches.", "%(count)s stakeholders match.", count) % {
        "count": count
    }


# Active stakeholders by name, the first screen without a search.
INTERVIEW_STAKEHOLDERS = PickerSource(
    queryset=lambda: Stakeholder.objects.filter(active=True),
    url_name="consultations:interview_stakeholder_options",
    capability=Capability.RUN_CONSULTATIONS,
    browse=True,
    limit=PICKER_LIMIT,
    message=_stakeholder_message,
)
# Contact persons of the ticked stakeholders who consented (and did not withdraw).
INTERVIEW_PERSONS = PickerSource(
    queryset=lambda: ContactPerson.objects.filter(
        consent_given_on__isnull=False, consent_withdrawn_on__isnull=True
    ),
    url_name="consultations:interview_person_options",
    capability=Capability.RUN_CONSULTATIONS,
    detail="stakeholder__name",
    browse=True,
    within="stakeholder",
    ordering=("stakeholder__name", "name", "pk"),
    limit=PERSON_LIMIT,
)


def stakeholder_matches(query: str, *, exclude=(), limit: int = PICKER_LIMIT):
    """Active stakeholders whose name contains ``query`` (all when empty), by name.

    Returns ``(rows, more)``: at most ``limit`` rows, and whether there are more.
    """
    return INTERVIEW_STAKEHOLDERS.search(query, exclude=exclude, limit=limit)


def interview_draft_for(user, interview: Interview | None):
    """``user``'s own draft of this interview's form (``None`` or an unsaved instance: of
    a new interview), or None. Never another person's draft."""
    pk = getattr(interview, "pk", None)
    drafts = InterviewDraft.objects.filter(author=user)
    drafts = drafts.filter(interview_id=pk) if pk else drafts.filter(interview__isnull=True)
    return drafts.first()


# --- the released content, as the council summaries read it --------------------------


@dataclass(frozen=True)
class Statement:
    sector: str
    kind: str
    text: str


@dataclass(frozen=True)
class ReleasedRound:
    """The latest released version of a round, read from what was stored at release."""

    summary_id: int
    version: int
    released_on: date
    evaluation: str
    interview_count: int = 0
    finding_count: int = 0
    withheld_count: int = 0
    by_stakeholder_kind: tuple[tuple[str, int], ...] = ()
    by_format: tuple[tuple[str, int], ...] = ()
    by_finding_kind: tuple[tuple[str, int], ...] = ()
    statements: tuple[Statement, ...] = ()
    options: tuple[tuple[str, str], ...] = ()


def _int(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _str(value) -> str:
    return value if isinstance(value, str) else ""


def _pairs(rows) -> tuple[tuple[str, int], ...]:
    if not isinstance(rows, list):
        return ()
    return tuple(
        (_str(row.get("label")), _int(row.get("count"))) for row in rows if isinstance(row, dict)
    )


def readable_content(content) -> dict:
    """A released summary's content as the council may read it: content written before the
    quoting rules (no schema) keeps its counts, but its statements are not shown."""
    content = dict(content) if isinstance(content, dict) else {}
    if content.get("schema") != CONTENT_SCHEMA:
        groups = content.get("findings_by_sector")
        counted = sum(
            len(group.get("findings") or []) for group in groups or [] if isinstance(group, dict)
        )
        content["findings_by_sector"] = []
        content["withheld_count"] = _int(content.get("finding_count")) or counted
    for key in ("interview_count", "finding_count", "withheld_count"):
        content[key] = _int(content.get(key))
    return content


def latest_summaries():
    """Each round's newest released version (the one the council reads)."""
    return RoundSummary.objects.filter(~Exists(newer_versions()))


def released_round(consultation_round: ConsultationRound) -> ReleasedRound | None:
    """The round's latest released version as a typed structure, or None (one query).

    Statements are read only from content written under the current rules (schema 2),
    which quote only what was released word for word; older content is counted only.
    """
    summary = (
        RoundSummary.objects.filter(round=consultation_round)
        .order_by("-version")
        .only("id", "version", "released_on", "evaluation", "content")
        .first()
    )
    if summary is None:
        return None
    content = summary.content if isinstance(summary.content, dict) else {}
    statements: list[Statement] = []
    if content.get("schema") == CONTENT_SCHEMA:
        for group in content.get("findings_by_sector") or []:
            if not isinstance(group, dict):
                continue
            for item in group.get("findings") or []:
                if isinstance(item, dict) and _str(item.get("statement")):
                    statements.append(
                        Statement(
                            _str(group.get("sector")), _str(item.get("kind")), item["statement"]
                        )
                    )
    finding_count = _int(content.get("finding_count"))
    options = content.get("options") if isinstance(content.get("options"), list) else []
    return ReleasedRound(
        summary_id=summary.pk,
        version=summary.version,
        released_on=summary.released_on,
        evaluation=summary.evaluation,
        interview_count=_int(content.get("interview_count")),
        finding_count=finding_count,
        withheld_count=finding_count - len(statements),
        by_stakeholder_kind=_pairs(content.get("by_stakeholder_kind")),
        by_format=_pairs(content.get("by_format")),
        by_finding_kind=_pairs(content.get("by_finding_kind")),
        statements=tuple(statements),
        options=tuple(
            (_str(option.get("title")), _str(option.get("description")))
            for option in options
            if isinstance(option, dict)
        ),
    )


def released_counts(*, consultation_round=None, sector=None, district=None):
    """Stored finding counts of the rounds' latest released versions, narrowed by scope."""
    counts = ReleasedFindingCount.objects.filter(summary__in=latest_summaries().values("pk"))
    if consultation_round is not None:
        counts = counts.filter(summary__round_id=consultation_round.pk)
    if sector is not None:
        counts = counts.filter(sector_id=sector.pk)
    if district is not None:
        counts = counts.filter(district_id=district.pk)
    return counts


# The models the functions of this section read: the figures cache (council.figure_cache)
# counts every change to their tables.
COUNCIL_READS = (
    ConsultationRound,
    ConsultationRound.sectors.through,
    ConsultationRound.districts.through,
    Interview,  # counted_findings: findings of held interviews only
    Finding,
    RoundSummary,
    ReleasedFindingCount,
)


def newer_versions():
    """The released versions of the same round newer than the outer query's summary
    (``OuterRef`` on ``round_id`` and ``version``): a version that has one is superseded."""
    return RoundSummary.objects.filter(
        round_id=OuterRef("round_id"), version__gt=OuterRef("version")
    )


def released_rounds():
    """Rounds with at least one released summary: the only ones the council sees."""
    return ConsultationRound.objects.filter(
        Exists(latest_summaries().filter(round_id=OuterRef("pk")))
    )


def report_rounds(*, internal: bool):
    """The rounds a report may be about: every round in the administration's view
    (``internal``), the released ones in the council's."""
    return ConsultationRound.objects.all() if internal else released_rounds()


def rounds_with_release(*, released: bool, sector=None, district=None):
    """Released rounds (``released=False``: the rounds not yet released) with their latest
    released version (``summary_id``, ``released_on``, ``summary_version``) and
    ``findings_count``: of a released round the count stored with that version, of
    another the live count of findings of held interviews; narrowed to the rounds of a
    sector or a district."""
    latest = latest_summaries().filter(round_id=OuterRef("pk"))
    rounds = ConsultationRound.objects.annotate(
        summary_id=Subquery(latest.values("pk")[:1]),
        released_on=Subquery(latest.values("released_on")[:1]),
        summary_version=Subquery(latest.values("version")[:1]),
    ).filter(summary_id__isnull=not released)
    if released:
        stored = (
            ReleasedFindingCount.objects.filter(summary_id=OuterRef("summary_id"))
            .order_by()
            .values("summary_id")
            .annotate(n=Sum("count"))
            .values("n")
        )
        findings = Coalesce(Subquery(stored, output_field=IntegerField()), 0)
    else:
        findings = count_of(counted_findings(), "round")
    rounds = rounds.annotate(findings_count=findings)
    if sector is not None:
        rounds = rounds.filter(linked(ConsultationRound, "sectors", pk=sector.pk))
    if district is not None:
        rounds = rounds.filter(linked(ConsultationRound, "districts", pk=district.pk))
    return rounds


def round_status_label(status: str):
    """The label of a round's status code (rows read with ``values()``)."""
    return ConsultationRound.Status(status).label


def finding_kinds() -> list:
    """The kinds of finding in their order (``Finding.Kind`` members: value and label)."""
    return list(Finding.Kind)
