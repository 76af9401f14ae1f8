"""Drafts of the interview form on the server: saved while typing, restored only for their
author, deleted on save or discard, expired by ``purge_drafts``; a form kept over an expired
session goes back only to the person who typed it."""

import datetime
import json
import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations import selectors, services
from consultations.models import Interview, InterviewDraft
from consultations.views.mixins import DRAFT_SESSION_KEY, _owner_hash, owner_token
from peine.lib.clear_site_data import CLEAR_SITE_DATA
from tests.consultations.helpers import finding_data, interview_post
from tests.factories import (
    DraftFactory,
    InterviewFactory,
    RoundFactory,
    StakeholderFactory,
    sector,
    today,
)

pytestmark = pytest.mark.django_db
CREATE = reverse("consultations:interview_create")
AUTOSAVE_NEW = reverse("consultations:interview_create_draft")


def _typed(officer, notes="Halb geschriebene Notizen.", **kwargs):
    return interview_post(
        round_=kwargs.pop("round_", None) or RoundFactory(),
        held_on=today(),
        stakeholders=kwargs.pop("stakeholders", None) or [StakeholderFactory()],
        interviewer=officer,
        notes=notes,
        findings=[finding_data("Es fehlen Räume.", sector())],
        **kwargs,
    )


# Service -----------------------------------------------------------------------------------


def test_a_draft_keeps_only_the_forms_fields_one_per_author_and_interview(officer):
    data = _typed(officer, extra={"csrfmiddlewaretoken": "x", "draft_owner": "y", "evil": "z"})
    services.interview_draft_save(author=officer, interview=None, data=data)
    services.interview_draft_save(author=officer, interview=None, data={**data, "notes": "Neu."})
    draft = InterviewDraft.objects.get()
    assert draft.data["notes"] == ["Neu."]
    assert draft.data["findings-0-statement"] == ["Es fehlen Räume."]
    assert {"csrfmiddlewaretoken", "draft_owner", "evil"}.isdisjoint(draft.data)
    assert draft.round_id == int(data["round"])
    interview = InterviewFactory()
    services.interview_draft_save(author=officer, interview=interview, data=data)
    assert InterviewDraft.objects.count() == 2


def test_a_draft_drops_characters_the_database_cannot_store(officer):
    data = _typed(officer, notes="Null\x00Byte und \ud800 allein")
    draft = services.interview_draft_save(author=officer, interview=None, data=data)
    draft.refresh_from_db()
    assert draft.data["notes"] == ["NullByte und  allein"]


def test_a_draft_above_the_cap_is_refused(officer):
    data = _typed(officer, notes="x" * (services.DRAFT_MAX_BYTES + 1))
    with pytest.raises(services.DraftTooLarge):
        services.interview_draft_save(author=officer, interview=None, data=data)
    assert not InterviewDraft.objects.exists()


def test_the_selector_returns_only_the_users_own_draft(officer, officer2):
    interview = InterviewFactory()
    DraftFactory(author=officer, interview=interview)
    assert selectors.interview_draft_for(officer, interview) is not None
    assert selectors.interview_draft_for(officer2, interview) is None
    assert selectors.interview_draft_for(officer, Interview()) is None


# Autosave endpoint -------------------------------------------------------------------------


def test_officer_autosaves_a_new_interview_and_gets_json(officer_client, officer):
    response = officer_client.post(AUTOSAVE_NEW, _typed(officer, notes="Beim Tippen."))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["saved"] is True
    assert "no-store" in response["Cache-Control"]
    assert InterviewDraft.objects.get(author=officer).data["notes"] == ["Beim Tippen."]


def test_autosave_of_an_existing_interview(officer_client, officer):
    interview = InterviewFactory()
    url = reverse("consultations:interview_update_draft", args=[interview.pk])
    assert officer_client.post(url, _typed(officer, notes="Ergänzt.")).status_code == 200
    assert InterviewDraft.objects.get().interview == interview
    missing = reverse("consultations:interview_update_draft", args=[interview.pk + 1000])
    assert officer_client.post(missing, _typed(officer)).status_code == 404


def test_autosave_answers_405_to_get(officer_client):
    assert officer_client.get(AUTOSAVE_NEW).status_code == 405


@pytest.mark.parametrize("role_client", ["reviewer_client", "council_client", "admin_client_"])
def test_autosave_is_for_officers_only(request, role_client, officer):
    client = request.getfixturevalue(role_client)
    assert client.post(AUTOSAVE_NEW, _typed(officer)).status_code == 403
    assert not InterviewDraft.objects.exists()


