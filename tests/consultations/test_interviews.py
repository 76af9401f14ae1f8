"""The one-page interview log: one submit, inline findings, nothing typed is lost."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from consultations.models import ConsultationRound, Finding, Interview, InterviewDraft
from consultations.views.mixins import DRAFT_SESSION_KEY, owner_token
from tests.consultations.helpers import finding_data, interview_post
from tests.factories import (
    ContactPersonFactory,
    InterviewFactory,
    RoundFactory,
    StakeholderFactory,
    district,
    sector,
    today,
)

pytestmark = pytest.mark.django_db
URL = reverse("consultations:interview_create")


def _post(client, **kwargs):
    return client.post(URL, interview_post(**kwargs))


def test_officer_logs_interview_with_two_stakeholders_and_three_findings_in_one_submit(
    officer_client, officer
):
    round_ = RoundFactory()
    first, second = StakeholderFactory(), StakeholderFactory()
    person = ContactPersonFactory(stakeholder=first)
    response = _post(
        officer_client,
        round_=round_,
        held_on=today(),
        stakeholders=[first, second],
        contact_persons=[person],
        interviewer=officer,
        district=district("stederdorf"),
        notes="Lange Notizen über das Gespräch.",
        summary="Kurz: viel Bedarf.",
        findings=[
            finding_data("Es fehlen Räume.", sector("wohnen-quartier")),
            finding_data("Sprachkurse sind voll.", sector(), kind="observation"),
            finding_data("Der Sportverein hilft.", sector("sport-freizeit"), kind="resource"),
        ],
    )
    interview = Interview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:interview_detail", args=[interview.pk])
    assert interview.status == Interview.Status.HELD
    assert set(interview.stakeholders.all()) == {first, second}
    assert list(interview.contact_persons.all()) == [person]
    assert interview.findings.count() == 3
    # Findings inherit the round and, when none is given, the interview's district.
    assert set(Finding.objects.values_list("round", "district__slug")) == {
        (round_.pk, "stederdorf")
    }


def test_running_round_and_today_are_preselected(officer_client):
    RoundFactory(status=ConsultationRound.Status.PLANNED, title="Geplant")
    running = RoundFactory(title="Läuft")
    form = officer_client.get(URL).context["form"]
    assert form.initial["round"] == running.pk
    assert form.initial["held_on"] == today()


def test_empty_finding_rows_are_ignored(officer_client, officer):
    empty = {"statement": "", "sector": "", "kind": "", "district": "", "assessment": ""}
    response = _post(
        officer_client,
        round_=RoundFactory(),
        held_on=today(),
        stakeholders=[StakeholderFactory()],
        interviewer=officer,
        findings=[empty, empty],
    )
    assert response.status_code == 302
    assert Finding.objects.count() == 0


def test_future_date_is_refused_and_typed_text_kept(officer_client, officer):
    response = _post(
        officer_client,
        round_=RoundFactory(),
        held_on=today() + datetime.timedelta(days=1),
        stakeholders=[StakeholderFactory()],
        interviewer=officer,
        notes="Mein langer Text, der nicht verloren gehen darf.",
        findings=[finding_data("Eine Erkenntnis, die bleibt.", sector())],
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Das Datum liegt in der Zukunft" in content
    assert "Mein langer Text, der nicht verloren gehen darf." in content
    assert "Eine Erkenntnis, die bleibt." in content
    assert Interview.objects.count() == 0


def test_date_outside_the_rounds_period_is_refused(officer_client, officer):
    round_ = RoundFactory(
        starts_on=today() - datetime.timedelta(days=30),
        ends_on=today() - datetime.timedelta(days=10),
    )
    response = _post(
        officer_client,
        round_=round_,
        held_on=today() - datetime.timedelta(days=5),
        stakeholders=[StakeholderFactory()],
        interviewer=officer,
    )
    assert response.status_code == 200
    assert "außerhalb des Zeitraums der Runde" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("held_on", "31.02.2026"),
        ("held_on", "kein Datum"),
        ("round", "999999"),
        ("round", "abc"),
        ("stakeholders", ["999999"]),
        ("stakeholders", []),
        ("interviewer", "x"),
        ("format", "telepathy"),
        ("findings-0-sector", "nope"),
        ("findings-TOTAL_FORMS", "zwei"),
        ("notes", "x" * 60_000),
    ],
)
def test_bad_input_never_gives_a_500_and_keeps_the_text(officer_client, officer, field, value):
    data = interview_post(
        round_=RoundFactory(),
        held_on=today(),
        stakeholders=[StakeholderFactory()],
        interviewer=officer,
        summary="Bleibt erhalten.",
        findings=[finding_data("Erkenntnis bleibt.", sector())],
    )
    data[field] = value
    response = officer_client.post(URL, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Bleibt erhalten." in content
    assert Interview.objects.count() == 0


def test_persons_present_must_belong_to_the_chosen_stakeholders(officer_client, officer):
    stranger = ContactPersonFactory()
    response = _post(
        officer_client,
        round_=RoundFactory(),
        held_on=today(),
        stakeholders=[StakeholderFactory()],
        contact_persons=[stranger],
        interviewer=officer,
    )
    assert response.status_code == 200
    assert stranger.name in response.content.decode()
    assert Interview.objects.count() == 0


def test_expired_session_keeps_the_typed_notes_until_after_sign_in(officer):
    client = Client()  # no session: it expired while the officer was typing
    data = interview_post(
        round_=RoundFactory(),
        held_on=today(),
        stakeholders=[StakeholderFactory()],
        interviewer=officer,
        notes="Notizen aus einem langen Gespräch in Vöhrum.",
        findings=[finding_data("Der Bus fährt abends nicht mehr.", sector("wohnen-quartier"))],
        extra={"draft_owner": owner_token(officer)},
    )
    response = client.post(URL, data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert Interview.objects.count() == 0

    client.force_login(officer)  # signing in keeps the session's data
    page = client.get(URL)
    content = page.content.decode()
    assert "Notizen aus einem langen Gespräch in Vöhrum." in content
    assert "Der Bus fährt abends nicht mehr." in content
    # The kept form has become the officer's server draft; the session holds it no more.
    draft = InterviewDraft.objects.get(author=officer)
    assert draft.data["notes"] == ["Notizen aus einem langen Gespräch in Vöhrum."]
    assert "csrfmiddlewaretoken" not in draft.data
    assert "draft_owner" not in draft.data
    assert not client.session.get(DRAFT_SESSION_KEY)


def test_saving_after_restore_creates_the_interview_and_deletes_the_draft(officer):
    client = Client()
    data = interview_post(
        round_=RoundFactory(),
        held_on=today(),
        stakeholders=[StakeholderFactory()],
        interviewer=officer,
        notes="Gerettet.",
        extra={"draft_owner": owner_token(officer)},
    )
    client.post(URL, data)
    client.force_login(officer)
    client.get(URL)
    assert InterviewDraft.objects.filter(author=officer).exists()
    assert client.post(URL, data).status_code == 302
    assert Interview.objects.get().notes == "Gerettet."
    assert not InterviewDraft.objects.exists()


def test_form_pages_are_not_cached(officer_client):
    response = officer_client.get(URL)
    assert "no-store" in response["Cache-Control"]


def test_planned_interview_becomes_held_when_logged(officer_client, officer):
    interview = InterviewFactory(status=Interview.Status.PLANNED, notes="")
    data = interview_post(
        round_=interview.round,
        held_on=today(),
        stakeholders=list(interview.stakeholders.all()),
        interviewer=officer,
        version=str(interview.version),
        findings=[finding_data("Nach dem Gespräch notiert.", sector())],
    )
    url = reverse("consultations:interview_update", args=[interview.pk])
    assert officer_client.post(url, data).status_code == 302
    interview.refresh_from_db()
    assert interview.status == Interview.Status.HELD
    assert interview.findings.count() == 1


def test_a_colleagues_newer_save_is_reported_and_text_kept(officer_client, officer):
    interview = InterviewFactory()
    data = interview_post(
        round_=interview.round,
        held_on=interview.held_on,
        stakeholders=list(interview.stakeholders.all()),
        interviewer=officer,
        notes="Meine Ergänzung.",
        version=str(interview.version),
    )
    Interview.objects.filter(pk=interview.pk).update(version=interview.version + 1)
    url = reverse("consultations:interview_update", args=[interview.pk])
    response = officer_client.post(url, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Meine Ergänzung." in content
    assert "seit Sie ihn geöffnet haben" in content or "since you opened it" in content


def test_planning_an_interview_accepts_future_dates_within_the_round(officer_client, officer):
    round_ = RoundFactory()
    url = reverse("consultations:interview_plan", args=[round_.pk])
    data = {
        "held_on": (today() + datetime.timedelta(days=10)).isoformat(),
        "format": "phone",
        "stakeholders": [StakeholderFactory().pk],
        "interviewer": officer.pk,
        "district": "",
    }
    assert officer_client.post(url, data).status_code == 302
    assert Interview.objects.get().status == Interview.Status.PLANNED
    data["held_on"] = (round_.ends_on + datetime.timedelta(days=1)).isoformat()
    assert officer_client.post(url, data).status_code == 200


def test_stakeholder_search_without_javascript_keeps_the_text_and_saves_nothing(
    officer_client, officer
):
    ticked = StakeholderFactory(name="Kreissportbund Peine")
    StakeholderFactory(name="Familien für Familien e.V.")
    StakeholderFactory(name="Chor der Kulturen")
    data = interview_post(
        round_=RoundFactory(),
        held_on="kein Datum",
        stakeholders=[ticked],
        interviewer=officer,
        notes="Halb geschrieben.",
        extra={"stakeholder_q": "famil", "_search_stakeholders": "1"},
    )
    response = officer_client.post(URL, data)
    content = response.content.decode()
    choices = [
        label for _value, label in response.context["form"].fields["stakeholders"].widget.choices
    ]
    assert response.status_code == 200
    assert sorted(choices) == ["Familien für Familien e.V.", "Kreissportbund Peine"]
    assert "Chor der Kulturen" not in content
    assert "Halb geschrieben." in content
    assert "error-summary" not in content
    assert Interview.objects.count() == 0
