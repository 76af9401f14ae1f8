"""The main journeys with the keyboard alone: Tab, Shift+Tab, Enter, Space, arrow keys and
typing, never a click. Each step checks that focus is visible and moves in page order, and
that after a save, an error or a change on the page focus lands where a person expects.

The address bar is the only thing used besides the keyboard (``page.goto`` to a start page).
"""

import re

from playwright.sync_api import expect

from measures.models import Measure
from peine.roles import Role
from tests.browser.conftest import assert_accessible
from tests.factories import (
    TEST_PASSWORD,
    TEST_TOTP_SECRET,
    ContactPersonFactory,
    MeasureFactory,
    RoundFactory,
    StakeholderFactory,
    UserFactory,
    sector,
    totp_code,
)

# The focused element, described, and whether it comes after the one focused before it.
FOCUS_PROBE = """(forward) => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const last = window.__lastFocus;
  let inOrder = true;
  if (last && last !== el && document.contains(last)) {
    const after = last.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
    inOrder = forward ? !!after : !after;
  }
  window.__lastFocus = el;
  const style = getComputedStyle(el);
  // Moving inside one control (the day, month and year of a date field) keeps its focus ring
  // on the inner part, which the page's CSS cannot see.
  const inner = last === el;
  const visible = inner || el.matches(":focus") && (
    (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== "none");
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  return {
    id: el.id, tag: el.tagName.toLowerCase(), type: el.type || "",
    text: (el.innerText || el.value || "").trim().slice(0, 80),
    label: label.trim(), name: el.getAttribute("name") || "",
    href: el.getAttribute("href") || "", visible, inOrder,
  };
}"""


def _focus(page, forward: bool = True) -> dict | None:
    return page.evaluate(FOCUS_PROBE, forward)


