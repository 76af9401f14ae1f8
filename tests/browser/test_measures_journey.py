"""The measure journey in the browser: propose, request changes, resubmit, approve, progress.

Each page state the journey shows is checked with axe-core.
"""

import datetime
import re

from measures.models import Measure
from peine.roles import Role
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import StakeholderFactory, UserFactory

TITLE = "Sprachcafé in der Südstadt"
AMIF = "EU-Asyl-, Migrations- und Integrationsfonds (AMIF)"
REASON = "Bitte die Kinderbetreuung einplanen."


def _label(text: str) -> re.Pattern:
    """A field's label as Django renders it (with or without the colon)."""
    return re.compile(rf"^{re.escape(text)}:?$", re.IGNORECASE)


def _as(page, user) -> None:
    page.context.clear_cookies()
    sign_in_as(page, user)


def _decide(page, button: str, reason: str = "") -> None:
    if reason:
        page.get_by_label(_label("Begründung")).fill(reason)
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    assert page.locator(".message--success").count() == 1
    assert_accessible(page)


def test_measure_goes_from_proposal_through_review_to_progress(page):
    officer = UserFactory(role=Role.OFFICER, first_name="Leyla", last_name="Demir")
    reviewer = UserFactory(role=Role.REVIEWER, first_name="Thomas", last_name="Behrens")
    council = UserFactory(role=Role.COUNCIL)
    StakeholderFactory(name="Caritas Migrationsdienst Peine")

    # The officer proposes the measure with a budget.
    _as(page, officer)
    page.goto("/massnahmen/")
    assert_accessible(page)
    page.get_by_role("link", name="Maßnahme vorschlagen").click()
    assert_accessible(page)
    page.get_by_label(_label("Titel")).fill(TITLE)
    page.get_by_label(_label("Beschreibung")).fill("Treffpunkt zum Deutschüben.")
    page.get_by_label("Sprache und Bildung").check()
    page.get_by_label("Frauen").check()
    page.get_by_label("Kernstadt").check()
    lead = page.get_by_label(_label("federführender Akteur"))
    lead.fill("Caritas Migrationsdienst Peine")  # the picker resolves the typed name
    page.get_by_label(_label("Beginn")).fill("2026-04-01")
    page.get_by_label(_label("Ende")).fill("2025-03-31")  # before the start: a German error
    page.get_by_label("Finanzierungsquelle, Zeile 1").select_option(label=AMIF)
    page.get_by_label("Betrag in Euro, Zeile 1").fill("12.500,50")
    page.get_by_role("button", name="Speichern").click()
    assert "Das Ende darf nicht vor dem Beginn liegen." in page.locator("main").inner_text()
    assert page.get_by_label(_label("Titel")).input_value() == TITLE
    assert_accessible(page)
    page.get_by_label(_label("Ende")).fill("2027-03-31")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(re.compile(r"/massnahmen/\d+/$"))
    assert "12.500,50" in page.locator("main").inner_text()
    assert_accessible(page)
    detail_url = page.url
    _decide(page, "Zur Prüfung einreichen")

    # The reviewer finds it in the queue and requests changes.
    _as(page, reviewer)
    page.goto("/massnahmen/pruefung/")
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    _decide(page, "Prüfung beginnen")
    page.get_by_role("button", name="Änderungen anfordern").click()
    assert "Bitte begründen Sie diese Entscheidung." in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(detail_url)
    _decide(page, "Änderungen anfordern", REASON)
    assert REASON in page.locator("main").inner_text()

    # The officer reads the reason, edits and resubmits.
    _as(page, officer)
    page.goto(detail_url)
    assert REASON in page.locator("main").inner_text()
    page.get_by_role("link", name="Maßnahme bearbeiten").click()
    assert_accessible(page)
    page.get_by_label(_label("Beschreibung")).fill("Treffpunkt mit Kinderbetreuung.")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(detail_url)
    _decide(page, "Zur Prüfung einreichen")

    # The reviewer approves and starts the implementation, then records progress.
    _as(page, reviewer)
    page.goto(detail_url)
    _decide(page, "Prüfung beginnen")
    _decide(page, "Genehmigen")
    _decide(page, "Umsetzung beginnen")
    page.get_by_role("link", name="Indikator hinzufügen").click()
    assert_accessible(page)
    page.get_by_label(_label("Name")).fill("Teilnehmende")
    page.get_by_label(_label("Einheit")).fill("Personen")
    page.get_by_label(_label("Zielwert")).fill("40")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("link", name="Wert für „Teilnehmende“ erfassen").click()
    assert_accessible(page)
    page.get_by_label(_label("Datum")).fill(datetime.date.today().isoformat())
    page.get_by_label(_label("Wert")).fill("17")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("link", name="Ausgabe erfassen").click()
    page.get_by_label(_label("Finanzierungsquelle")).select_option(label=AMIF)
    page.get_by_label(_label("Datum")).fill(datetime.date.today().isoformat())
    page.get_by_label(_label("Betrag (EUR)")).fill("-3")
    page.get_by_role("button", name="Speichern").click()
    assert_accessible(page)
    page.get_by_label(_label("Betrag (EUR)")).fill("500,25")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(detail_url)
    main = page.locator("main").inner_text()
    assert "12.000,25" in main  # remaining of the AMIF budget
    assert page.locator("svg.chart").count() == 1
    assert "Änderungsverlauf" in main
    assert_accessible(page)
    assert Measure.objects.get().status == Measure.Status.IN_PROGRESS

    # The council reads the measure and its progress, never the review comments.
    _as(page, council)
    page.goto("/massnahmen/")
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    main = page.locator("main").inner_text()
    assert "in Umsetzung" in main
    assert "Teilnehmende" in main
    assert REASON not in main
    assert "Entscheidungen und Statusänderungen" not in main
    assert page.get_by_role("button", name="Genehmigen").count() == 0
    assert_accessible(page)
