"""The OParl views: public, anonymous, GET only, JSON with ``Access-Control-Allow-Origin: *``.

They read no session and set no cookie; answers may be cached publicly for a few minutes.
Errors are JSON too (400 for a bad filter, 404, 405 for anything but GET, 410 for the PDF
of a withdrawn paper), never an HTML page.
"""

import json
import re
from datetime import UTC, datetime
from functools import wraps
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from oparl import files, sources
from oparl.serialize import BODY_ID, Serializer

CACHE_CONTROL = "public, max-age=300"
PAGE_SIZE = 10
MAX_PAGE_SIZE = 20
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class BadRequest(Exception):
    pass


def _json(data, status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
        status=status,
    )


def _error(status: int, message: str) -> HttpResponse:
    return _json({"error": {"status": status, "message": message}}, status=status)


def public(view):
    """Every answer of the endpoint (errors and the 405 included) is public and CORS-open."""
    guarded = require_GET(view)

    @csrf_exempt  # nothing here changes anything; a POST is answered 405, not 403
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = guarded(request, *args, **kwargs)
        if response.status_code == 405 and not response.content:
            allow = response["Allow"]
            response = _error(405, "Diese Schnittstelle kann nur gelesen werden (GET).")
            response["Allow"] = allow
        response["Access-Control-Allow-Origin"] = "*"
        response.setdefault("Cache-Control", CACHE_CONTROL)
        return response

    return wrapper


# --- lists -------------------------------------------------------------------------------


def _moment(name: str, raw: str) -> datetime:
    # An unencoded "+" of the offset arrives as a space.
    text = raw.strip().replace(" ", "+")
    try:
        # A full date-time (spec 2-05); a date alone is refused, not guessed.
        value = parse_datetime(text) if DATE_TIME.match(text) else None
        if value is not None:
            if timezone.is_naive(value):
                value = timezone.make_aware(value)
            value.astimezone(UTC)  # out-of-range offsets fail here, not in the database
    except (ValueError, OverflowError):
        value = None
    if value is None:
        raise BadRequest(
            f"Ungültiger Wert für {name}: erwartet wird ein Zeitpunkt wie "
            f"2026-01-31T09:30:00+01:00 (URL-kodiert)."
        )
    return value


def _list_params(request) -> tuple[sources.Filters, int, int, dict]:
    """Filters, page and limit of a list request; raises BadRequest for a bad value."""
    kept = {}
    moments = {}
    for name in FILTERS:
        raw = request.GET.get(name)
        if raw is not None:
            moments[name] = _moment(name, raw)
            kept[name] = raw.strip().replace(" ", "+")
    limit = PAGE_SIZE
    raw_limit = request.GET.get("limit", "")
    if raw_limit.isdigit() and int(raw_limit) > 0:
        limit = min(int(raw_limit), MAX_PAGE_SIZE)
        kept["limit"] = str(limit)
    raw_page = request.GET.get("page", "1")
    if not raw_page.isdigit() or int(raw_page) < 1:
        raise BadRequest("Ungültige Seitenzahl: erwartet wird eine ganze Zahl ab 1.")
    return sources.Filters(**moments), int(raw_page), limit, kept


def _page_url(request, kept: dict, page: int) -> str:
    params = dict(kept)
    if page > 1:
        params["page"] = str(page)
    query = urlencode(sorted(params.items()))
    return request.build_absolute_uri(request.path + (f"?{query}" if query else ""))


def _list_response(request, fetch) -> HttpResponse:
    """A list page: ``fetch(filters, offset, limit)`` returns (total, data)."""
    try:
        filters, page, limit, kept = _list_params(request)
    except BadRequest as error:
        return _error(400, str(error))
    total, data = fetch(filters, (page - 1) * limit, limit)
    last = max(1, -(-total // limit))
    links = {
        "first": _page_url(request, kept, 1),
        "self": _page_url(request, kept, page),
        "last": _page_url(request, kept, last),
    }
    if page > 1:
        links["prev"] = _page_url(request, kept, min(page - 1, last))
    if page < last:
        links["next"] = _page_url(request, kept, page + 1)
    pagination = {
        "totalElements": total,
        "elementsPerPage": limit,
        "currentPage": page,
        "totalPages": last,
    }
    return _json({"data": data, "pagination": pagination, "links": links})


def _empty(filters, offset, limit):
    return 0, []


# --- views -------------------------------------------------------------------------------


@public
def system(request: HttpRequest) -> HttpResponse:
    return _json(Serializer(request).system())


@public
def body_list(request: HttpRequest) -> HttpResponse:
    body = Serializer(request).body()
    # The body has no creation date; the date filters do not exclude it.
    return _list_response(request, lambda f, offset, limit: (1, [body][offset : offset + limit]))


def _known_body(view):
    @wraps(view)
    def wrapper(request, body: str, **kwargs):
        if body != BODY_ID:
            return _error(404, "Diese Körperschaft gibt es hier nicht.")
        return view(request, **kwargs)

    return wrapper


@public
@_known_body
def body(request: HttpRequest) -> HttpResponse:
    return _json(Serializer(request).body())


@public
@_known_body
def empty_list(request: HttpRequest) -> HttpResponse:
    """Organizations, persons, meetings: the portal publishes none (no personal data)."""
    return _list_response(request, _empty)


@public
@_known_body
def papers(request: HttpRequest) -> HttpResponse:
    serializer = Serializer(request)

    def fetch(filters, offset, limit):
        total, records = sources.paper_page(filters, offset, limit)
        return total, [serializer.paper(source, record) for source, record in records]

    return _list_response(request, fetch)


def _record(view):
    @wraps(view)
    def wrapper(request, source: str, pk: int):
        record = sources.get(source, pk)
        if record is None:
            return _error(404, "Dieses Objekt gibt es nicht.")
        return view(request, source, record)

    return wrapper


@public
@_record
def paper(request: HttpRequest, source: str, record) -> HttpResponse:
    return _json(Serializer(request).paper(source, record))


@public
@_record
def file(request: HttpRequest, source: str, record) -> HttpResponse:
    return _json(Serializer(request).file(source, record))


def _pdf(request, source, record, *, attachment: bool) -> HttpResponse:
    if record.superseded_at is not None:
        return _error(410, "Diese Fassung wurde durch eine neuere ersetzt.")
    pdf = files.pdf_for(source, record)
    if pdf.etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(pdf.content, content_type="application/pdf")
        response["Content-Length"] = str(pdf.size)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{files.filename(source, record)}"'
    response["ETag"] = pdf.etag
    response["Last-Modified"] = http_date(record.created.timestamp())
    return response


@public
@_record
def file_access(request: HttpRequest, source: str, record) -> HttpResponse:
    return _pdf(request, source, record, attachment=False)


@public
@_record
def file_download(request: HttpRequest, source: str, record) -> HttpResponse:
    return _pdf(request, source, record, attachment=True)


@public
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """JSON 404; a path missing only its final slash goes to the canonical URL (301)."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not_found":
            query = request.META.get("QUERY_STRING", "")
            target = request.path + "/" + (f"?{query}" if query else "")
            return HttpResponsePermanentRedirect(target)
    return _error(404, f"Unbekannte Adresse; der Einstieg ist {reverse('oparl:system')}.")
