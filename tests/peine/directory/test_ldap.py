"""Sign-in through LDAP / Active Directory against a real OpenLDAP slapd on 127.0.0.1."""

import pytest
from django.test import Client
from django.urls import reverse

from peine.models import SecurityEvent, User
from tests.factories import UserFactory
from tests.peine.directory.conftest import ROLE_MAP
from tests.peine.directory.slapd import (
    BASE,
    PASSWORD,
    SERVICE_DN,
    SERVICE_PASSWORD,
    Slapd,
    group,
    person,
)

LDAP_BACKENDS = [
    "peine.directory.backends.LocalPasswordBackend",
    "peine.directory.backends.DirectoryLDAPBackend",
]


@pytest.fixture(scope="module")
def slapd():
    server = Slapd().start()
    server.add(
        person("amueller", "a.mueller@stadt-peine.example", "Anna", "Müller")
        + person("bkaya", "b.kaya@stadt-peine.example", "Burak", "Kaya")
        + person("cschulz", "c.schulz@stadt-peine.example", "Clara", "Schulz")
        + person("dlang", "d.lang@stadt-peine.example", "Dora", "Lang")
        + person("eklein", "e.klein@stadt-peine.example", "Emil", "Klein")
        + group("portal-officers", ["amueller", "dlang", "eklein"])
        + group("portal-reviewers", ["bkaya"])
        + group("kantine", ["cschulz"])
    )
    yield server
    server.stop()


@pytest.fixture
def directory(slapd, settings):
    settings.AUTHENTICATION_BACKENDS = LDAP_BACKENDS
    settings.DIRECTORY_ROLE_MAP = ROLE_MAP
    settings.LDAP_SERVER_URI = slapd.uri
    settings.LDAP_BIND_DN = SERVICE_DN
    settings.LDAP_BIND_PASSWORD = SERVICE_PASSWORD
    settings.LDAP_USER_SEARCH_BASE = f"ou=people,{BASE}"
    settings.LDAP_USER_FILTER = "(mail=%(user)s)"
    settings.LDAP_GROUP_SEARCH_BASE = f"ou=groups,{BASE}"
    settings.LDAP_GROUP_TYPE = "groupOfNames"
    return slapd


# What differs for a directory account by design: its password is the directory's, so the
# portal offers no password change (allauth sends it to "set password", which refuses
# too: see LocalPasswordBackend) and confirms access with the second factor, not a
# password (account_reauthenticate leads on to mfa_reauthenticate); signing out would end
# the session the loop runs in.
DIRECTORY_DIFFERS = {
    "account_logout",
    "account_change_password",
    "account_set_password",
    "account_reauthenticate",
}


def sign_in(email: str, password: str = PASSWORD) -> tuple[Client, object]:
    client = Client()
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    return client, response


def signed_in(client: Client):
    return client.get(reverse("home")).wsgi_request.user


@pytest.mark.django_db
def test_sign_in_with_the_directory_password_creates_the_account(directory):
    client, response = sign_in("a.mueller@stadt-peine.example")
    assert response.status_code == 302
    user = User.objects.get(email="a.mueller@stadt-peine.example")
    assert signed_in(client) == user
    assert user.source == User.Source.LDAP
    assert user.directory_id == f"uid=amueller,ou=people,{BASE}"
    assert (user.first_name, user.last_name) == ("Anna", "Müller")
    assert not user.has_usable_password()
    assert set(user.groups.values_list("name", flat=True)) == {"officer"}
    assert SecurityEvent.objects.filter(
        subject=user, action=SecurityEvent.Action.ROLE_GRANTED, detail__startswith="ldap"
    ).exists()


@pytest.mark.django_db
def test_a_wrong_directory_password_signs_nobody_in(directory):
    client, response = sign_in("a.mueller@stadt-peine.example", "wrong-password-1")
    assert response.status_code == 200
    assert not signed_in(client).is_authenticated