def tab_to(page, matches, *, backwards: bool = False, limit: int = 200) -> dict:
    """Press Tab (or Shift+Tab) until ``matches(focused)``; every stop shows its focus and
    follows the page order."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    # Order is judged from where focus is now (a save or a script may have moved it).
    page.evaluate("window.__lastFocus = document.activeElement")
    for _ in range(limit):
        page.keyboard.press(key)
        focused = _focus(page, forward=not backwards)
        if focused is None:
            continue
        assert focused["visible"], f"focus not visible on {focused}"
        assert focused["inOrder"], f"focus jumped against the page order to {focused}"
        seen.append(focused["text"] or focused["label"] or focused["id"])
        if matches(focused):
            return focused
    raise AssertionError(f"never reached the target; focus went through {seen[-30:]}")


def by_id(element_id: str):
    return lambda f: f["id"] == element_id


def by_label(text: str):
    return lambda f: f["label"].rstrip(":").strip() == text


def by_text(text: str):
    return lambda f: f["text"] == text


def press_and_wait(page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def sign_in_by_keyboard(page, email: str) -> None:
    page.goto("/konto/login/")
    tab_to(page, by_label("E-Mail"))
    page.keyboard.type(email)
    tab_to(page, by_label("Passwort"))
    page.keyboard.type(TEST_PASSWORD)
    press_and_wait(page, "Enter")
    if "/konto/2fa/authenticate/" in page.url:
        assert_accessible(page)
        tab_to(page, by_label("Code"))
        page.keyboard.type(totp_code(TEST_TOTP_SECRET))
        press_and_wait(page, "Enter")
    assert "/konto/login/" not in page.url


def _active_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_officer_logs_an_interview_with_two_findings_by_keyboard(page):
    officer = UserFactory(role=Role.OFFICER, email="leyla@peine.example")
    RoundFactory(title="Was wollen wir werden?")
    club = StakeholderFactory(name="Familien für Familien e.V.")
    ContactPersonFactory(stakeholder=club, name="Erika Beispiel")

    sign_in_by_keyboard(page, officer.email)
    page.goto("/beteiligung/gespraeche/neu/")
    expect(page.get_by_role("heading", name="Gespräch erfassen")).to_be_visible()

    # Stakeholder picker: type to search, Tab to the match, Space to tick it.
    tab_to(page, by_id("stakeholder-search"))
    page.keyboard.type("famil")
    expect(page.get_by_label("Familien für Familien e.V.", exact=True)).to_be_visible()
    tab_to(page, by_label("Familien für Familien e.V."))
    page.keyboard.press("Space")
    expect(page.get_by_label("Familien für Familien e.V.", exact=True)).to_be_checked()
    expect(page.get_by_label("Erika Beispiel (Familien für Familien e.V.)")).to_be_visible()
    tab_to(page, by_label("Erika Beispiel (Familien für Familien e.V.)"))
    page.keyboard.press("Space")

    tab_to(page, by_id("id_notes"))
    page.keyboard.type("Gespräch im Vereinsheim über Räume für Familien.")

    # Two findings: statement typed, sector and kind chosen with the arrow keys.
    for index, statement in enumerate(["Es fehlen Räume für Treffen.", "Viele helfen mit."]):
        tab_to(page, by_id(f"id_findings-{index}-statement"))
        page.keyboard.type(statement)
        tab_to(page, by_id(f"id_findings-{index}-sector"))
        page.keyboard.press("ArrowDown")
        tab_to(page, by_id(f"id_findings-{index}-kind"))
        page.keyboard.press("ArrowDown")

    # "Add another finding" puts focus into the new finding's first field.
    tab_to(page, by_text("Weitere Erkenntnis hinzufügen"))
    page.keyboard.press("Enter")
    assert _active_id(page) == "id_findings-2-statement"
    assert_accessible(page)

    # Back to the save button and Enter: the interview is saved with both findings.
    tab_to(page, by_text("Gespräch speichern"))
    press_and_wait(page, "Enter")
    expect(page.locator(".message--success")).to_have_count(1)
    assert_accessible(page)
    from consultations.models import Interview

    interview = Interview.objects.get()
    assert interview.findings.count() == 2
    assert list(interview.stakeholders.values_list("name", flat=True)) == [club.name]


def test_a_failed_save_puts_focus_on_the_error_summary_and_its_links_lead_to_the_field(page):
    officer = UserFactory(role=Role.OFFICER)
    RoundFactory(title="Was wollen wir werden?")
    StakeholderFactory(name="Kreissportbund Peine")
    sign_in_by_keyboard(page, officer.email)
    page.goto("/beteiligung/gespraeche/neu/")
    tab_to(page, by_id("stakeholder-search"))
    page.keyboard.type("kreissport")
    expect(page.get_by_label("Kreissportbund Peine", exact=True)).to_be_visible()
    tab_to(page, by_label("Kreissportbund Peine"))
    page.keyboard.press("Space")
    tab_to(page, by_id("id_findings-0-statement"))
    page.keyboard.type("Eine Aussage ohne Handlungsfeld und Art.")
    tab_to(page, by_text("Gespräch speichern"))
    press_and_wait(page, "Enter")
    # The error summary has focus and is announced (role=alert).
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert_accessible(page)
    # Its first link leads to the field in error, which then has focus; the typed text is
    # still there.
    page.keyboard.press("Tab")
    first_link = page.evaluate("document.activeElement.getAttribute('href')")
    assert first_link == "#id_findings-0-sector"
    page.keyboard.press("Enter")
    assert "#" + _active_id(page) == first_link
    expect(page.locator("#id_findings-0-statement")).to_have_value(
        "Eine Aussage ohne Handlungsfeld und Art."
    )
    # The field tells screen readers about its error.
    described = page.locator(first_link).get_attribute("aria-describedby") or ""
    assert f"{first_link[1:]}_error" in described.split()


def test_reviewer_approves_a_measure_with_a_reason_by_keyboard(page):
    reviewer = UserFactory(role=Role.REVIEWER, email="thomas@peine.example")
    measure = MeasureFactory(title="Sprachcafé Südstadt", status=Measure.Status.IN_REVIEW)

    sign_in_by_keyboard(page, reviewer.email)
    page.goto("/massnahmen/pruefung/")
    assert_accessible(page)
    tab_to(page, by_text("Sprachcafé Südstadt"))
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sprachcafé Südstadt")
    tab_to(page, lambda f: f["tag"] == "textarea" and f["label"].startswith("Begründung"))
    page.keyboard.type("Passt zum Integrationskonzept, Finanzierung gesichert.")
    tab_to(page, by_text("Genehmigen"))
    press_and_wait(page, "Enter")
    expect(page.locator(".message--success")).to_have_count(1)
    assert_accessible(page)
    measure.refresh_from_db()
    assert measure.status == Measure.Status.APPROVED


def test_council_follows_a_figure_to_its_list_and_downloads_a_report_by_keyboard(page):
    council = UserFactory(role=Role.COUNCIL, email="rat@peine.example")
    MeasureFactory(title="Sprachcafé Vöhrum", status=Measure.Status.APPROVED, sectors=[sector()])

    sign_in_by_keyboard(page, council.email)
    page.goto("/rat/")
    assert_accessible(page)
    # A figure's table row links to the filtered list.
    sector_filter = f"sector={sector().pk}"
    focused = tab_to(
        page,
        lambda f: f["tag"] == "a" and "/massnahmen/?" in f["href"] and sector_filter in f["href"],
    )
    press_and_wait(page, "Enter")
    assert "/massnahmen/" in page.url
    expect(page.get_by_role("link", name="Sprachcafé Vöhrum")).to_be_visible()
    assert focused["href"].split("?")[1] in page.url
    assert_accessible(page)

    page.goto("/rat/berichte/")
    tab_to(page, by_text("Sprache und Bildung"))
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sprache und Bildung")
    tab_to(page, lambda f: f["tag"] == "a" and f["href"].endswith("pdf/"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")


def test_admin_opens_the_administration_by_keyboard(page):
    admin = UserFactory(role=Role.ADMIN, email="it@peine.example")
    sign_in_by_keyboard(page, admin.email)
    page.goto("/")
    tab_to(page, lambda f: f["tag"] == "a" and f["href"] == "/verwaltung/")
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.endswith("/verwaltung/")


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page):
    officer = UserFactory(role=Role.OFFICER)
    sign_in_by_keyboard(page, officer.email)
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    assert _active_id(page) == "main"


# WCAG 1.4.12: these spacings must not hide or cut any text. Added through the CSSOM, which
# the Content-Security-Policy allows (a <style> element it would block).
TEXT_SPACING = """() => {
  const sheet = document.styleSheets[0];
  sheet.insertRule("* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
    + " word-spacing: 0.16em !important; }", sheet.cssRules.length);
  sheet.insertRule("p { margin-bottom: 2em !important; }", sheet.cssRules.length);
}"""

CLIPPED_TEXT = """() => {
  const clipped = [];
  for (const el of document.querySelectorAll("main *, header *, footer *")) {
    const style = getComputedStyle(el);
    const hides = ["hidden", "clip"];
    if (!hides.includes(style.overflowX) && !hides.includes(style.overflowY)) continue;
    if (el.closest(".visually-hidden, svg")) continue;
    if (el.scrollHeight > el.clientHeight + 2 || el.scrollWidth > el.clientWidth + 2) {
      clipped.push(el.tagName + "." + el.className);
    }
  }
  return {clipped, wide: document.documentElement.scrollWidth > window.innerWidth};
}"""


def test_text_spacing_hides_no_text_on_the_main_pages(page):
    officer = UserFactory(role=Role.OFFICER)
    RoundFactory(title="Was wollen wir werden?")
    MeasureFactory(title="Sprachcafé Südstadt")
    sign_in_by_keyboard(page, officer.email)
    for url in [
        "/",
        "/akteure/",
        "/beteiligung/",
        "/beteiligung/gespraeche/neu/",
        "/massnahmen/",
        "/massnahmen/neu/",
        "/rat/",
        "/barrierefreiheit/",
    ]:
        page.goto(url)
        page.evaluate(TEXT_SPACING)
        result = page.evaluate(CLIPPED_TEXT)
        assert result == {"clipped": [], "wide": False}, f"{url}: {result}"
    assert re.search(r"/barrierefreiheit/$", page.url)


def test_sign_in_works_with_a_password_manager_and_paste(page):
    """WCAG 2.2 accessible authentication (3.3.8): no cognitive test; the fields say what
    they hold, so a password manager fills them, and pasting is never blocked."""
    officer = UserFactory(role=Role.OFFICER, email="paste@peine.example")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/konto/login/")
    email = page.get_by_label("E-Mail", exact=True)
    password = page.get_by_label("Passwort", exact=True)
    assert email.get_attribute("autocomplete") == "email"
    assert password.get_attribute("autocomplete") == "current-password"
    for field, text in ((email, officer.email), (password, TEST_PASSWORD)):
        page.evaluate("(text) => navigator.clipboard.writeText(text)", text)
        field.focus()
        page.keyboard.press("Control+V")
        expect(field).to_have_value(text)
    press_and_wait(page, "Enter")
    code = page.get_by_label("Code", exact=True)
    assert code.get_attribute("autocomplete") == "one-time-code"
    page.evaluate("(text) => navigator.clipboard.writeText(text)", totp_code(TEST_TOTP_SECRET))
    code.focus()
    page.keyboard.press("Control+V")
    press_and_wait(page, "Enter")
    assert page.url.endswith("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Willkommen")
