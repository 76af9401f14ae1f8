from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (label, url name, permission) of the main navigation; each role sees what it may use.
NAVIGATION = [
    (_("Overview"), "home", None),
    (_("Stakeholders"), "stakeholders:list", "stakeholders.view_stakeholder"),
    (_("Consultations"), "consultations:round_list", "consultations.view_consultationround"),
    (_("Summaries"), "consultations:summary_list", "consultations.view_released_summary"),
    (_("Measures"), "measures:list", "measures.view_measure"),
    (_("Review queue"), "measures:queue", "measures.review_measure"),
    (_("Dashboard"), "summaries:dashboard", "peine.view_dashboard"),
    (_("Administration"), "admin:index", "peine.change_user"),
]


def navigation(request):
    """The main navigation for the signed-in person: what their role may use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"main_navigation": []}
    items = []
    for label, url_name, permission in NAVIGATION:
        if permission and not user.has_perm(permission):
            continue
        url = reverse(url_name)
        items.append(
            {
                "label": label,
                "url": url,
                "current": request.path == url or (url != "/" and request.path.startswith(url)),
            }
        )
    return {"main_navigation": items}
