"""Spreadsheet import: upload, preview (nothing written), confirm (one transaction).

Between preview and confirmation the checked rows wait in the session (the database
session store, signed by its key), under a random token that the confirmation form
carries; an upload replaces any earlier one.
"""

import secrets

from django.contrib import messages
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from peine.lib.exports import export_response
from peine.roles import Capability, guard
from stakeholders.forms import ImportUploadForm
from stakeholders.importing import parse_file, template_rows
from stakeholders.services import import_rows

SESSION_KEY = "stakeholders_import"
CAPABILITY = Capability.EDIT_STAKEHOLDERS


@guard(CAPABILITY)
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        preview = parse_file(upload.name, upload.read())
        request.session.pop(SESSION_KEY, None)
        if preview.file_errors:
            # The file as a whole cannot be read: say so next to the file field.
            for error in preview.file_errors:
                form.add_error("file", error)
            preview = None
        elif preview.clean:
            token = secrets.token_urlsafe(16)
            request.session[SESSION_KEY] = {
                "token": token,
                "filename": upload.name,
                **preview.payload(),
            }
            return render(
                request,
                "stakeholders/import.html",
                {
                    "form": ImportUploadForm(),
                    "preview": preview,
                    "token": token,
                    "counts": {s: preview.count(s) for s in ("new", "changed", "unchanged")},
                },
            )
    return render(request, "stakeholders/import.html", {"form": form, "preview": preview})


@guard(CAPABILITY)
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    stored = request.session.get(SESSION_KEY)
    if not stored or not secrets.compare_digest(
        stored.get("token", ""), request.POST.get("token", "")
    ):
        messages.error(
            request,
            _(
                "This import is no longer available (the session ended or another file was "
                "uploaded). Please upload the file again."
            ),
        )
        return redirect("stakeholders:import")
    try:
        counts = import_rows(rows=stored["rows"], columns=stored["columns"])
    except DatabaseError:
        messages.error(
            request,
            _(
                "The import could not be saved because the register changed in the meantime. "
                "Nothing has been imported; please upload the file again."
            ),
        )
        return redirect("stakeholders:import")
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _(
            "Import finished: %(created)d stakeholders created, %(updated)d updated, "
            "%(contacts)d contact persons added or changed."
        )
        % counts,
    )
    return redirect("stakeholders:list")


@guard(CAPABILITY)
@require_safe
def import_template(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", "xlsx")
    headers, rows = template_rows()
    return export_response(
        filename="akteure-importvorlage",
        headers=headers,
        rows=rows,
        fmt=fmt if fmt in ("csv", "xlsx") else "xlsx",
    )
