"""One-time form tokens: a form sent twice (a double click, a resent request) creates once.

Every create form carries ``{% submission_token %}`` (``peine/templatetags/submissions.py``)
next to ``{% csrf_token %}``: a fresh random token per form view, in a hidden field.
``OnceOnlySubmissionMiddleware`` consumes the token on the server with an
``INSERT ... ON CONFLICT DO NOTHING`` into ``peine_formsubmission`` inside the request's
transaction. A second request with the same token waits on the primary key until the first
one commits, then finds the token taken and is sent where the first one went (the new
record) with a message, instead of creating a second record. If the first request ends
without a redirect (the form had errors) or fails, its token is released, so the corrected
form can be sent again.
"""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.db import connection, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

FIELD = "_submission"
# Taken tokens are kept this long; a form open longer than that is not guarded any more.
KEEP = timedelta(days=2)
REDIRECTS = frozenset({301, 302, 303})


def new_token() -> str:
    return uuid.uuid4().hex


def _parse(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError):
        return None


def claim(token: uuid.UUID, path: str) -> bool:
    """Takes ``token``; False if another request took it (waits for that one to end)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO peine_formsubmission (token, path, result_url, created_at)"
            " VALUES (%s, %s, '', now()) ON CONFLICT (token) DO NOTHING RETURNING token",
            [token, path[:500]],
        )
        return cursor.fetchone() is not None


def first_result(token: uuid.UUID) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT result_url FROM peine_formsubmission WHERE token = %s", [token])
        row = cursor.fetchone()
    return row[0] if row else ""


def purge(now=None) -> int:
    """Removes tokens taken longer ago than ``KEEP``."""
    from peine.models import FormSubmission

    before = (now or timezone.now()) - KEEP
    deleted, _rows = FormSubmission.objects.filter(created_at__lt=before).delete()
    return deleted


class OnceOnlySubmissionMiddleware:
    """Consumes the form token of a POST; a second POST with the same token creates nothing.

    Stands last in ``MIDDLEWARE`` (inside ``RequestDeadlineMiddleware``'s transaction, so a
    request stopped at its deadline releases its token too) and opens a transaction of its
    own for requests that run without that one (threads of a development server).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _parse(request.POST.get(FIELD, "")) if request.method == "POST" else None
        if token is None:
            return self.get_response(request)
        with transaction.atomic():
            if not claim(token, request.path):
                return self._again(request, first_result(token))
            response = self.get_response(request)
            with connection.cursor() as cursor:
                if response.status_code in REDIRECTS:
                    cursor.execute(
                        "UPDATE peine_formsubmission SET result_url = %s WHERE token = %s",
                        [response.get("Location", "")[:2000], token],
                    )
                else:
                    # The form comes back (errors, a conflict): it may be sent again.
                    cursor.execute("DELETE FROM peine_formsubmission WHERE token = %s", [token])
                cursor.execute(
                    "DELETE FROM peine_formsubmission WHERE created_at < %s",
                    [timezone.now() - KEEP],
                )
        return response

    @staticmethod
    def _again(request, result_url: str):
        messages.info(
            request,
            _(
                "This form had already been sent and was saved once; it was not saved a "
                "second time. Here is the result of the first sending."
            ),
            fail_silently=True,
        )
        return redirect(result_url or request.get_full_path())
