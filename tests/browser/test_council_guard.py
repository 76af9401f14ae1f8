"""The council's journey through measures and register: nothing internal shows, and an
officer's page it opens by link answers 403 (the one guard, peine/roles.py)."""

from measures.models import Measure
from peine.roles import Role
from stakeholders.models import Stakeholder
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import MeasureFactory, StakeholderFactory, UserFactory

S = Measure.Status


def test_council_sorts_measures_by_status_and_searches_the_register(page):
    MeasureFactory(title="A Sprachcafé", status=S.SUBMITTED)
    MeasureFactory(title="B Lernpaten", status=S.IN_REVIEW)
    MeasureFactory(title="C Elterncafé", status=S.CHANGES_REQUESTED)
    MeasureFactory(title="D Stadtteilfest", status=S.IN_PROGRESS)
    StakeholderFactory(
        name="Nachbarschaftstreff Süd",
        kind=Stakeholder.Kind.INITIATIVE,
        description="Vorstand zerstritten",
    )
    sign_in_as(page, UserFactory(role=Role.COUNCIL))

    page.goto("/massnahmen/")
    page.locator("main thead").get_by_role("link", name="Status").click()
    page.wait_for_url("**sort=status**")
    rows = page.locator("main tbody tr th").all_inner_texts()
    # The council sees measures from "approved" on only (issue 26.1).
    assert rows == ["D Stadtteilfest"]
    badges = page.locator("main tbody .measure-status")
    assert set(badges.all_inner_texts()) == {"in Umsetzung"}
    classes = " ".join(badges.evaluate_all("els => els.map(e => e.className)"))
    for internal in ("submitted", "in_review", "changes_requested"):
        assert internal not in classes
    assert_accessible(page)

    page.goto("/akteure/")
    search = page.get_by_role("searchbox", name="Suche")
    search.fill("zerstritten")
    search.press("Enter")
    page.wait_for_url("**q=zerstritten**")
    assert "Nachbarschaftstreff" not in page.locator("main").inner_text()
    search = page.get_by_role("searchbox", name="Suche")
    search.fill("Initiative")
    search.press("Enter")
    page.wait_for_url("**q=Initiative**")
    assert "Nachbarschaftstreff Süd" in page.locator("main").inner_text()

    response = page.goto("/massnahmen/neu/")
    assert response.status == 403
