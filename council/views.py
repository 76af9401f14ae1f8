"""The council dashboard, the reports, their PDF and CSV downloads and frozen editions.

Pages add internal figures for officer and reviewer; downloads and editions are always
the council's view, because they are what goes to a council meeting.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_http_methods

from council import reports
from council.forms import EditionForm
from council.models import ReportEdition
from council.selectors import Figure
from council.services import edition_create
from peine.lib.exports import export_response
from peine.roles import Capability, GuardMixin, guard, has_capability


def _internal(request) -> bool:
    return has_capability(request.user, Capability.READ_INTERNAL)


def _page(request, kind, subject=""):
    report = reports.get_report(
        kind, str(subject), internal=_internal(request), reader=request.user
    )
    edition_form = None
    if has_capability(request.user, Capability.FREEZE_EDITIONS):
        edition_form = EditionForm(
            initial={"kind": kind, "subject": report.subject, "meeting_date": timezone.localdate()}
        )
    return render(
        request,
        "council/report_page.html",
        {"report": report, "edition_form": edition_form, "internal": report.scope.internal},
    )


def _pdf(request, kind, subject=""):
    report = reports.get_report(kind, str(subject), internal=False)
    html = render_to_string(
        "council/pdf.html",
        {
            "title": report.title,
            "body": report.body,
            "made_at": timezone.now(),
            "data_as_of": report.data_as_of,
        },
        request=request,
    )
    from peine.lib.pdf import pdf_response  # WeasyPrint loads Pango: only when needed

    return pdf_response(html, base_url=request.build_absolute_uri("/"), filename=report.filename)


def _csv(request, kind, subject=""):
    report = reports.get_report(kind, str(subject), internal=False)
    return export_response(
        filename=report.filename,
        headers=reports.CSV_HEADERS,
        rows=reports.csv_rows(report.summary.figures),
        fmt="csv",
    )


K = ReportEdition.Kind
OUTPUTS = {"page": _page, "pdf": _pdf, "csv": _csv}


class ReportView(GuardMixin, View):
    """One report as its page, its PDF or its CSV. council/urls.py names each of the twelve
    (``sector_report_pdf`` is ``ReportView.as_view(kind=K.SECTOR, output="pdf")``); the
    subject is a slug or a round's id. Downloads are always the council's view."""

    capabilities = (Capability.VIEW_DASHBOARD,)
    http_method_names = ["get"]
    kind = K.DASHBOARD
    output = "page"

    def get(self, request: HttpRequest, subject="") -> HttpResponse:
        return OUTPUTS[self.output](request, self.kind, subject)


@guard(Capability.VIEW_DASHBOARD)
@require_GET
def report_index(request: HttpRequest) -> HttpResponse:
    context = reports.report_index(request, internal=_internal(request))
    return render(request, "council/report_index.html", context)


# --- editions -------------------------------------------------------------------------


@guard(Capability.VIEW_DASHBOARD)
@require_GET
def edition_list(request: HttpRequest) -> HttpResponse:
    editions = ReportEdition.objects.only(
        "kind", "subject", "title", "meeting_date", "data_as_of"
    ).order_by("-meeting_date", "-created_at")[:200]
    return render(request, "council/edition_list.html", {"editions": editions})


def _edition(pk) -> ReportEdition:
    return get_object_or_404(ReportEdition.objects.defer("created_by"), pk=pk)


@guard(Capability.VIEW_DASHBOARD)
@require_GET
def edition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "council/edition_detail.html", {"edition": _edition(pk)})


@guard(Capability.VIEW_DASHBOARD)
@require_GET
def edition_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition(pk)
    html = render_to_string(
        "council/pdf.html",
        {
            "title": edition.title,
            "body": edition.content,
            "frozen": True,
            "meeting_date": edition.meeting_date,
            "made_at": timezone.now(),
            "data_as_of": edition.data_as_of,
        },
        request=request,
    )
    from peine.lib.pdf import pdf_response

    filename = f"ausgabe-{edition.pk}-{edition.meeting_date:%Y-%m-%d}"
    return pdf_response(html, base_url=request.build_absolute_uri("/"), filename=filename)


@guard(Capability.VIEW_DASHBOARD)
@require_GET
def edition_csv(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition(pk)
    try:
        figures = [Figure.from_json(data) for data in edition.figures.get("figures", [])]
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:
        raise Http404 from error
    return export_response(
        filename=f"ausgabe-{edition.pk}-{edition.meeting_date:%Y-%m-%d}",
        headers=reports.CSV_HEADERS,
        rows=reports.csv_rows(figures),
        fmt="csv",
    )


@guard(Capability.FREEZE_EDITIONS)
@require_http_methods(["GET", "POST"])
def edition_create_view(request: HttpRequest) -> HttpResponse:
    """GET shows the confirmation with the meeting date; POST freezes the report."""
    data = request.POST if request.method == "POST" else None
    initial = {
        "kind": request.GET.get("kind", K.DASHBOARD),
        "subject": request.GET.get("subject", "")[:80],
        "meeting_date": timezone.localdate(),
    }
    form = EditionForm(data, initial=initial)
    report = None
    if form.is_valid():
        try:
            report = reports.get_report(
                form.cleaned_data["kind"], form.cleaned_data["subject"], internal=False
            )
        except Http404:
            form.add_error(None, _("This report does not exist or is not released."))
    if request.method == "POST" and report is not None:
        edition = edition_create(
            kind=form.cleaned_data["kind"],
            subject=form.cleaned_data["subject"],
            meeting_date=form.cleaned_data["meeting_date"],
            user=request.user,
        )
        messages.success(request, _("The edition has been frozen."))
        return redirect("council:edition_detail", pk=edition.pk)
    return render(request, "council/edition_form.html", {"form": form})
