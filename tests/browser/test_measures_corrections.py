"""Accompanied implementation in the browser: the reviewer corrects a progress value and
removes an expenditure, each with a reason, and finds both in the measure's history; the
officer records that the measure weakens a dynamic of the analysis.

Each page state is checked with axe-core.
"""

import datetime
import re
from decimal import Decimal

from measures.models import Expenditure, Measure, MeasureEffect, ProgressEntry
from peine.roles import Role
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import (
    DynamicFactory,
    ExpenditureFactory,
    IndicatorFactory,
    MeasureFactory,
    ProgressEntryFactory,
    UserFactory,
)


def _label(text: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(text)}:?$", re.IGNORECASE)


def _main(page) -> str:
    return page.locator("main").inner_text()


def test_reviewer_corrects_a_value_removes_an_expenditure_and_the_history_says_why(page):
    reviewer = UserFactory(role=Role.REVIEWER, first_name="Thomas", last_name="Behrens")
    officer = UserFactory(role=Role.OFFICER, first_name="Leyla", last_name="Demir")
    measure = MeasureFactory(status=Measure.Status.IN_PROGRESS, title="Sprachcafé Südstadt")
    indicator = IndicatorFactory(measure=measure, name="Teilnehmende")
    day = datetime.date(2026, 5, 1)
    entry = ProgressEntryFactory(indicator=indicator, recorded_on=day, value=Decimal("12"))
    expenditure = ExpenditureFactory(
        measure=measure, spent_on=day, amount=Decimal("480"), description="Raummiete Juni"
    )
    DynamicFactory(title="Rückzug in eigene Vereinsstrukturen")

    sign_in_as(page, reviewer)
    page.goto(f"/massnahmen/{measure.pk}/")
    assert_accessible(page)

    # Correct the value: first without a reason (a German message, the typed value kept).
    page.get_by_role("link", name="Wert vom 01.05.2026 korrigieren").click()
    assert "Derzeit erfasst" in _main(page)
    assert_accessible(page)
    page.get_by_label(_label("Wert")).fill("21")
    page.get_by_role("button", name="Korrektur speichern").click()
    assert "Bitte geben Sie an, warum Sie diesen Eintrag korrigieren" in _main(page)
    assert page.get_by_label(_label("Wert")).input_value() == "21"
    assert_accessible(page)
    page.get_by_label(_label("Begründung der Korrektur")).fill("Zahlendreher beim Übertragen")
    page.get_by_role("button", name="Korrektur speichern").click()
    page.wait_for_url(re.compile(rf"/massnahmen/{measure.pk}/$"))
    assert "Der Wert wurde korrigiert." in _main(page)
    entry.refresh_from_db()
    assert entry.value == Decimal("21")

    # Remove the expenditure: a confirmation page, then the reason, then the removal.
    page.get_by_role("link", name="Ausgabe vom 01.05.2026 entfernen").click()
    assert "Raummiete Juni" in _main(page)
    assert_accessible(page)
    page.get_by_label(_label("Begründung der Entfernung")).fill("Doppelt gebucht")
    page.get_by_role("button", name="Entfernen").click()
    page.wait_for_url(re.compile(rf"/massnahmen/{measure.pk}/$"))
    assert not Expenditure.objects.filter(pk=expenditure.pk).exists()
    assert_accessible(page)

    # The history shows both, with who and why.
    history = page.locator("table.history").inner_text()
    assert "Wert von „Teilnehmende“ vom 01.05.2026" in history
    assert "Zahlendreher beim Übertragen" in history
    assert "Ausgabe vom 01.05.2026: 480,00 € (Raummiete Juni)" in history
    assert "Doppelt gebucht" in history
    assert "gelöscht" in history
    assert "Thomas Behrens" in history
    assert ProgressEntry.objects.get(pk=entry.pk).version == 2

    # The officer records that the measure weakens a dynamic of the analysis.
    page.context.clear_cookies()
    sign_in_as(page, officer)
    page.goto(f"/massnahmen/{measure.pk}/")
    assert "Wert vom 01.05.2026 korrigieren" not in _main(page)  # reviewers only
    page.get_by_role("link", name="Wirkung auf eine Dynamik erfassen").click()
    assert_accessible(page)
    page.get_by_label(_label("Dynamik nach Titel suchen")).fill("Rückzug")
    page.get_by_role("button", name="Suchen").click()
    page.get_by_label(_label("Dynamik")).select_option(label="Rückzug in eigene Vereinsstrukturen")
    page.get_by_label("schwächt").check()
    page.get_by_label(_label("Notiz")).fill("Begegnung über Vereinsgrenzen")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(re.compile(rf"/massnahmen/{measure.pk}/$"))
    effects = page.locator(".measure-effects").inner_text()
    assert "Rückzug in eigene Vereinsstrukturen" in effects
    assert "schwächt sie – Begegnung über Vereinsgrenzen" in effects
    assert MeasureEffect.objects.filter(measure=measure, effect="weakens").count() == 1
    assert_accessible(page)

    # The analysis's page of the dynamic names the measure.
    page.get_by_role("link", name="Rückzug in eigene Vereinsstrukturen", exact=True).click()
    assert "Sprachcafé Südstadt" in _main(page)

    # Removing the effect asks first.
    page.go_back()
    page.get_by_role(
        "link", name="Wirkung auf „Rückzug in eigene Vereinsstrukturen“ entfernen"
    ).click()
    assert_accessible(page)
    page.get_by_role("button", name="Entfernen").click()
    page.wait_for_url(re.compile(rf"/massnahmen/{measure.pk}/$"))
    assert not MeasureEffect.objects.exists()
