"""The officer reads a stakeholder's change history a page at a time: the latest 20
entries, then older ones, back to the creation; both pages pass axe."""

import pghistory
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import StakeholderFactory, UserFactory


def test_officer_pages_back_through_a_long_history(page):
    officer = UserFactory(role="officer")
    stakeholder = StakeholderFactory(name="Interkultureller Verein Peine")
    with pghistory.context(user=officer.pk):
        for n in range(24):
            stakeholder.description = f"Fassung {n:02}"
            stakeholder.save()

    sign_in_as(page, officer)
    page.goto(reverse("stakeholders:detail", args=[stakeholder.pk]))
    rows = page.locator("table.history tbody tr")
    expect(rows).to_have_count(20)
    expect(rows.first).to_contain_text("Fassung 23")
    history_pages = page.get_by_role("navigation", name="Seiten: Änderungsverlauf")
    expect(history_pages).to_contain_text("Seite 1 von 2")
    assert_accessible(page)
    history_pages.get_by_role("link", name="Nächste Seite").click()
    expect(rows).to_have_count(5)
    expect(rows.last).to_contain_text("angelegt")
    assert "history=2" in page.url
    assert_accessible(page)
