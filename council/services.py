"""Freezing a report as a dated edition for a council meeting."""

from datetime import date

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from council.models import ReportEdition
from council.reports import get_report
from peine.models import User


def edition_create(*, kind: str, subject: str, meeting_date: date, user: User) -> ReportEdition:
    """Render the council's view of a report now and store it unchanged.

    The edition keeps the HTML the council reads and the figures as JSON (for the CSV
    download), so it reads the same whatever later happens to the records.
    """
    report = get_report(kind, subject, internal=False)
    content = report.render_body(frozen=True)
    stamp = date_format(meeting_date, "d.m.Y")
    title = _("%(title)s (as of %(date)s)") % {"title": report.title, "date": stamp}
    with transaction.atomic():
        return ReportEdition.objects.create(
            kind=kind,
            subject=str(subject),
            title=title[:300],
            meeting_date=meeting_date,
            data_as_of=report.data_as_of,
            content=content,
            figures={"figures": [figure.as_json() for figure in report.summary.figures]},
            created_by=user,
        )
