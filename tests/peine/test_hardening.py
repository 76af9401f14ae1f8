"""Hostile characters, caching, mail failures and rate limits (issue 9, "Must hold")."""

import re
import smtplib
from urllib.parse import quote

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.test import RequestFactory
from django.urls import reverse

from measures.models import Measure
from measures.services import _notify, measure_transition
from peine.lib.characters import CleanInputMiddleware, clean_text
from stakeholders.models import Stakeholder
from tests.conftest import client_for
from tests.factories import MeasureFactory, UserFactory
from tests.matrix import ADMIN, COUNCIL, OFFICER, REVIEWER
from tests.test_permission_matrix import MATRIX

SIGNED_IN = [OFFICER, REVIEWER, COUNCIL, ADMIN]
NUL = "%00"
SURROGATE = "%ED%A0%80"  # an unpaired surrogate (U+D800) in UTF-8 form
HOSTILE = f"Ver{NUL}ein{SURROGATE}"


def _pages(role: str) -> list[tuple[str, str]]:
    """(url name, url) of every GET page of the matrix that answers this role with 200."""
    pages = []
    for name, row in sorted(MATRIX.items()):
        if row.method == "GET" and row.expected[role] == 200:
            pages.append((name, reverse(name, kwargs=row.kwargs()) + row.query))
    return pages


def _field_names(html: str) -> list[str]:
    names = re.findall(r'<(?:input|textarea|select|button)[^>]*\sname="([^"]+)"', html)
    return [name for name in dict.fromkeys(names) if name != "csrfmiddlewaretoken"]


# --- characters ---------------------------------------------------------------------


def test_clean_text_removes_nul_and_controls_and_replaces_surrogates():
    assert clean_text("Ver\x00ein\x01\x1b") == "Verein"
    assert clean_text("Zeile 1\r\nZeile 2\tEnde") == "Zeile 1\r\nZeile 2\tEnde"
    assert clean_text("a\ud800b") == "a\ufffdb"
    assert clean_text("Ünïcödé 😀 مرحبا") == "Ünïcödé 😀 مرحبا"


def test_json_bodies_are_cleaned_too():
    seen = {}

    def view(request):
        seen["body"] = request.body
        return None

    request = RequestFactory().post(
        "/",
        data='{"notes": "a\\u0000b\\ud800", "list": ["\\u0001x"]}',
        content_type="application/json",
    )
    CleanInputMiddleware(view)(request)
    assert seen["body"] == b'{"notes": "ab\\ufffd", "list": ["x"]}'


@pytest.mark.parametrize("role", SIGNED_IN)
def test_every_page_is_no_store_and_survives_hostile_input(role, db):
    """Each GET page of the permission matrix this role may open (200), with:

    - ``Cache-Control: no-store`` on the page itself (caching, one middleware);
    - its query string full of NUL bytes and broken surrogates: no 500;
    - every field of its forms posted as NUL bytes and a surrogate: no 500.
    """
    user = UserFactory(role=role)
    pages = _pages(role)
    assert len(pages) > 5
    for name, url in pages:
        client = client_for(user)
        page = client.get(url)
        assert page.status_code == 200, f"{role} {name}"
        assert "no-store" in page.get("Cache-Control", ""), f"{role} {name} {url}"

        separator = "&" if "?" in url else "?"
        hostile = f"{url}{separator}q={HOSTILE}&page={NUL}&sort={SURROGATE}&{SURROGATE}={NUL}"
        assert client.get(hostile).status_code < 500, f"{role} GET {name} {hostile}"

        fields = _field_names(page.content.decode(errors="replace"))
        if not fields or name == "account_logout":
            continue
        body = "&".join(f"{quote(field)}={HOSTILE}" for field in fields)
        response = client.post(url, data=body, content_type="application/x-www-form-urlencoded")
        assert response.status_code < 500, f"{role} POST {name} {url}: {fields}"


