"""Sign-in through OpenID Connect, end to end against a real provider on 127.0.0.1."""

from urllib.parse import urlparse

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.test import Client
from django.urls import reverse

from peine.models import SecurityEvent, User
from tests.factories import UserFactory

LOGIN = "/konto/oidc/stadt/login/"


def start(client: Client) -> str:
    """Press the sign-in button; returns the provider's authorization URL."""
    response = client.post(LOGIN)
    assert response.status_code == 302, response
    assert response["Location"].startswith("http://127.0.0.1:")
    return response["Location"]


def sign_in(client: Client, op):
    """The whole round trip, as a browser would follow the redirects."""
    authorize = start(client)
    at_op = requests.get(authorize, allow_redirects=False, timeout=10)
    assert at_op.status_code == 302, at_op.text
    callback = urlparse(at_op.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}"), f"{callback.path}?{callback.query}"


def signed_in_user(client: Client):
    return client.get(reverse("home")).wsgi_request.user


@pytest.mark.django_db
def test_sign_in_creates_the_account_just_in_time_with_the_mapped_role(op):
    client = Client()
    authorize = start(client)
    assert "code_challenge=" in authorize
    assert "code_challenge_method=S256" in authorize
    assert "nonce=" in authorize
    response, _ = sign_in(client, op)
    assert response.status_code == 302
    user = User.objects.get(email="a.mueller@stadt-peine.example")
    assert user.source == User.Source.OIDC
    assert user.directory_id == "u-1001"
    assert not user.has_usable_password()
    assert set(user.groups.values_list("name", flat=True)) == {"officer"}
    assert SecurityEvent.objects.filter(
        subject=user, action=SecurityEvent.Action.ROLE_GRANTED
    ).exists()
    assert signed_in_user(client) == user
    # An officer without a second factor asserted by the directory sets up the portal's.
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
@pytest.mark.parametrize("fault", ["issuer", "audience", "expired", "signature", "nonce"])
def test_a_bad_id_token_is_refused(op, fault):
    op.faults = {fault}
    client = Client()
    response, _ = sign_in(client, op)
    assert not signed_in_user(client).is_authenticated
    assert not User.objects.filter(email="a.mueller@stadt-peine.example").exists()
    assert response.status_code in (401, 403)
    assert not SocialAccount.objects.exists()


@pytest.mark.django_db
def test_a_replayed_state_is_refused(op):
    client = Client()
    _, callback = sign_in(client, op)
    assert signed_in_user(client).is_authenticated
    client.post(reverse("account_logout"))
    assert not signed_in_user(client).is_authenticated
    client.get(callback)
    assert not signed_in_user(client).is_authenticated
    # Nor does a fresh session with a state it never issued get in.
    other = Client()
    other.get(callback)
    assert not signed_in_user(other).is_authenticated


@pytest.mark.django_db
def test_roles_follow_the_directory_at_every_sign_in(op):
    client = Client()
    sign_in(client, op)
    user = User.objects.get(email="a.mueller@stadt-peine.example")
    client.post(reverse("account_logout"))
    op.claims["groups"] = ["portal-reviewers"]
    sign_in(Client(), op)
    assert set(user.groups.values_list("name", flat=True)) == {"reviewer"}
    assert SecurityEvent.objects.filter(
        subject=user, action=SecurityEvent.Action.ROLE_REMOVED, detail__contains="oidc"
    ).exists()


@pytest.mark.django_db
def test_no_mapped_group_gives_a_clear_page_and_no_account(op):
    op.claims["groups"] = ["kantine"]
    client = Client()
    response, _ = sign_in(client, op)
    assert response.status_code == 403
    assert "keiner Gruppe" in response.content.decode()
    assert not signed_in_user(client).is_authenticated
    assert not User.objects.filter(email="a.mueller@stadt-peine.example").exists()


@pytest.mark.django_db
def test_a_known_person_removed_from_every_group_is_refused_and_loses_the_role(op):
    sign_in(Client(), op)
    user = User.objects.get(email="a.mueller@stadt-peine.example")
    op.claims["groups"] = []
    client = Client()
    response, _ = sign_in(client, op)
    assert response.status_code == 403
    assert not signed_in_user(client).is_authenticated
    assert not user.groups.exists()
    assert SecurityEvent.objects.filter(
        subject=user, action=SecurityEvent.Action.ROLE_REMOVED
    ).exists()


@pytest.mark.django_db
def test_no_account_takeover_of_a_local_account_with_the_same_email(op):
    local = UserFactory(role="council", email="A.Mueller@stadt-peine.example")
    client = Client()
    response, _ = sign_in(client, op)
    assert response.status_code == 403
    assert "bereits" in response.content.decode()
    assert not signed_in_user(client).is_authenticated
    assert not SocialAccount.objects.exists()
    local.refresh_from_db()
    assert local.source == User.Source.LOCAL
    assert set(local.groups.values_list("name", flat=True)) == {"council"}
    assert SecurityEvent.objects.filter(
        subject=local, action=SecurityEvent.Action.DIRECTORY_REFUSED
    ).exists()


@pytest.mark.django_db
def test_explicit_linking_by_the_signed_in_local_person_is_logged(op):
    local = UserFactory(role="council", email="a.mueller@stadt-peine.example")
    client = Client()
    client.force_login(local)
    response = client.post(LOGIN, {"process": "connect"})
    at_op = requests.get(response["Location"], allow_redirects=False, timeout=10)
    callback = urlparse(at_op.headers["Location"])
    client.get(f"{callback.path}?{callback.query}")
    assert SocialAccount.objects.filter(user=local, uid="u-1001").exists()
    assert SecurityEvent.objects.filter(
        subject=local, action=SecurityEvent.Action.DIRECTORY_LINKED
    ).exists()


@pytest.mark.django_db
def test_a_second_factor_asserted_by_the_directory_counts_when_configured(op, settings):
    op.claims["amr"] = ["pwd", "otp"]
    client = Client()
    sign_in(client, op)
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")
    client.post(reverse("account_logout"))
    settings.DIRECTORY_OIDC_MFA_AMR = ["otp", "mfa"]
    client = Client()
    sign_in(client, op)
    assert client.get(reverse("home")).status_code == 200
