"""A person's roles and second-factor state are read once per session, not per request,
and a change (a role taken away, an authenticator removed) counts at the very next request.
"""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peine.models import User
from peine.roles import Role
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = [pytest.mark.urls("tests.peine.trivial_urls"), pytest.mark.django_db]


def _queries(client, url="/test-trivial/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries]


def test_signed_in_trivial_page_reads_only_session_and_user(officer):
    client = client_for(officer)
    assert client.get("/test-trivial/").status_code == 200  # the session learns the roles
    response, queries = _queries(client)
    assert response.status_code == 200
    # 1. the session, 2. the user (with its access version). Roles and the second factor
    # come from the session; the bare view of the benchmark pays the same.
    assert len(queries) == 2, queries


@pytest.mark.parametrize(
    "take_away",
    [
        pytest.param(lambda user, group: user.groups.remove(group), id="user.groups.remove"),
        pytest.param(lambda user, group: group.user_set.remove(user), id="group.user_set.remove"),
        pytest.param(lambda user, group: user.groups.clear(), id="user.groups.clear"),
        pytest.param(lambda user, group: group.delete(), id="group deleted"),
        pytest.param(
            lambda user, group: User.groups.through.objects.filter(user=user).delete(),
            id="through rows deleted in bulk",
        ),
    ],
)
def test_role_taken_away_counts_at_the_next_request(take_away):
    user = UserFactory(role=Role.OFFICER)
    client = client_for(user)
    assert client.get("/test-trivial/").status_code == 200
    take_away(user, Group.objects.get(name=Role.OFFICER))
    assert client.get("/test-trivial/").status_code == 403


def test_stale_user_object_saved_after_the_change_does_not_bring_the_role_back():
    user = UserFactory(role=Role.OFFICER)
    client = client_for(user)
    assert client.get("/test-trivial/").status_code == 200
    stale = User.objects.get(pk=user.pk)  # holds the version before the change
    user.groups.clear()
    stale.first_name = "Renamed"
    stale.save()  # writes its old access version back
    assert client.get("/test-trivial/").status_code == 403


def test_role_given_counts_at_the_next_request():
    user = UserFactory()
    client = client_for(user)
    assert client.get("/test-trivial/").status_code == 403
    user.groups.add(Group.objects.get(name=Role.COUNCIL))
    assert client.get("/test-trivial/").status_code == 200
    user.groups.add(Group.objects.get(name=Role.REVIEWER))
    # A reviewer without a second factor is sent to set one up at the next request.
    response = client.get("/test-trivial/")
    assert response.status_code == 302
    assert "totp" in response["Location"]


def test_second_factor_removed_counts_at_the_next_request(officer):
    client = client_for(officer)
    assert client.get("/test-trivial/").status_code == 200
    Authenticator.objects.filter(user=officer).delete()
    response = client.get("/test-trivial/")
    assert response.status_code == 302
    assert "totp" in response["Location"]


def test_group_renamed_counts_at_the_next_request(officer):
    client = client_for(officer)
    assert client.get("/test-trivial/").status_code == 200
    Group.objects.filter(name=Role.OFFICER).update(name="former officers")
    assert client.get("/test-trivial/").status_code == 403


def test_deactivated_or_demoted_superuser_counts_at_the_next_request():
    user = UserFactory(role=Role.OFFICER, is_superuser=True)
    client = client_for(user)
    user.groups.clear()
    assert client.get("/test-trivial/").status_code == 200
    User.objects.filter(pk=user.pk).update(is_superuser=False)
    assert client.get("/test-trivial/").status_code == 403
