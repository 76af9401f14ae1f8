"""The city's display switches: text size (A, AA, AAA) and high contrast.

Remembered in two cookies, applied on the server as classes of ``<html>``, so they work
without JavaScript and for people who are not signed in (the login page included).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

SIZE_COOKIE = "peine_text_size"
CONTRAST_COOKIE = "peine_contrast"
COOKIE_AGE = 365 * 24 * 60 * 60

# value -> (label on the button, its name for screen readers, class on <html>)
TEXT_SIZES = {
    "normal": ("A", _("normal text size"), ""),
    "large": ("AA", _("large text size"), "text-large"),
    "larger": ("AAA", _("very large text size"), "text-larger"),
}
CONTRASTS = {"normal": "", "high": "contrast-high"}


def _choice(value: str | None, allowed: dict) -> str:
    return value if value in allowed else "normal"


def current(request: HttpRequest) -> tuple[str, str]:
    """The text size and contrast this browser asked for (unknown values mean normal)."""
    return (
        _choice(request.COOKIES.get(SIZE_COOKIE), TEXT_SIZES),
        _choice(request.COOKIES.get(CONTRAST_COOKIE), CONTRASTS),
    )


def display_context(request: HttpRequest) -> dict:
    size, contrast = current(request)
    classes = " ".join(c for c in (TEXT_SIZES[size][2], CONTRASTS[contrast]) if c)
    return {
        "display_classes": classes,
        "display_sizes": [
            {"value": value, "label": label, "name": name, "pressed": value == size}
            for value, (label, name, _class) in TEXT_SIZES.items()
        ],
        "display_high_contrast": contrast == "high",
    }


@require_POST
def display_settings(request: HttpRequest) -> HttpResponse:
    """Remember a switch and go back to the page the person came from."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home")
    response = HttpResponseRedirect(target)
    cookie = {
        "max_age": COOKIE_AGE,
        "samesite": "Lax",
        "httponly": True,
        "secure": settings.SESSION_COOKIE_SECURE,
    }
    if "size" in request.POST:
        response.set_cookie(SIZE_COOKIE, _choice(request.POST["size"], TEXT_SIZES), **cookie)
    if "contrast" in request.POST:
        value = _choice(request.POST["contrast"], CONTRASTS)
        response.set_cookie(CONTRAST_COOKIE, value, **cookie)
    return response
