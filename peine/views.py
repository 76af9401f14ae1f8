import logging
import smtplib

from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from peine.context_processors import entries_for
from peine.forms import AccessibilityFeedbackForm
from peine.lib import ratelimit
from peine.roles import ROLE_LABELS, Role, guard, user_roles

logger = logging.getLogger(__name__)

# The public feedback form sends mail: at most this many messages per address and window.
FEEDBACK_LIMIT = 5
FEEDBACK_WINDOW_SECONDS = 10 * 60


@guard()
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What the person may use; council members start on their dashboard."""
    if user_roles(request.user) == {Role.COUNCIL}:
        return redirect("council:dashboard")
    tiles = [
        {"title": entry.title, "text": entry.text, "url": reverse(entry.url_name)}
        for entry in entries_for(request.user)
        if entry.title
    ]
    roles = [ROLE_LABELS[role] for role in ROLE_LABELS if role in user_roles(request.user)]
    return render(request, "peine/home.html", {"tiles": tiles, "roles": roles})


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not. No authentication."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "peine/accessibility.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "checked_on": settings.ACCESSIBILITY_CHECKED_ON,
        },
    )


@require_http_methods(["GET", "POST"])
def accessibility_feedback(request: HttpRequest) -> HttpResponse:
    form = AccessibilityFeedbackForm(
        request.POST or None, initial={"page": request.GET.get("page", "")}
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        if not ratelimit.hit(
            request,
            action="accessibility_feedback",
            limit=FEEDBACK_LIMIT,
            seconds=FEEDBACK_WINDOW_SECONDS,
        ):
            form.add_error(
                None,
                _(
                    "Too many feedback messages from your connection. Please try again in "
                    "%(minutes)d minutes or write to %(email)s. Your text is kept below."
                )
                % {
                    "minutes": FEEDBACK_WINDOW_SECONDS // 60,
                    "email": settings.ACCESSIBILITY_CONTACT_EMAIL,
                },
            )
            status = 429
        else:
            try:
                send_mail(
                    subject=_("Accessibility feedback on the integration portal"),
                    message=_("Page: %(page)s\nReply to: %(email)s\n\n%(message)s")
                    % form.cleaned_data,
                    from_email=None,
                    recipient_list=[settings.ACCESSIBILITY_CONTACT_EMAIL],
                )
            except (smtplib.SMTPException, OSError):
                logger.exception("accessibility feedback could not be mailed")
                form.add_error(
                    None,
                    _(
                        "Your feedback could not be sent just now. Please try again later or "
                        "write to %(email)s. Your text is kept below."
                    )
                    % {"email": settings.ACCESSIBILITY_CONTACT_EMAIL},
                )
                status = 503
            else:
                messages.success(request, _("Thank you. Your feedback has been sent."))
                return redirect("accessibility")
    return render(request, "peine/accessibility_feedback.html", {"form": form}, status=status)


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request, "peine/privacy.html", {"privacy_contact_email": settings.PRIVACY_CONTACT_EMAIL}
    )


@require_GET
def imprint(request: HttpRequest) -> HttpResponse:
    return render(request, "peine/imprint.html")
