"""Pages of data protection: access requests (Art. 15) and erasure (Art. 17).

Officer only (``Capability.HANDLE_PRIVACY_REQUESTS``); the read log and what falls due
also for the admin (``Capability.READ_PRIVACY_RECORDS``, counts and staff only).
No page is kept in a cache: each is for a signed-in person (``peine.lib.caching``).
"""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from consultations.signals import notes_read
from peine.lib.exports import export_response
from peine.roles import Capability, guard
from privacy import selectors, services
from privacy.forms import EraseForm, ExportForm, PersonSearchForm
from privacy.models import AccessRequest, ErasureLog
from privacy.services import ERASURE_CATEGORIES


@guard(Capability.HANDLE_PRIVACY_REQUESTS)
@require_http_methods(["GET"])
def index(request):
    return render(
        request,
        "privacy/index.html",
        {
            "requests": AccessRequest.objects.select_related("handled_by")[:20],
            "erasures": [
                (log, [(ERASURE_CATEGORIES.get(k, k), n) for k, n in log.counts.items()])
                for log in ErasureLog.objects.select_related("performed_by")[:20]
            ],
            "search_form": PersonSearchForm(),
        },
    )


@guard(Capability.HANDLE_PRIVACY_REQUESTS)
@require_http_methods(["GET"])
def access(request):
    """The person's file: every place the portal holds their data, and the export."""
    form = PersonSearchForm(request.GET if "q" in request.GET else None)
    person = None
    export_form = None
    if form.is_bound and form.is_valid():
        person = selectors.find_person(form.cleaned_data["q"])
        export_form = ExportForm(initial={"q": person.query})
    return render(
        request,
        "privacy/access.html",
        {"form": form, "person": person, "export_form": export_form},
    )


@guard(Capability.HANDLE_PRIVACY_REQUESTS)
@require_http_methods(["POST"])
def access_export(request):
    """Logs the request and returns the file (PDF, JSON or CSV)."""
    form = ExportForm(request.POST)
    person = None
    if form.is_valid():
        person = selectors.find_person(form.cleaned_data["q"])
        try:
            services.access_request_log(
                person=person,
                user=request.user,
                received_on=form.cleaned_data["received_on"],
                reference=form.cleaned_data["reference"],
                format=form.cleaned_data["format"],
            )
        except services.PrivacyError as error:
            form.add_error("reference", str(error))
        else:
            return _export_response(request, person, form.cleaned_data["format"])
    elif form.cleaned_data.get("q"):
        person = selectors.find_person(form.cleaned_data["q"])
    search = PersonSearchForm({"q": request.POST.get("q", "")})
    search.is_valid()
    return render(
        request,
        "privacy/access.html",
        {"form": search, "person": person, "export_form": form},
        status=200,
    )


def _export_response(request, person, format: str) -> HttpResponse:
    data = selectors.person_export_data(person)
    notes_read.send(
        AccessRequest, user=request.user, interview_ids=data["notes_interviews"], channel="export"
    )
    stamp = timezone.localdate().isoformat()
    filename = f"auskunft-art15-{stamp}"
    if format == AccessRequest.Format.JSON:
        body = json.dumps(data["export"], ensure_ascii=False, indent=2, default=str)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    elif format == AccessRequest.Format.CSV:
        response = export_response(
            filename=filename,
            headers=[_("section"), _("kind"), _("where"), _("field"), _("content")],
            rows=data["rows"],
            fmt="csv",
            for_programs=True,
        )
    else:
        from peine.lib.pdf import render_pdf

        html = render_to_string(
            "privacy/export_pdf.html", {"data": data["export"], "today": timezone.localdate()}
        )
        response = HttpResponse(
            render_pdf(html, base_url=request.build_absolute_uri("/")),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


@guard(Capability.HANDLE_PRIVACY_REQUESTS)
@require_http_methods(["GET", "POST"])
def erase(request):
    """GET ?q=: the preview (what will be erased, which places redacted); POST erases."""
    data = request.POST if request.method == "POST" else None
    form = EraseForm(data, initial={"q": request.GET.get("q", "")})
    query = request.POST.get("q") if data is not None else request.GET.get("q", "")
    chosen = None
    if data is not None:
        chosen = [int(v) for v in data.getlist("contacts") if v.isdecimal() and len(v) < 19]
    person = selectors.find_person(query or "", contact_ids=chosen) if query else None
    if data is not None and form.is_valid() and person is not None:
        try:
            services.person_erase(
                person=person,
                redact=set(data.getlist("redact")),
                user=request.user,
                reference=form.cleaned_data["reference"],
            )
        except services.PrivacyError as error:
            form.add_error("reference", str(error))
        else:
            messages.success(
                request,
                _("The person has been erased; the erasure is logged without their data."),
            )
            return redirect("privacy:index")
    redact = set(data.getlist("redact")) if data is not None else None
    return render(
        request,
        "privacy/erase.html",
        {"form": form, "person": person, "query": query, "redact": redact},
    )


READ_LOG_PAGE_SIZE = 50


@guard(Capability.READ_PRIVACY_RECORDS)
@require_http_methods(["GET"])
def read_log(request):
    """Who opened which interview's confidential notes, filtered by person and date.

    The log grows with every opening: the pages count at most ``COUNT_CAP`` entries."""
    from peine.lib.pagination import capped_page
    from privacy.forms import ReadLogFilterForm
    from privacy.models import NoteReadLog

    form = ReadLogFilterForm(request.GET or None)
    entries = NoteReadLog.objects.select_related("user", "interview__round")
    if form.is_valid():
        if form.cleaned_data["user"]:
            entries = entries.filter(user__email__icontains=form.cleaned_data["user"])
        if form.cleaned_data["since"]:
            entries = entries.filter(read_at__date__gte=form.cleaned_data["since"])
        if form.cleaned_data["until"]:
            entries = entries.filter(read_at__date__lte=form.cleaned_data["until"])
    page = capped_page(request, entries, per_page=READ_LOG_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "privacy/read_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@guard(Capability.READ_PRIVACY_RECORDS)
@require_http_methods(["GET"])
def retention_due(request):
    """Counts (never names) of what the retention rules reach now and within a month."""
    from datetime import timedelta

    from django.conf import settings

    from privacy import retention

    return render(
        request,
        "privacy/retention.html",
        {
            "now": retention.due(),
            "next_month": retention.due(timezone.now() + timedelta(days=31)),
            "periods": {
                "notes": settings.NOTES_RETENTION_DAYS,
                "review": settings.CONTACT_REVIEW_DAYS,
                "grace": settings.CONTACT_REVIEW_GRACE_DAYS,
                "read_log": settings.NOTE_READ_LOG_DAYS,
            },
        },
    )


@guard(Capability.READ_PRIVACY_RECORDS)
@require_http_methods(["GET"])
def records(request):
    """Records of processing (Art. 30 GDPR), generated from privacy/records.py."""
    from django.conf import settings

    from privacy import records as declared

    return render(
        request,
        "privacy/records.html",
        {
            "records": declared.rows(),
            "exemptions": declared.exemptions(),
            "privacy_contact": settings.PRIVACY_CONTACT_EMAIL,
            "backup_dir": settings.BACKUP_DIR,
        },
    )
