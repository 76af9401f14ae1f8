"""The officer builds the analysis from the findings board: a dynamic with two suggested
findings, an influence that closes a loop, an option linked, two rounds compared; the
council reads the released map. Every page passes axe."""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from analysis.models import Dynamic
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import (
    ActionOptionFactory,
    DynamicFactory,
    FindingFactory,
    InfluenceFactory,
    InterviewFactory,
    RoundFactory,
    UserFactory,
)

CLUB = "Die Sportvereine ziehen sich in ihre eigenen Vereinsstrukturen zurück."
CLUB2 = "Viele Vereine bleiben unter sich; neue Mitglieder aus zugewanderten Familien fehlen."


def _choose(page, field: str, text: str, title: str) -> None:
    """Types ``text`` into the picker ``field`` and chooses ``title`` from its listbox."""
    box = page.get_by_role("combobox", name=field, exact=True)
    box.press_sequentially(text, delay=30)
    page.get_by_role("option", name=title).click()
    expect(box.locator("xpath=..").get_by_role("radio", name=title)).to_be_checked()


def test_officer_builds_the_analysis_and_the_council_reads_the_map(page):
    officer = UserFactory(role="officer")
    council = UserFactory(role="council")
    today = datetime.date.today()
    earlier = RoundFactory(
        title="Runde 2025",
        starts_on=today - datetime.timedelta(days=500),
        ends_on=today - datetime.timedelta(days=400),
    )
    later = RoundFactory(title="Runde 2026")
    first = FindingFactory(interview=InterviewFactory(round=later), statement=CLUB)
    second = FindingFactory(interview=InterviewFactory(round=later), statement=CLUB2)
    FindingFactory(interview=InterviewFactory(round=earlier), statement=CLUB + " Schon 2025.")
    ActionOptionFactory(round=later, title="Raumbörse für Vereine")
    meeting = DynamicFactory(title="Weniger Begegnung im Quartier")
    distrust = DynamicFactory(title="Wachsendes Misstrauen")

    sign_in_as(page, officer)
    page.goto(reverse("consultations:finding_board", args=[later.pk]))
    page.get_by_role("link", name="Dynamik anlegen").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Rückzug in eigene Vereinsstrukturen")
    page.get_by_label("Beschreibung").fill("Vereine bleiben unter sich.")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", name="Vorgeschlagene Erkenntnisse")).to_be_visible()
    assert_accessible(page)
    for finding in (first, second):
        card = page.locator(".suggestions li").filter(
            has=page.get_by_text(finding.statement, exact=True)
        )
        card.get_by_role("button", name="Übernehmen").click()
        expect(page.get_by_role("status")).to_contain_text("zugeordnet")
    dynamic = Dynamic.objects.get(title="Rückzug in eigene Vereinsstrukturen")
    assert set(dynamic.findings.all()) == {first, second}

    # Two influences exist; the third closes the loop.
    InfluenceFactory(source=dynamic, target=meeting)
    InfluenceFactory(source=meeting, target=distrust)
    page.get_by_role("link", name="Einfluss dieser Dynamik erfassen").click()
    # The dynamics are chosen with the picker: type part of the title, choose a match.
    assert page.locator("select#id_source").count() == 0
    assert page.get_by_role("radio", name=dynamic.title).is_checked()  # from the link
    _choose(page, "Diese Dynamik:", "misstrau", distrust.title)
    _choose(page, "wirkt auf diese Dynamik:", "vereinsstruk", dynamic.title)
    page.get_by_label("stärkt").check()
    page.get_by_label("warum").fill("Misstrauen treibt in die eigenen Kreise.")
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    page.goto(reverse("analysis:map"))
    loop = " → ".join([dynamic.title, meeting.title, distrust.title, dynamic.title])
    expect(page.locator(".loops")).to_contain_text("Verstärkender Kreislauf")
    expect(page.locator(".loops")).to_contain_text(loop)
    expect(page.locator("svg.system-map__svg g.map-node")).to_have_count(3)
    assert_accessible(page)

    page.goto(dynamic.get_absolute_url())
    page.get_by_label("Handlungsoption suchen").fill("Raumbörse")
    page.get_by_role("button", name="Suchen").first.click()
    page.locator(".matches li").filter(has_text="Raumbörse für Vereine").get_by_role(
        "button", name="Verknüpfen"
    ).click()
    expect(page.get_by_role("status")).to_contain_text("Raumbörse für Vereine")
    assert_accessible(page)

    page.goto(reverse("analysis:review"))
    # The two latest rounds are chosen already; the picker finds any other by its title.
    assert page.get_by_role("radio", name=later.title).is_checked()
    _choose(page, "verglichen mit der früheren Runde:", "2025", earlier.title)
    page.get_by_role("button", name="Vergleichen").click()
    expect(page.get_by_role("heading", name="Erkenntnisse nach Dynamik")).to_be_visible()
    assert_accessible(page)

    page.goto(reverse("analysis:map_release"))
    page.get_by_role("button", name="Freigeben").click()
    released = page.url

    page.context.clear_cookies()
    sign_in_as(page, council)
    page.goto(released)
    expect(page.locator("svg.system-map__svg g.map-node")).to_have_count(3)
    expect(page.locator(".loops")).to_contain_text(loop)
    expect(page.get_by_text(CLUB)).to_have_count(0)
    assert_accessible(page)
    response = page.goto(reverse("analysis:map"))
    assert response.status == 403
