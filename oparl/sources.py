"""What the endpoint publishes, read in one place: the council's editions, and the
released summaries through ``consultations.selectors`` (never the domain's models).

Two sources become OParl papers:

- ``edition``: a report frozen for a council meeting (``ReportEdition``; always the
  council's view). An edition is *withdrawn* (OParl: deleted) when the same report (kind
  and subject) is frozen again for the same meeting date: the newer one replaces it.
- ``summary``: a released version of a round summary (``RoundSummary``; every row is a
  release, frozen by a database trigger). A version is *withdrawn* when a newer version of
  the same round is released.

The moment a record is withdrawn is the creation of the record that replaces it; that is
the OParl ``modified`` of the deleted object. ``created`` and ``modified`` are whole
seconds (OParl's date-time has no fractions), and the list filters compare exactly those.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Trunc
from django.template.loader import render_to_string
from django.utils import translation

from consultations.selectors import newer_versions, released_summaries

# ReportEdition moves into council (issue 11): this import is the only one to change.
from council.models import ReportEdition

EDITION, SUMMARY = "edition", "summary"
SOURCES = (EDITION, SUMMARY)


@dataclass(frozen=True)
class Filters:
    """The OParl list filters (all optional, inclusive bounds)."""

    created_since: datetime | None = None
    created_until: datetime | None = None
    modified_since: datetime | None = None
    modified_until: datetime | None = None

    def apply(self, queryset: QuerySet) -> QuerySet:
        # Deleted objects only appear when a client asks what changed (spec 2-05).
        if self.modified_since is None:
            queryset = queryset.filter(superseded_at__isnull=True)
        bounds = {
            "created__gte": self.created_since,
            "created__lte": self.created_until,
            "modified__gte": self.modified_since,
            "modified__lte": self.modified_until,
        }
        return queryset.filter(**{key: value for key, value in bounds.items() if value})


def _stamped(queryset: QuerySet, superseded_by: QuerySet) -> QuerySet:
    superseded_at = Subquery(superseded_by.order_by("created_at", "pk").values("created_at")[:1])
    return queryset.annotate(
        superseded_at=superseded_at,
        # Whole seconds, truncated in UTC (local truncation would compare naive values).
        created=Trunc("created_at", "second", tzinfo=UTC),
        modified=Trunc(Coalesce(superseded_at, F("created_at")), "second", tzinfo=UTC),
    )


def editions() -> QuerySet:
    newer = ReportEdition.objects.filter(
        kind=OuterRef("kind"), subject=OuterRef("subject"), meeting_date=OuterRef("meeting_date")
    ).filter(
        Q(created_at__gt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__gt=OuterRef("pk"))
    )
    queryset = ReportEdition.objects.only(
        "kind", "subject", "title", "meeting_date", "data_as_of", "created_at"
    )
    return _stamped(queryset, newer)


def summaries() -> QuerySet:
    # The selector's fields plus the frozen text the PDF prints (never who released it).
    queryset = released_summaries().only(
        "id", "version", "released_on", "evaluation", "content", "created_at", "round__title"
    )
    return _stamped(queryset, newer_versions())


def querysets() -> dict[str, QuerySet]:
    return {EDITION: editions(), SUMMARY: summaries()}


def paper_page(filters: Filters, offset: int, limit: int) -> tuple[int, list]:
    """One page of papers of both sources, oldest first (stable: created, source, id)."""
    parts = [
        filters.apply(queryset)
        .annotate(source=Value(source))
        .values_list("created", "source", "id")
        .order_by()
        for source, queryset in querysets().items()
    ]
    union = parts[0].union(parts[1], all=True)
    total = union.count()
    keys = list(union.order_by("created", "source", "id")[offset : offset + limit])
    wanted = {source: [pk for _, s, pk in keys if s == source] for source in SOURCES}
    loaded = {
        source: {obj.pk: obj for obj in querysets()[source].filter(pk__in=wanted[source])}
        for source in SOURCES
        if wanted[source]
    }
    return total, [(source, loaded[source][pk]) for _, source, pk in keys]


def get(source: str, pk: int):
    """One published record with its stamps, or None."""
    if source not in SOURCES:
        return None
    return querysets()[source].filter(pk=pk).first()


# --- the PDF's HTML ----------------------------------------------------------------------


def edition_html(edition) -> str:
    """The edition as the council's PDF shows it, made at the moment it was frozen."""
    return _document(
        title=edition.title,
        body=edition.content,
        frozen=True,
        meeting_date=edition.meeting_date,
        made_at=edition.created_at,
        data_as_of=edition.data_as_of,
    )


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _count(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _dicts(value) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def known_content(content) -> dict:
    """The keys ``summary_content.html`` reads, in the types it expects; nothing else.

    A released summary's JSON is frozen in whatever shape its release wrote; an older or
    odd shape must neither break the PDF nor let an unknown key through.
    """
    content = content if isinstance(content, dict) else {}
    rows = {
        key: [
            {"label": _text(row.get("label")), "count": _count(row.get("count"))}
            for row in _dicts(content.get(key))
        ]
        for key in ("by_stakeholder_kind", "by_format")
    }
    sectors = [
        {
            "sector": _text(group.get("sector")),
            "findings": [
                {"kind": _text(item.get("kind")), "statement": _text(item.get("statement"))}
                for item in _dicts(group.get("findings"))
            ],
        }
        for group in _dicts(content.get("findings_by_sector"))
    ]
    return {
        **{key: _text(content.get(key)) for key in ("guiding_question", "starts_on", "ends_on")},
        **rows,
        "interview_count": _count(content.get("interview_count")),
        "finding_count": sum(len(group["findings"]) for group in sectors),
        "findings_by_sector": sectors,
        "options": [
            {"title": _text(o.get("title")), "description": _text(o.get("description"))}
            for o in _dicts(content.get("options"))
        ],
    }


def summary_html(summary) -> str:
    """The released version as the council reads it (only the content's known keys)."""
    content = known_content(summary.content)
    with translation.override("de"):
        body = render_to_string(
            "consultations/includes/summary_content.html",
            {"content": content, "evaluation": summary.evaluation},
        )
    return _document(
        title=summary_title(summary),
        body=body,
        frozen=False,
        meeting_date=None,
        made_at=summary.created_at,
        data_as_of=summary.created_at,
    )


def summary_title(summary) -> str:
    content = summary.content if isinstance(summary.content, dict) else {}
    title = content.get("title") if isinstance(content.get("title"), str) else ""
    return (
        f"{title or summary.round.title}: Zusammenfassung für den Rat, "
        f"Version {summary.version} vom {summary.released_on:%d.%m.%Y}"
    )


def _document(**context) -> str:
    # German and the same clock for every reader, so the bytes never depend on the request.
    with translation.override("de"):
        return render_to_string("council/pdf.html", context)


def render_pdf(html: str) -> bytes:
    from peine.lib.pdf import render_pdf as weasyprint_render  # loads Pango

    return weasyprint_render(html, base_url=settings.SITE_URL.rstrip("/") + "/")


def rendering_inputs() -> list[str]:
    """Files whose content shapes a PDF's bytes (for the cache key)."""
    from django.contrib.staticfiles import finders
    from django.template.loader import get_template

    from peine.lib.pdf import STYLESHEETS

    paths = [
        get_template(name).origin.name
        for name in ("council/pdf.html", "consultations/includes/summary_content.html")
    ]
    paths += [finders.find(name) or "" for name in STYLESHEETS]
    paths.append(str(settings.BASE_DIR / "locale" / "de" / "LC_MESSAGES" / "django.mo"))
    return paths
