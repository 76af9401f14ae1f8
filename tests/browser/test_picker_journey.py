"""Filtering the measures by lead stakeholder with the picker: with JavaScript (type,
choose from the listbox) and without (type, submit, tick one of the matches)."""

from django.db import connections

from measures.models import Measure
from peine.roles import Role
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import StakeholderFactory, UserFactory


def _data():
    reviewer = UserFactory(role=Role.REVIEWER)
    awo = StakeholderFactory(name="AWO Kreisverband Peine")
    awo_youth = StakeholderFactory(name="AWO Jugendwerk Peine")
    for n in range(30):
        StakeholderFactory(name=f"Sportverein {n:02}")
    Measure.objects.create(title="Sprachcafé", status="approved", lead=awo, proposed_by=reviewer)
    Measure.objects.create(
        title="Ferienfreizeit", status="approved", lead=awo_youth, proposed_by=reviewer
    )
    return reviewer


def _titles(page) -> list[str]:
    return page.locator("table.measure-list tbody th a").all_inner_texts()


def test_lead_filter_with_javascript_type_and_choose(page):
    sign_in_as(page, _data())
    page.goto("/massnahmen/")
    assert page.locator("select#id_lead").count() == 0
    box = page.get_by_role("combobox", name="federführender Akteur")
    box.press_sequentially("kreisverb", delay=30)
    option = page.get_by_role("option", name="AWO Kreisverband Peine")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert_accessible(page)
    box.press("ArrowDown")
    box.press("Enter")  # chooses, does not submit
    assert page.get_by_role("radio", name="AWO Kreisverband Peine").is_checked()
    assert box.input_value() == ""
    page.get_by_role("button", name="Filter anwenden").click()
    page.wait_for_load_state()
    assert _titles(page) == ["Sprachcafé"]
    assert page.get_by_role("radio", name="AWO Kreisverband Peine").is_checked()
    assert_accessible(page)
    # The state a browser without JavaScript gets after an ambiguous name (axe needs
    # JavaScript, so it checks that page here).
    page.goto("/massnahmen/?lead_q=AWO")
    assert page.locator('input[name="lead"]').count() == 3
    assert_accessible(page)


def test_lead_filter_without_javascript_type_submit_and_tick(browser, live_server):
    """Without JavaScript (axe cannot run there; the same markup is checked above)."""
    from tests.browser.conftest import ensure_reference_data

    ensure_reference_data()
    reviewer = _data()
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", java_script_enabled=False
    )
    page = context.new_page()
    page.live_server_url = live_server.url
    try:
        sign_in_as(page, reviewer)
        page.goto("/massnahmen/")
        page.get_by_label("federführender Akteur").fill("AWO")
        page.get_by_role("button", name="Filter anwenden").click()
        page.wait_for_load_state()
        # Two match: the page says so, keeps the text and offers both (and "keiner").
        assert "Mehrere Einträge passen" in page.locator("main").inner_text()
        assert page.get_by_label("federführender Akteur").input_value() == "AWO"
        assert page.locator('input[name="lead"]').count() == 3
        page.get_by_role("radio", name="AWO Jugendwerk Peine").check()
        page.get_by_role("button", name="Filter anwenden").click()
        page.wait_for_load_state()
        assert _titles(page) == ["Ferienfreizeit"]
        # A unique part of a name is enough.
        page.get_by_label("federführender Akteur").fill("Kreisverband")
        page.get_by_role("button", name="Filter anwenden").click()
        page.wait_for_load_state()
        assert _titles(page) == ["Sprachcafé"]
    finally:
        context.close()
        connections.close_all()  # as the page fixture does: else the flush waits for it
