"""Reflow at 320 CSS pixels and the high-contrast, large-text mode on every page.

Every page of the permission matrix that a role may open is shown 320 pixels wide (what
400 % zoom of a 1280-pixel window gives, WCAG 1.4.10) with the city's display switches on
(largest text, high contrast): the document may be no wider than the window (data tables
scroll inside their own focusable region), and axe (WCAG 2.2 A/AA) finds nothing.
"""

import pytest
from django.urls import reverse

from peine.display import CONTRAST_COOKIE, SIZE_COOKIE
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.browser.test_axe_every_page import _pages
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.matrix import ANON
from tests.test_permission_matrix import MATRIX

# Elements wider than the window that reflow allows: content inside a scrolling region.
OVERFLOW_PROBE = """() => {
  const width = document.documentElement.clientWidth;
  const offenders = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".table-wrap, svg")) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 1 || box.left < -1)) {
      const name = el.tagName.toLowerCase() + (el.className ? "." + el.className : "");
      const text = (el.textContent || "").trim().slice(0, 30);
      offenders.push(name + ":" + text + "@" + Math.round(box.right));
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, offenders: offenders.slice(0, 8)};
}"""

SCROLLING_REGIONS = """() => [...document.querySelectorAll(".table-wrap")]
  .filter((box) => box.scrollWidth > box.clientWidth + 1)
  .map((box) => ({
    focusable: box.tabIndex === 0,
    role: box.getAttribute("role"),
    named: !!(box.getAttribute("aria-labelledby") || box.getAttribute("aria-label")),
  }))"""


def assert_reflows(page) -> None:
    result = page.evaluate(OVERFLOW_PROBE)
    assert result["scroll"] <= result["width"], f"{page.url}: {result}"
    for region in page.evaluate(SCROLLING_REGIONS):
        assert region == {"focusable": True, "role": "region", "named": True}, page.url


@pytest.mark.parametrize(("url_name", "role"), list(_pages()))
def test_page_reflows_at_320_pixels_in_high_contrast(page, url_name, role):
    row = MATRIX[url_name]
    user = None if role == ANON else UserFactory(role=role)
    url = reverse(url_name, kwargs=row.kwargs()) + row.query
    probe = client_for(user).get(url)
    assert probe.status_code == 200, url
    if not probe["Content-Type"].startswith("text/html"):
        return  # downloads: checked for being attachments in test_axe_every_page
    if user is not None:
        sign_in_as(page, user)
    page.context.add_cookies(
        [
            {"name": SIZE_COOKIE, "value": "larger", "url": page.live_server_url},
            {"name": CONTRAST_COOKIE, "value": "high", "url": page.live_server_url},
        ]
    )
    page.set_viewport_size({"width": 320, "height": 800})
    response = page.goto(url)
    assert response.status == 200, url
    assert "contrast-high" in page.locator("html").get_attribute("class")
    assert_reflows(page)
    assert_accessible(page)
