"""The foundation: health check, security headers, settings, roles, sessions, demo data."""

import time
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from peine.lib.env import envbool, envint
from peine.middleware import SESSION_STARTED_KEY
from peine.models import District, FundingSource, Goal, Sector, User
from peine.roles import Role, role_permissions
from tests.conftest import client_for
from tests.factories import totp_code


@pytest.mark.django_db
def test_health_check_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_health_check_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_every_page_sends_a_content_security_policy_without_inline_code(client):
    response = client.get(reverse("account_login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_templates_contain_no_inline_scripts_or_styles(client):
    html = client.get(reverse("accessibility")).content.decode()
    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html


@pytest.mark.django_db
def test_pages_are_german_by_default_and_english_on_request(client):
    assert 'lang="de"' in client.get(reverse("privacy")).content.decode()
    response = client.get(reverse("privacy"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "Privacy notice" in html


@pytest.mark.django_db
def test_language_switch_remembers_the_choice(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/datenschutz/"})
    assert response.status_code == 302
    assert "Privacy notice" in client.get("/datenschutz/").content.decode()


def test_envbool_refuses_values_that_are_neither_true_nor_false(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        envbool("SOME_FLAG", default=False)
    monkeypatch.setenv("SOME_FLAG", "yes")
    assert envbool("SOME_FLAG", default=False) is True


def test_envint_refuses_non_numbers(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured):
        envint("SOME_NUMBER", 1)


def _production_env(**variables) -> dict:
    """This process's environment without the test settings' defaults, plus ``variables``."""
    import os

    test_only = {
        "SECRET_KEY",
        "SECRET_KEY_FILE",
        "DEBUG",
        "HTTPS",
        "STATIC_MANIFEST",
        "DJANGO_SETTINGS_MODULE",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
    }
    env = {key: value for key, value in os.environ.items() if key not in test_only}
    return {**env, **variables}


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import peine.settings"],
        env=_production_env(DATABASE_URL="postgres://x/y"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            "PATH": "/usr/bin:/bin",
            "SECRET_KEY": "x" * 60 + "production-like-key-1234567890",
            "DATABASE_URL": "postgres://localhost/peine",
            "ALLOWED_HOSTS": "portal.peine.de",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_taxonomies_come_with_the_migration():
    assert District.objects.count() == 15
    assert District.objects.filter(kind=District.Kind.VILLAGE).count() == 14
    assert District.objects.get(slug="stederdorf").residents == 5703
    assert Sector.objects.count() >= 6
    assert FundingSource.objects.filter(kind=FundingSource.Kind.EU).exists()
    assert Goal.objects.filter(sector__slug="teilhabe-demokratie").count() == 3


@pytest.mark.django_db
def test_role_groups_get_exactly_their_permissions():
    for role in Role:
        group = Group.objects.get(name=role.value)
        granted = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert granted == role_permissions(role)


@pytest.mark.django_db
def test_council_may_never_see_contact_persons_or_notes(council):
    assert not council.has_perm("stakeholders.view_contactperson")
    assert not council.has_perm("consultations.view_interview_notes")
    assert not council.has_perm("consultations.view_interview")
    assert not council.has_perm("measures.view_review")


@pytest.mark.django_db
def test_only_the_officer_reads_confidential_notes(officer, reviewer, admin_user):
    assert officer.has_perm("consultations.view_interview_notes")
    assert not reviewer.has_perm("consultations.view_interview_notes")
    assert not admin_user.has_perm("consultations.view_interview_notes")


@pytest.mark.django_db
def test_nobody_can_sign_up_by_themselves(client):
    response = client.post(
        reverse("account_signup"), {"email": "new@peine.example", "password1": "a-long-password-1"}
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="new@peine.example").exists()


@pytest.mark.django_db
def test_sign_in_with_email_and_password_starts_a_new_session(client, officer):
    client.get(reverse("account_login"))
    before = client.session.session_key
    response = client.post(
        reverse("account_login"),
        {"login": "officer@peine.example", "password": "correct-horse-battery-staple"},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_password_reset_sends_an_email(client, officer):
    client.post(reverse("account_reset_password"), {"email": "officer@peine.example"})
    assert len(mail.outbox) == 1
    assert "officer@peine.example" in mail.outbox[0].to


@pytest.mark.django_db
def test_repeated_wrong_passwords_are_rate_limited(client, officer):
    for attempt in range(6):
        response = client.post(
            reverse("account_login"),
            {"login": "officer@peine.example", "password": f"wrong-{attempt}"},
        )
    assert "Zu viele" in response.content.decode()
    response = client.post(
        reverse("account_login"),
        {"login": "officer@peine.example", "password": "correct-horse-battery-staple"},
    )
    assert response.status_code != 302


@pytest.mark.django_db
def test_the_session_ends_at_the_absolute_timeout(settings, officer):
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 3600
    client = client_for(officer)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_accessibility_feedback_is_mailed_and_bad_input_kept(client, settings):
    response = client.post(
        reverse("accessibility_feedback"),
        {"message": "", "email": "kein-at-zeichen", "page": "/x/"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "kein-at-zeichen" in html
    assert "Dieses Feld ist zwingend erforderlich." in html
    response = client.post(
        reverse("accessibility_feedback"),
        {"message": "Kontrast zu schwach", "email": "", "page": "/x/"},
    )
    assert response.status_code == 302
    assert mail.outbox[0].to == [settings.ACCESSIBILITY_CONTACT_EMAIL]


@pytest.mark.django_db
def test_accessibility_statement_names_barriers_feedback_and_arbitration(client):
    html = client.get(reverse("accessibility")).content.decode()
    assert "Nicht barrierefreie Inhalte" in html
    assert reverse("accessibility_feedback") in html
    assert "Schlichtungsstelle" in html


@pytest.mark.django_db
def test_admin_role_reaches_the_admin_and_others_do_not(admin_user, officer):
    assert client_for(admin_user).get(reverse("admin:index")).status_code == 200
    assert client_for(admin_user).get(reverse("admin:peine_district_changelist")).status_code == 200
    assert client_for(admin_user).get(reverse("admin:peine_user_changelist")).status_code == 200
    response = client_for(officer).get(reverse("admin:index"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_demo_data_creates_one_login_per_role_once():
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert "created" in out.getvalue()
    for role in Role:
        assert User.objects.filter(groups__name=role.value).exists()
    count = User.objects.count()
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert "left unchanged" in out.getvalue()
    assert User.objects.count() == count


def test_logged_exceptions_keep_their_type_but_not_their_message():
    import logging

    from peine.lib.logging import RedactExceptionMessages

    message = "Key (name)=({}) already exists".format("Ayşe " + "Yılmaz")
    try:
        raise ValueError(message)
    except ValueError:
        import sys

        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/akteure/",),
            sys.exc_info(),
        )
    RedactExceptionMessages().filter(record)
    line = logging.Formatter("%(message)s").format(record)
    assert "ValueError: [message redacted]" in line
    assert "Yılmaz" not in line


@pytest.mark.django_db
def test_error_pages_are_german_and_show_no_request_data(client):
    response = client.get("/gibt-es-nicht/?name=Ay%C5%9Fe")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html
    assert "Ayşe" not in html


@pytest.mark.django_db
def test_home_offers_officer_and_reviewer_the_council_dashboard(officer, reviewer):
    for user in (officer, reviewer):
        html = client_for(user).get(reverse("home")).content.decode()
        main = html[html.index("<main") :]  # the tiles, not the navigation
        assert f'href="{reverse("council:dashboard")}"' in main