@pytest.mark.django_db
def test_removed_from_the_group_loses_the_role_at_the_next_sign_in(directory):
    sign_in("d.lang@stadt-peine.example")
    user = User.objects.get(email="d.lang@stadt-peine.example")
    assert user.has_role("officer")
    directory.modify(
        f"dn: cn=portal-officers,ou=groups,{BASE}\nchangetype: modify\ndelete: member\n"
        f"member: uid=dlang,ou=people,{BASE}\n"
    )
    try:
        client, response = sign_in("d.lang@stadt-peine.example")
        assert not signed_in(client).is_authenticated
        assert "keiner Gruppe" in response.content.decode()
        assert not user.groups.exists()
        assert SecurityEvent.objects.filter(
            subject=user, action=SecurityEvent.Action.ROLE_REMOVED
        ).exists()
    finally:
        directory.modify(
            f"dn: cn=portal-officers,ou=groups,{BASE}\nchangetype: modify\nadd: member\n"
            f"member: uid=dlang,ou=people,{BASE}\n"
        )


@pytest.mark.django_db
def test_no_mapped_group_no_sign_in(directory):
    client, response = sign_in("c.schulz@stadt-peine.example")
    assert not signed_in(client).is_authenticated
    assert "keiner Gruppe" in response.content.decode()
    assert not User.objects.filter(email="c.schulz@stadt-peine.example").exists() or not (
        User.objects.get(email="c.schulz@stadt-peine.example").groups.exists()
    )


@pytest.mark.django_db
def test_a_local_account_with_the_same_email_is_not_taken_over(directory):
    local = UserFactory(role="council", email="b.kaya@stadt-peine.example")
    client, response = sign_in("b.kaya@stadt-peine.example")
    assert not signed_in(client).is_authenticated
    assert "bereits" in response.content.decode()
    local.refresh_from_db()
    assert local.source == User.Source.LOCAL
    assert set(local.groups.values_list("name", flat=True)) == {"council"}
    assert SecurityEvent.objects.filter(
        subject=local, action=SecurityEvent.Action.DIRECTORY_REFUSED
    ).exists()


@pytest.mark.django_db
def test_start_tls_with_the_directory_certificate(directory, settings):
    settings.LDAP_START_TLS = True
    settings.LDAP_CA_FILE = str(directory.cert)
    client, _ = sign_in("e.klein@stadt-peine.example")
    assert signed_in(client).is_authenticated


@pytest.mark.django_db
def test_start_tls_refuses_a_certificate_it_does_not_trust(directory, settings, tmp_path):
    from tests.peine.directory.slapd import _certificate

    other_cert, _ = _certificate(tmp_path)
    settings.LDAP_START_TLS = True
    settings.LDAP_CA_FILE = str(other_cert)
    client, _ = sign_in("e.klein@stadt-peine.example")
    assert not signed_in(client).is_authenticated


@pytest.mark.django_db
def test_the_directory_officer_sees_what_a_local_officer_sees(directory):
    """The permission matrix's officer column, for an officer signed in through LDAP."""
    from allauth.mfa.totp.internal.auth import TOTP

    from tests.factories.people import TEST_TOTP_SECRET, totp_code
    from tests.test_permission_matrix import MATRIX

    sign_in("a.mueller@stadt-peine.example")  # the account, just in time
    user = User.objects.get(email="a.mueller@stadt-peine.example")
    TOTP.activate(user, TEST_TOTP_SECRET)  # set up as the factory's officer has it
    client, response = sign_in("a.mueller@stadt-peine.example")
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert signed_in(client) == user
    differences = []
    for url_name in sorted(MATRIX):
        if url_name in DIRECTORY_DIFFERS:
            continue
        row = MATRIX[url_name]
        url = reverse(url_name, kwargs=row.kwargs()) + row.query
        status = getattr(client, row.method.lower())(url).status_code
        if status != row.expected["officer"]:
            differences.append((url_name, status, row.expected["officer"]))
        assert signed_in(client) == user, url_name
    assert differences == [], differences
