"""The officer logs an interview (bounded pickers, server drafts), survives an expired
session with nothing kept in the browser, releases a summary; the council member reads it
and sees no notes."""

import datetime

from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from consultations.models import ConsultationRound, Interview, InterviewDraft, RoundSummary
from tests.browser.conftest import assert_accessible, sign_in_as, sign_in_with_password
from tests.factories import (
    NOTES_MARKER,
    PERSON_MARKER,
    TEST_PASSWORD,
    TEST_TOTP_SECRET,
    ContactPersonFactory,
    FindingFactory,
    InterviewFactory,
    RoundFactory,
    StakeholderFactory,
    UserFactory,
    totp_code,
)

NOTES = f"Langes Gespräch im Vereinsheim. {NOTES_MARKER} Die Vorsitzende bittet um Vertraulichkeit."


def _finding(page, index: int, statement: str, sector: str, kind: str) -> None:
    page.locator(f"#id_findings-{index}-statement").fill(statement)
    page.locator(f"#id_findings-{index}-sector").select_option(label=sector)
    page.locator(f"#id_findings-{index}-kind").select_option(label=kind)


def _storage_is_empty(page) -> None:
    """Nothing typed is kept in the browser: no localStorage, no sessionStorage."""
    assert page.evaluate("JSON.stringify(localStorage)") == "{}"
    assert page.evaluate("JSON.stringify(sessionStorage)") == "{}"


def _register_for_pickers():
    """Two stakeholders the officer picks, behind more than a screenful of others."""
    first = StakeholderFactory(name="Familien für Familien e.V.")
    StakeholderFactory(name="Kreissportbund Peine")
    for n in range(25):
        StakeholderFactory(name=f"Bürgerverein {n:02d}")
    ContactPersonFactory(stakeholder=first, name="Erika Beispiel")
    return first


def _sign_in_again(page, officer) -> None:
    """Password, then the authenticator code (every factory officer has one)."""
    expect(page.get_by_role("heading", name="Anmelden")).to_be_visible()
    page.get_by_label("E-Mail", exact=True).fill(officer.email)
    page.get_by_label("Passwort", exact=True).fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden").click()
    # The next period's code: the first sign-in of the test used the current one.
    page.get_by_label("Code", exact=True).fill(totp_code(TEST_TOTP_SECRET, step=1))
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden").click()


def test_officer_logs_an_interview_and_an_expired_session_loses_no_text(page):
    officer = UserFactory(role="officer", email="leyla@peine.example")
    RoundFactory(title="Was wollen wir werden?")
    _register_for_pickers()

    sign_in_with_password(page, officer.email, TEST_PASSWORD)
    page.goto(reverse("consultations:interview_create"))
    expect(page.get_by_role("heading", name="Gespräch erfassen")).to_be_visible()
    # A screenful of stakeholders, not the whole register.
    expect(page.locator("input[name=stakeholders]")).to_have_count(20)
    expect(page.get_by_label("Familien für Familien e.V.", exact=True)).to_have_count(0)
    assert_accessible(page)

    # Search-as-you-type: the server sends the matches.
    search = page.get_by_label("Akteure suchen")
    search.fill("famil")
    page.get_by_label("Familien für Familien e.V.", exact=True).check()
    expect(page.get_by_label("Bürgerverein 03")).to_have_count(0)
    # The persons of the ticked stakeholder appear.
    page.get_by_label("Erika Beispiel (Familien für Familien e.V.)").check()
    search.fill("kreissport")
    page.get_by_label("Kreissportbund Peine", exact=True).check()
    expect(page.get_by_label("Familien für Familien e.V.", exact=True)).to_be_checked()
    page.get_by_label("Vertrauliche Notizen").fill(NOTES)
    page.get_by_label("Teilbare Zusammenfassung").fill("Viel Bedarf an Räumen.")
    _finding(
        page, 0, "Es fehlen Räume für Begegnung.", "Wohnen und Zusammenleben im Quartier", "Bedarf"
    )
    _finding(page, 1, "Der Sportverein verbindet Familien.", "Sport und Freizeit", "Ressource")
    page.get_by_role("button", name="Weitere Erkenntnis hinzufügen").click()
    _finding(
        page,
        2,
        "Eltern kennen die Kita-Angebote nicht.",
        "Kinder, Jugend und Familie",
        "Beobachtung",
    )
    expect(page.get_by_role("status").filter(has_text="Entwurf um")).to_be_visible()
    assert_accessible(page)
    _storage_is_empty(page)

    # The session expires while the officer is typing.
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    page.get_by_role("button", name="Gespräch speichern").click()
    expect(page.get_by_text("Ihre Sitzung war abgelaufen")).to_be_visible()
    assert_accessible(page)
    assert not Interview.objects.exists()

    _sign_in_again(page, officer)
    expect(page.get_by_text("wiederhergestellt")).to_be_visible()
    expect(page.get_by_label("Vertrauliche Notizen")).to_have_value(NOTES)
    expect(page.locator("#id_findings-2-statement")).to_have_value(
        "Eltern kennen die Kita-Angebote nicht."
    )
    expect(page.get_by_label("Erika Beispiel (Familien für Familien e.V.)")).to_be_checked()
    assert_accessible(page)
    _storage_is_empty(page)

    page.get_by_role("button", name="Gespräch speichern").click()
    expect(page.get_by_text("Das Gespräch wurde gespeichert.")).to_be_visible()
    assert_accessible(page)
    interview = Interview.objects.get()
    assert interview.notes == NOTES
    assert interview.stakeholders.count() == 2
    assert interview.contact_persons.count() == 1
    assert interview.findings.count() == 3
    assert not InterviewDraft.objects.exists()  # saved: the draft is gone
    _storage_is_empty(page)