def test_autosave_without_a_session_answers_401_json_and_keeps_nothing(officer):
    response = Client().post(AUTOSAVE_NEW, _typed(officer))
    assert response.status_code == 401
    assert response.json()["saved"] is False
    assert not InterviewDraft.objects.exists()


def test_autosave_needs_the_csrf_token(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert client.post(AUTOSAVE_NEW, _typed(officer)).status_code == 403
    assert not InterviewDraft.objects.exists()


def test_autosave_refuses_a_body_above_the_cap(officer_client, officer):
    response = officer_client.post(
        AUTOSAVE_NEW, _typed(officer, notes="x" * (services.DRAFT_MAX_BYTES + 10))
    )
    assert response.status_code == 413
    assert response.json()["saved"] is False
    assert not InterviewDraft.objects.exists()


# The form: restore, save, discard ----------------------------------------------------------


def test_the_form_restores_the_draft_for_its_author_only(officer, officer2):
    DraftFactory(author=officer, data={"notes": ["Nur für mich."], "findings-TOTAL_FORMS": ["2"]})
    mine = Client()
    mine.force_login(officer)
    content = mine.get(CREATE).content.decode()
    assert "Nur für mich." in content
    assert "wiederhergestellt" in content
    assert "Entwurf verwerfen" in content
    assert "error-summary" not in content
    other = Client()
    other.force_login(officer2)
    content = other.get(CREATE).content.decode()
    assert "Nur für mich." not in content
    assert "Entwurf verwerfen" not in content


def test_an_interviews_draft_is_restored_on_its_edit_form(officer_client, officer):
    interview = InterviewFactory(notes="Alt.")
    DraftFactory(author=officer, interview=interview, data={"notes": ["Neuer Stand."]})
    url = reverse("consultations:interview_update", args=[interview.pk])
    assert "Neuer Stand." in officer_client.get(url).content.decode()
    # A new interview's form does not show it.
    assert "Neuer Stand." not in officer_client.get(CREATE).content.decode()


def test_saving_the_interview_deletes_the_draft(officer_client, officer):
    data = _typed(officer, notes="Fertig.")
    officer_client.post(AUTOSAVE_NEW, data)
    assert InterviewDraft.objects.count() == 1
    assert officer_client.post(CREATE, data).status_code == 302
    assert Interview.objects.get().notes == "Fertig."
    assert not InterviewDraft.objects.exists()


def test_saving_an_edit_deletes_that_drafts_only(officer_client, officer):
    interview = InterviewFactory()
    DraftFactory(author=officer, interview=interview)
    new_one = DraftFactory(author=officer)
    data = interview_post(
        round_=interview.round,
        held_on=interview.held_on,
        stakeholders=list(interview.stakeholders.all()),
        interviewer=officer,
        notes="Geändert.",
        version=str(interview.version),
    )
    url = reverse("consultations:interview_update", args=[interview.pk])
    assert officer_client.post(url, data).status_code == 302
    assert list(InterviewDraft.objects.all()) == [new_one]


def test_discarding_deletes_the_draft_and_opens_the_empty_form(officer_client, officer):
    draft = DraftFactory(author=officer, data={"notes": ["Weg damit."]})
    url = reverse("consultations:interview_draft_discard", args=[draft.pk])
    response = officer_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == CREATE
    assert not InterviewDraft.objects.exists()
    assert "Weg damit." not in officer_client.get(CREATE).content.decode()


def test_discarding_another_officers_draft_is_404(officer_client, officer2):
    draft = DraftFactory(author=officer2)
    url = reverse("consultations:interview_draft_discard", args=[draft.pk])
    assert officer_client.post(url).status_code == 404
    assert officer_client.get(url).status_code == 405
    assert InterviewDraft.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("role_client", ["reviewer_client", "council_client"])
def test_discarding_is_for_officers_only(request, role_client):
    draft = DraftFactory()
    url = reverse("consultations:interview_draft_discard", args=[draft.pk])
    assert request.getfixturevalue(role_client).post(url).status_code == 403
    assert InterviewDraft.objects.exists()


# Expiry ------------------------------------------------------------------------------------


def test_purge_drafts_removes_drafts_older_than_the_setting(officer, settings):
    settings.INTERVIEW_DRAFT_DAYS = 14
    old, fresh = DraftFactory(author=officer), DraftFactory(interview=InterviewFactory())
    InterviewDraft.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=15)
    )
    call_command("purge_drafts")
    assert list(InterviewDraft.objects.all()) == [fresh]
    settings.INTERVIEW_DRAFT_DAYS = 0
    call_command("purge_drafts")
    assert not InterviewDraft.objects.exists()


