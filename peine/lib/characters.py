"""Characters no text in the portal may hold, removed before any view sees them.

A NUL byte makes PostgreSQL refuse the string (a 500 where it reaches a query), other C0
control characters break XLSX exports and PDFs, and an unpaired surrogate cannot be
encoded as UTF-8 at all. None of them is ever typed on purpose. ``CleanInputMiddleware``
cleans every query parameter and form field (names and values) and JSON bodies of the
fetch endpoints, so every form, list filter and search is safe at once: NUL and control
characters (except tab, line feed, carriage return) are removed, an unpaired surrogate
becomes U+FFFD (the replacement character).
"""

import contextlib
import json
import re

from django.http import QueryDict

UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """``value`` without NUL and control characters, unpaired surrogates replaced."""
    if not UNSAFE.search(value):
        return value
    value = SURROGATE.sub("\ufffd", value)
    return UNSAFE.sub("", value)


def _clean_json(value):
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean_json(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(key): _clean_json(item) for key, item in value.items()}
    return value


def _clean_querydict(data: QueryDict) -> QueryDict:
    if not any(
        UNSAFE.search(key)
        or any(UNSAFE.search(value) for value in values if isinstance(value, str))
        for key, values in data.lists()
    ):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(
            clean_text(key), [clean_text(v) if isinstance(v, str) else v for v in values]
        )
    cleaned._mutable = False
    return cleaned


class CleanInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _clean_querydict(request.GET)
        if request.method == "POST":
            if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                # A broken upload (OSError): CsrfViewMiddleware and the view deal with it.
                with contextlib.suppress(OSError):
                    request.POST = _clean_querydict(request.POST)
            elif request.content_type == "application/json":
                self._clean_json_body(request)
        return self.get_response(request)

    @staticmethod
    def _clean_json_body(request) -> None:
        try:
            body = request.body
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return  # the view answers bad JSON itself
        cleaned = _clean_json(data)
        if cleaned != data:
            request._body = json.dumps(cleaned).encode()