def test_the_server_draft_survives_a_deleted_session_cookie(page):
    officer = UserFactory(role="officer", email="draft@peine.example")
    RoundFactory()
    first = StakeholderFactory(name="Familien für Familien e.V.")
    sign_in_with_password(page, officer.email, TEST_PASSWORD)
    page.goto(reverse("consultations:interview_create"))
    page.get_by_label("Familien für Familien e.V.", exact=True).check()
    page.get_by_label("Vertrauliche Notizen").fill("Entwurf, der die Sitzung überlebt.")
    _finding(
        page, 0, "Der Bus fährt abends nicht.", "Wohnen und Zusammenleben im Quartier", "Bedarf"
    )
    expect(page.get_by_role("status").filter(has_text="Entwurf um")).to_be_visible()
    _storage_is_empty(page)
    assert InterviewDraft.objects.get(author=officer).data["notes"] == [
        "Entwurf, der die Sitzung überlebt."
    ]

    # The session cookie is gone (idle timeout, closed browser): open the form again.
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    page.goto(reverse("consultations:interview_create"))
    _sign_in_again(page, officer)
    expect(page.get_by_text("Entwurf vom")).to_be_visible()
    expect(page.get_by_label("Vertrauliche Notizen")).to_have_value(
        "Entwurf, der die Sitzung überlebt."
    )
    expect(page.locator("#id_findings-0-statement")).to_have_value("Der Bus fährt abends nicht.")
    expect(page.get_by_label("Familien für Familien e.V.", exact=True)).to_be_checked()
    assert_accessible(page)
    _storage_is_empty(page)
    page.get_by_role("button", name="Gespräch speichern").click()
    expect(page.get_by_text("Das Gespräch wurde gespeichert.")).to_be_visible()
    assert Interview.objects.get().notes == "Entwurf, der die Sitzung überlebt."
    assert list(Interview.objects.get().stakeholders.all()) == [first]
    assert not InterviewDraft.objects.exists()
    _storage_is_empty(page)


def test_a_closed_tab_keeps_a_server_draft_that_can_be_discarded(page):
    officer = UserFactory(role="officer")
    RoundFactory()
    sign_in_as(page, officer)
    page.goto(reverse("consultations:interview_create"))
    page.get_by_label("Vertrauliche Notizen").fill("Entwurf, der den Tab überlebt.")
    expect(page.get_by_role("status").filter(has_text="Entwurf um")).to_be_visible()
    page.close()

    again = page.context.new_page()
    again.goto(reverse("consultations:interview_create"))
    expect(again.get_by_text("Entwurf vom")).to_be_visible()
    expect(again.get_by_label("Vertrauliche Notizen")).to_have_value(
        "Entwurf, der den Tab überlebt."
    )
    assert_accessible(again)
    again.get_by_role("button", name="Entwurf verwerfen").click()
    expect(again.get_by_text("Der Entwurf wurde verworfen.")).to_be_visible()
    expect(again.get_by_label("Vertrauliche Notizen")).to_have_value("")
    assert not InterviewDraft.objects.exists()
    _storage_is_empty(again)