def test_purge_drafts_removes_expired_kept_forms_from_sessions(settings):
    settings.INTERVIEW_DRAFT_DAYS = 14
    store = SessionStore()
    store[DRAFT_SESSION_KEY] = {
        "/alt/": {"owner": "a", "saved": time.time() - 15 * 86_400, "data": {"notes": ["x"]}},
        "/neu/": {"owner": "a", "saved": time.time(), "data": {"notes": ["y"]}},
    }
    store.create()
    call_command("purge_drafts")
    kept = SessionStore(session_key=store.session_key).load()[DRAFT_SESSION_KEY]
    assert list(kept) == ["/neu/"]
    assert Session.objects.filter(session_key=store.session_key).exists()


# A form kept over an expired session -------------------------------------------------------


def _expired_post(officer, **kwargs):
    client = Client()  # the session expired while the officer was typing
    response = client.post(
        CREATE, _typed(officer, extra={"draft_owner": owner_token(officer)}, **kwargs)
    )
    assert response.status_code == 302
    return client


def test_another_person_signing_in_gets_nothing_of_the_kept_form(officer, officer2):
    client = _expired_post(officer, notes="Vertraulich von Officer eins.")
    assert client.session[DRAFT_SESSION_KEY]
    client.force_login(officer2)
    assert not client.session.get(DRAFT_SESSION_KEY)  # dropped at sign-in
    assert "Vertraulich von Officer eins." not in client.get(CREATE).content.decode()
    assert not InterviewDraft.objects.exists()


def test_the_form_view_hands_a_kept_form_only_to_its_owner(officer, officer2):
    """Also without the sign-in signal (another sign-in path), the form view checks."""
    client = Client()
    client.force_login(officer2)
    session = client.session
    session[DRAFT_SESSION_KEY] = {
        CREATE: {
            "owner": _owner_hash(officer.pk),
            "saved": time.time(),
            "data": {"notes": ["Eins."]},
        }
    }
    session.save()
    assert "Eins." not in client.get(CREATE).content.decode()
    assert not client.session.get(DRAFT_SESSION_KEY)
    assert not InterviewDraft.objects.exists()


def test_a_form_without_a_valid_owner_mark_is_not_kept(officer):
    client = Client()
    forged = _typed(officer, extra={"draft_owner": owner_token(officer)[:-3] + "abc"})
    response = client.post(CREATE, forged, follow=True)
    assert not client.session.get(DRAFT_SESSION_KEY)
    assert "Ihre Sitzung war abgelaufen" in response.content.decode()


def test_a_kept_form_above_two_megabytes_is_not_kept_and_the_person_is_told(officer):
    client = Client()
    data = _typed(
        officer,
        notes="x" * (services.DRAFT_MAX_BYTES + 1),
        extra={"draft_owner": owner_token(officer)},
    )
    response = client.post(CREATE, data, follow=True)
    assert not client.session.get(DRAFT_SESSION_KEY)
    assert "zu umfangreich" in response.content.decode()


def test_an_expired_kept_form_is_not_restored(officer, settings):
    client = _expired_post(officer, notes="Zu alt.")
    session = client.session
    stashes = session[DRAFT_SESSION_KEY]
    stashes[CREATE]["saved"] -= (settings.INTERVIEW_DRAFT_DAYS + 1) * 86_400
    session[DRAFT_SESSION_KEY] = stashes
    session.save()
    client.force_login(officer)
    assert "Zu alt." not in client.get(CREATE).content.decode()


def test_the_kept_form_holds_no_csrf_token_nor_owner_mark(officer):
    client = _expired_post(officer)
    stash = client.session[DRAFT_SESSION_KEY][CREATE]
    assert "csrfmiddlewaretoken" not in json.dumps(stash["data"])
    assert "draft_owner" not in stash["data"]


# Signing out -------------------------------------------------------------------------------


def test_signing_out_clears_the_sites_cache_and_storage(officer_client):
    # The form clears only storage (older versions' drafts), never the cache or cookies.
    assert officer_client.get(CREATE)["Clear-Site-Data"] == '"storage"'
    assert "Clear-Site-Data" not in officer_client.get(reverse("account_logout"))
    response = officer_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == CLEAR_SITE_DATA == '"cache", "storage"'


def test_draft_days_default_is_fourteen():
    assert settings.INTERVIEW_DRAFT_DAYS == 14
