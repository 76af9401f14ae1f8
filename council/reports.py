"""The four kinds of report and how a page, a PDF, a CSV file and an edition get one.

A report is looked up by kind and subject (a sector's or district's slug, a round's id).
``internal`` adds the figures only officer and reviewer see; downloads and frozen
editions are always the council's view, since they go to council meetings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations import selectors as consultations
from council import figure_cache, selectors
from council.models import ReportEdition
from council.selectors import Scope, Summary
from measures import selectors as measures
from peine.lib.pagination import capped_page
from peine.models import District, Sector

Kind = ReportEdition.Kind


@dataclass
class Report:
    kind: str
    subject: str
    title: str
    scope: Scope
    summary: Summary | None = None
    data_as_of: datetime | None = None
    obj: object = None
    body: str = ""  # the rendered figures, lists and data date (pages and PDF)

    @property
    def body_template(self) -> str:
        return f"council/body/{self.kind}.html"

    def url(self, suffix: str = "") -> str:
        name = {
            Kind.DASHBOARD: "dashboard",
            Kind.SECTOR: "sector_report",
            Kind.DISTRICT: "district_report",
            Kind.ROUND: "round_report",
        }[self.kind]
        kwargs = {} if self.kind == Kind.DASHBOARD else {"subject": self.subject}
        return reverse(f"council:{name}{suffix}", kwargs=kwargs)

    @property
    def filename(self) -> str:
        stamp = self.data_as_of.strftime("%Y-%m-%d")
        subject = f"-{self.subject}" if self.subject else ""
        return f"bericht-{self.kind}{subject}-{stamp}"

    def render_body(self, **context) -> str:
        return render_to_string(self.body_template, {"report": self, **context})


@dataclass(frozen=True)
class Computed:
    """What is cached of a report: its figures, when their data was read, and the body."""

    summary: Summary
    data_as_of: datetime
    body: str


def _sector(subject: str, internal: bool, reader):
    sector = get_object_or_404(Sector.objects.only("name", "slug", "description"), slug=subject)
    return (
        sector,
        Scope(internal=internal, sector=sector, reader=reader),
        _("Report: %(name)s") % {"name": sector.name},
    )


def _district(subject: str, internal: bool, reader):
    district = get_object_or_404(
        District.objects.only("name", "slug", "kind", "residents"), slug=subject
    )
    return (
        district,
        Scope(internal=internal, district=district, reader=reader),
        _("Report: %(name)s") % {"name": district.name},
    )


def _round(subject: str, internal: bool, reader):
    if not subject.isdigit() or len(subject) > 12:
        raise Http404
    rounds = consultations.report_rounds(internal=internal)
    round_ = get_object_or_404(
        rounds.only("title", "guiding_question", "starts_on", "ends_on", "status"),
        pk=int(subject),
    )
    return (
        round_,
        Scope(internal=internal, round=round_, reader=reader),
        _("Consultation round: %(title)s") % {"title": round_.title},
    )


_SUBJECTS: dict[str, Callable] = {
    Kind.SECTOR: _sector,
    Kind.DISTRICT: _district,
    Kind.ROUND: _round,
}
_SELECTORS: dict[str, Callable[[Scope], Summary]] = {
    Kind.DASHBOARD: selectors.dashboard,
    Kind.SECTOR: selectors.sector_report,
    Kind.DISTRICT: selectors.district_report,
    Kind.ROUND: selectors.round_report,
}


def get_report(kind: str, subject: str = "", *, internal: bool = False, reader=None) -> Report:
    """The report of ``kind`` about ``subject``; Http404 when the reader may not see it.

    ``reader`` is the signed-in user whose view a page shows (the measures they may see);
    None is the council's view, which downloads and frozen editions always show.
    """
    if kind not in _SELECTORS:
        raise Http404
    if kind == Kind.DASHBOARD:
        obj, scope, title = (
            None,
            Scope(internal=internal, reader=reader),
            _("Council dashboard"),
        )
    else:
        obj, scope, title = _SUBJECTS[kind](subject, internal, reader)
    report = Report(kind=kind, subject=subject, title=title, scope=scope, obj=obj)
    audience = measures.audience(reader)
    view = "internal" if internal else "council"
    name = f"report:{kind}:{getattr(obj, 'pk', '')}:{audience}:{view}"
    computed = figure_cache.cached(name, lambda: _compute(report))
    report.summary, report.data_as_of, report.body = (
        computed.summary,
        computed.data_as_of,
        computed.body,
    )
    return report


def _compute(report: Report) -> Computed:
    """The report's figures and body. Computed once per change of the data they count and
    then shared by every reader of the same audience (``council.figure_cache``);
    the data date is when they were read, which stays true until the data changes."""
    report.data_as_of = timezone.now()
    report.summary = _SELECTORS[report.kind](report.scope)
    return Computed(report.summary, report.data_as_of, report.render_body())


ROUND_PAGE_SIZE = 50


def report_index(request, *, internal: bool) -> dict:
    """What the reports page lists: every sector and district, and one page of rounds
    (newest first, ``ROUND_PAGE_SIZE`` a page, turned by ``?page=``); four queries."""
    rounds = consultations.report_rounds(internal=internal)
    rounds = rounds.order_by("-starts_on", "-pk").only("title", "starts_on", "ends_on")
    page_obj = capped_page(request, rounds, per_page=ROUND_PAGE_SIZE)
    return {
        "sectors": list(Sector.objects.filter(active=True).only("name", "slug")),
        "districts": list(District.objects.filter(active=True).only("name", "slug", "kind")),
        "rounds": page_obj.object_list,
        "page_obj": page_obj,
        "paginator": page_obj.paginator,
        "is_paginated": page_obj.has_other_pages(),
    }


def csv_rows(figures) -> list[list]:
    """Long format: one line per figure, category and column, with the raw number."""
    return [
        [figure.title, row.label, column, value]
        for figure in figures
        for row in figure.rows
        for column, value in zip(figure.columns, row.values, strict=True)
    ]


CSV_HEADERS = [_("Figure"), _("Category"), _("Column"), _("Value")]