def test_officer_releases_a_summary_and_the_council_reads_it_without_notes(page, browser):
    officer = UserFactory(role="officer")
    council = UserFactory(role="council")
    round_ = RoundFactory(
        title="Gesprächsrunde 2025",
        status=ConsultationRound.Status.CLOSED,
        evaluation="Begegnungsorte fehlen in Kernstadt und Ortschaften.",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 6, 30),
    )
    interview = InterviewFactory(round=round_, notes=f"Vertraulich {NOTES_MARKER}")
    person = ContactPersonFactory(stakeholder=interview.stakeholders.first(), name=PERSON_MARKER)
    interview.contact_persons.add(person)
    FindingFactory(interview=interview, statement="Im Quartier fehlen Treffpunkte.")

    sign_in_as(page, officer)
    page.goto(reverse("consultations:summary_release", args=[round_.pk]))
    # The interview is not marked releasable: its statement is quoted only when ticked.
    statement = page.get_by_role("checkbox", name="Im Quartier fehlen Treffpunkte.", exact=False)
    expect(statement).not_to_be_checked()
    assert_accessible(page)
    statement.check()
    page.get_by_role("button", name="Für den Rat freigeben").click()
    expect(page.get_by_text("Version 1 der Zusammenfassung wurde")).to_be_visible()
    assert_accessible(page)
    assert RoundSummary.objects.count() == 1

    council_context = browser.new_context(base_url=page.live_server_url, locale="de-DE")
    council_page = council_context.new_page()
    council_page.live_server_url = page.live_server_url
    sign_in_as(council_page, council)
    council_page.goto(reverse("consultations:summary_list"))
    assert_accessible(council_page)
    council_page.get_by_role("link", name="Gesprächsrunde 2025").click()
    expect(council_page.get_by_text("Im Quartier fehlen Treffpunkte.")).to_be_visible()
    expect(council_page.get_by_text("Begegnungsorte fehlen")).to_be_visible()
    assert_accessible(council_page)
    html = council_page.content()
    assert NOTES_MARKER not in html
    assert PERSON_MARKER not in html
    response = council_page.goto(reverse("consultations:interview_detail", args=[interview.pk]))
    assert response.status == 403
    council_context.close()


def test_officer_works_the_findings_board(page):
    officer = UserFactory(role="officer")
    round_ = RoundFactory()
    interview = InterviewFactory(round=round_)
    FindingFactory(interview=interview, statement="Sprachkurse haben Wartelisten.")
    FindingFactory(interview=interview, statement="Vereine brauchen Räume.", kind="resource")
    sign_in_as(page, officer)
    page.goto(reverse("consultations:option_create", args=[round_.pk]))
    page.get_by_label("Titel").fill("Sprachcafé")
    page.get_by_role("button", name="Speichern").click()
    page.goto(reverse("consultations:finding_board", args=[round_.pk]))
    assert_accessible(page)
    page.get_by_label("Sprachkurse haben Wartelisten.").check()
    page.get_by_role("button", name="Mit dieser Handlungsoption verknüpfen").click()
    expect(page.get_by_text("1 Erkenntnisse mit „Sprachcafé“ verknüpft.")).to_be_visible()
    assert_accessible(page)


def test_the_stakeholder_picker_works_without_javascript(page, browser):
    officer = UserFactory(role="officer")
    RoundFactory()
    _register_for_pickers()
    context = browser.new_context(
        base_url=page.live_server_url, locale="de-DE", java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    plain = context.new_page()
    plain.live_server_url = page.live_server_url
    sign_in_as(plain, officer)
    plain.goto(reverse("consultations:interview_create"))
    expect(plain.locator("input[name=stakeholders]")).to_have_count(20)
    plain.get_by_label("Akteure suchen").fill("kreis")
    plain.get_by_role("button", name="Suchen").click()
    plain.get_by_label("Kreissportbund Peine").check()
    plain.get_by_label("Vertrauliche Notizen").fill("Ohne JavaScript getippt.")
    plain.get_by_label("Akteure suchen").fill("famil")
    plain.get_by_role("button", name="Suchen").click()
    expect(plain.get_by_label("Familien für Familien e.V.")).to_be_visible()
    expect(plain.get_by_label("Kreissportbund Peine")).to_be_checked()
    expect(plain.get_by_label("Vertrauliche Notizen")).to_have_value("Ohne JavaScript getippt.")
    # Ticking a stakeholder and searching again lists its persons.
    plain.get_by_label("Familien für Familien e.V.").check()
    plain.get_by_role("button", name="Suchen").click()
    plain.get_by_label("Erika Beispiel (Familien für Familien e.V.)").check()
    plain.get_by_role("button", name="Gespräch speichern").click()
    expect(plain.get_by_text("Das Gespräch wurde gespeichert.")).to_be_visible()
    interview = Interview.objects.get()
    assert interview.stakeholders.count() == 2
    assert interview.contact_persons.count() == 1
    # axe itself needs JavaScript: the same page with scripts is checked in the journey above.
    context.close()
