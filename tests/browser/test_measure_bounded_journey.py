"""Bounded measure pages in the browser: the origin option is chosen with the picker (type,
choose from at most 20 matches), and the measure page pages its spending and values."""

import datetime
import re
from decimal import Decimal

from consultations.models import ActionOption
from measures.models import Expenditure, Measure, ProgressEntry
from peine.roles import Role
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import (
    ActionOptionFactory,
    IndicatorFactory,
    MeasureFactory,
    UserFactory,
    funding_source,
)


def _label(text: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(text)}:?$", re.IGNORECASE)


def test_officer_picks_the_origin_option_by_typing(page):
    officer = UserFactory(role=Role.OFFICER)
    for n in range(25):
        ActionOptionFactory(title=f"Sprachkurs {n:02}")
    wanted = ActionOptionFactory(title="Mehrsprachige Elternabende")
    sign_in_as(page, officer)
    page.goto("/massnahmen/neu/")
    assert page.locator("select#id_origin_option").count() == 0
    assert "Sprachkurs 00" not in page.content()
    page.get_by_label(_label("Titel")).fill("Elternabende in drei Sprachen")
    box = page.get_by_role("combobox", name=_label("Handlungsoption"))
    box.press_sequentially("sprachkurs", delay=20)
    page.get_by_role("option", name="Sprachkurs 00").wait_for()
    assert page.locator("#id_origin_option_listbox").get_by_role("option").count() == 20
    assert_accessible(page)
    box.fill("")
    box.press_sequentially("eltern", delay=30)
    option = page.get_by_role("option", name="Mehrsprachige Elternabende")
    option.wait_for()
    box.press("ArrowDown")
    box.press("Enter")  # chooses, does not submit
    assert page.get_by_role("radio", name="Mehrsprachige Elternabende").is_checked()
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(re.compile(r"/massnahmen/\d+/$"))
    assert "Mehrsprachige Elternabende" in page.locator("main").inner_text()
    measure = Measure.objects.get(title="Elternabende in drei Sprachen")
    assert measure.origin_option == wanted
    wanted.refresh_from_db()
    assert wanted.status == ActionOption.Status.ADOPTED


def test_measure_page_pages_spending_and_values(page):
    reviewer = UserFactory(role=Role.REVIEWER)
    measure = MeasureFactory(status=Measure.Status.IN_PROGRESS, title="Sprachcafé")
    indicator = IndicatorFactory(measure=measure, name="Teilnehmende")
    start = datetime.date(2021, 1, 1)
    Expenditure.objects.bulk_create(
        Expenditure(
            measure=measure,
            funding_source=funding_source(),
            spent_on=start + datetime.timedelta(days=n),
            amount=Decimal("10.00"),
            description=f"Posten {n:02}",
            recorded_by=reviewer,
        )
        for n in range(30)
    )
    ProgressEntry.objects.bulk_create(
        ProgressEntry(
            indicator=indicator,
            recorded_on=start + datetime.timedelta(days=n),
            value=Decimal(n),
            note=f"Notiz {n:02}",
            recorded_by=reviewer,
        )
        for n in range(22)
    )
    sign_in_as(page, reviewer)
    page.goto(f"/massnahmen/{measure.pk}/")
    spending = page.locator("section", has=page.locator("#spending-heading"))
    assert spending.get_by_role("cell", name="Posten 29").count() == 1
    assert spending.get_by_role("cell", name="Posten 00").count() == 0
    assert_accessible(page)
    spending.get_by_role("link", name="Nächste Seite").click()
    page.wait_for_load_state()
    spending = page.locator("section", has=page.locator("#spending-heading"))
    assert spending.get_by_role("cell", name="Posten 00").count() == 1
    values = page.locator(f"#indicator-{indicator.pk}")
    assert values.get_by_role("cell", name="Notiz 21").count() == 1
    values.get_by_role("link", name="Nächste Seite").click()
    page.wait_for_load_state()
    values = page.locator(f"#indicator-{indicator.pk}")
    assert values.get_by_role("cell", name="Notiz 00").count() == 1
    # The spending table stayed on its second page.
    spending = page.locator("section", has=page.locator("#spending-heading"))
    assert spending.get_by_role("cell", name="Posten 00").count() == 1
    assert "300,00" in page.locator("section", has=page.locator("#budget-heading")).inner_text()
    assert_accessible(page)