def test_a_nul_byte_in_a_form_is_cleaned_and_the_rest_saved(officer):
    client = client_for(officer)
    body = (
        f"name=Sprach{NUL}caf%C3%A9{SURROGATE}&kind=initiative&influence=3&interest=3"
        f"&description=Zeile{NUL}%0D%0AZeile%01zwei&active=on&version=0"
    )
    response = client.post(
        reverse("stakeholders:create"), data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302, response.context["form"].errors
    stakeholder = Stakeholder.objects.get()
    assert stakeholder.name == "Sprachcafé\ufffd\ufffd\ufffd"
    assert stakeholder.description == "Zeile\r\nZeilezwei"


def test_stakeholder_search_in_the_interview_form_with_a_nul_byte(officer):
    """The picker's search for browsers without JavaScript (a POST that is not a save)."""
    from tests.factories import RoundFactory, StakeholderFactory

    RoundFactory()
    StakeholderFactory(name="Verein Südstadt")
    body = f"_search_stakeholders=1&stakeholder_q=S%C3%BCd{NUL}stadt{SURROGATE}&notes=Notiz{NUL}"
    response = client_for(officer).post(
        reverse("consultations:interview_create"),
        data=body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "Notiz" in response.content.decode()


def test_search_with_nul_and_surrogate_answers(officer):
    client = client_for(officer)
    response = client.get(reverse("stakeholders:list") + f"?q={HOSTILE}")
    assert response.status_code == 200
    # The broken UTF-8 of a surrogate is replaced while decoding, the NUL by the middleware.
    assert response.wsgi_request.GET["q"] == "Verein\ufffd\ufffd\ufffd"


# --- mail ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_line_break_in_a_measure_title_stays_out_of_the_mail_headers(officer, reviewer):
    measure = MeasureFactory(proposed_by=officer, title="Sprachkurs\r\nBcc: alle@example.org")
    review = measure_transition(measure_id=measure.pk, action="submit", user=officer).review
    mail.outbox.clear()
    assert _notify(measure, review) is True
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Neue Maßnahme zur Prüfung: Sprachkurs Bcc: alle@example.org"
    assert "\n" not in message.message()["Subject"]
    assert message.bcc == []


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server gone")


def test_a_failing_mail_server_keeps_the_change_and_shows_a_notice(
    officer, reviewer, settings, monkeypatch
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FailingBackend"}}
    # The test's transaction never commits: run the after-commit mail at once.
    monkeypatch.setattr(
        "measures.services.transaction.on_commit", lambda function, *a, **k: function()
    )
    measure = MeasureFactory(proposed_by=officer, status=Measure.Status.DRAFT)
    client = client_for(officer)
    response = client.post(
        reverse("measures:transition", args=[measure.pk]),
        {"action": "submit", "reason": "", "expected_status": "draft"},
        follow=True,
    )
    assert response.status_code == 200
    measure.refresh_from_db()
    assert measure.status == Measure.Status.SUBMITTED
    assert (
        "Die Änderung ist gespeichert; die Benachrichtigung konnte nicht versendet werden."
        in response.content.decode()
    )


# --- caching (every signed-in page: test_every_page_is_no_store_and_survives_...) ------


def test_public_pages_for_visitors_and_static_files_keep_their_caching(officer, db):
    assert "no-store" not in client_for(None).get(reverse("accessibility")).get("Cache-Control", "")
    from peine.lib.caching import NoStoreForSignedInMiddleware

    request = RequestFactory().get("/static/css/site.css")
    request.user = officer

    def static(request):
        from django.http import HttpResponse

        response = HttpResponse("body{}")
        response["Cache-Control"] = "max-age=315360000, public, immutable"
        return response

    response = NoStoreForSignedInMiddleware(static)(request)
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"


# --- accessibility feedback rate limit ----------------------------------------------


def test_trusted_proxy_count_comes_from_the_environment():
    import os
    import subprocess
    import sys

    from django.conf import settings as live

    assert live.ALLAUTH_TRUSTED_PROXY_COUNT == 0  # the default: no proxy trusted
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    env = os.environ | {
        "ALLAUTH_TRUSTED_PROXY_COUNT": "2",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "2"


def test_behind_one_trusted_proxy_the_feedback_limit_counts_the_forwarded_client(db, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    cache.clear()
    client = client_for(None)
    url = reverse("accessibility_feedback")
    data = {"page": "/", "email": "", "message": "Kontrast"}
    for _ in range(5):
        response = client.post(url, data, HTTP_X_FORWARDED_FOR="198.51.100.1")
        assert response.status_code == 302
    limited = client.post(url, data, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert limited.status_code == 429
    # Same proxy address (REMOTE_ADDR), another client behind it: not limited.
    other = client.post(url, data, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 302


def test_feedback_form_is_rate_limited_per_ip_keeping_the_text(db):
    cache.clear()
    client = client_for(None)
    url = reverse("accessibility_feedback")
    data = {"page": "/", "email": "", "message": "Der Kontrast ist zu schwach."}
    for _ in range(5):
        assert client.post(url, data).status_code == 302
    assert len(mail.outbox) == 5
    response = client.post(url, data | {"message": "Noch ein Hinweis zum Kontrast."})
    assert response.status_code == 429
    content = response.content.decode()
    assert "Zu viele Rückmeldungen" in content
    assert "Noch ein Hinweis zum Kontrast." in content
    assert len(mail.outbox) == 5
    # Another address is not affected.
    other = client.post(url, data, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_feedback_with_a_failing_mail_server_keeps_the_text(db, settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FailingBackend"}}
    cache.clear()
    response = client_for(None).post(
        reverse("accessibility_feedback"),
        {"page": "/", "email": "", "message": "Die Tabelle ist nicht vorlesbar."},
    )
    assert response.status_code == 503
    content = response.content.decode()
    assert "konnte gerade nicht versendet werden" in content
    assert "Die Tabelle ist nicht vorlesbar." in content
