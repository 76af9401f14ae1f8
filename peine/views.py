import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from peine.forms import AccessibilityFeedbackForm
from peine.roles import ROLE_LABELS, Role, user_roles

logger = logging.getLogger(__name__)

# What the home page offers: (title, text, url name, permission).
HOME_TILES = [
    (
        gettext_lazy("Stakeholder register"),
        gettext_lazy("Organisations and initiatives, their contact persons and relationships."),
        "stakeholders:list",
        "stakeholders.view_stakeholder",
    ),
    (
        gettext_lazy("Consultation rounds"),
        gettext_lazy("Interviews with local actors, findings and options for action."),
        "consultations:round_list",
        "consultations.view_consultationround",
    ),
    (
        gettext_lazy("Log an interview"),
        gettext_lazy("Record a conversation right after it happened."),
        "consultations:interview_create",
        "consultations.add_interview",
    ),
    (
        gettext_lazy("Released summaries"),
        gettext_lazy("Evaluations of consultation rounds released to the council."),
        "consultations:summary_list",
        "consultations.view_released_summary",
    ),
    (
        gettext_lazy("Measures"),
        gettext_lazy("Integration measures, their status, progress and budget."),
        "measures:list",
        "measures.view_measure",
    ),
    (
        gettext_lazy("Review queue"),
        gettext_lazy("Measures waiting for the administration's decision."),
        "measures:queue",
        "measures.review_measure",
    ),
    (
        gettext_lazy("Council dashboard"),
        gettext_lazy("Released figures, reports by sector and district, PDF downloads."),
        "summaries:dashboard",
        "peine.view_dashboard",
    ),
    (
        gettext_lazy("User administration"),
        gettext_lazy("Invite users, assign roles, maintain districts, sectors and goals."),
        "admin:index",
        "peine.change_user",
    ),
]


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What the person may use; council members start on their dashboard."""
    if user_roles(request.user) == {Role.COUNCIL}:
        return redirect("summaries:dashboard")
    tiles = []
    for title, text, url_name, permission in HOME_TILES:
        if not request.user.has_perm(permission):
            continue
        tiles.append({"title": title, "text": text, "url": reverse(url_name)})
    roles = [ROLE_LABELS[role] for role in ROLE_LABELS if role in user_roles(request.user)]
    return render(request, "peine/home.html", {"tiles": tiles, "roles": roles})


@never_cache
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
    if request.method == "POST" and form.is_valid():
        send_mail(
            subject=_("Accessibility feedback on the integration portal"),
            message=_("Page: %(page)s\nReply to: %(email)s\n\n%(message)s") % form.cleaned_data,
            from_email=None,
            recipient_list=[settings.ACCESSIBILITY_CONTACT_EMAIL],
        )
        messages.success(request, _("Thank you. Your feedback has been sent."))
        return redirect("accessibility")
    return render(request, "peine/accessibility_feedback.html", {"form": form})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request, "peine/privacy.html", {"privacy_contact_email": settings.PRIVACY_CONTACT_EMAIL}
    )


@require_GET
def imprint(request: HttpRequest) -> HttpResponse:
    return render(request, "peine/imprint.html")
