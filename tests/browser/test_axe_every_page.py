"""axe-core on every page of the permission matrix that a role may open (status 200).

Downloads (PDF, CSV, XLSX) are recognised by their content type and checked for being
attachments instead; everything that answers HTML is opened in Chromium and checked.
"""

import json

import pytest
from django.urls import reverse

from tests.browser.conftest import assert_accessible, sign_in_as
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.matrix import ANON
from tests.test_permission_matrix import MATRIX

NOT_PAGES = {"healthz"}  # JSON for monitoring
# JSON of the interview form's search-as-you-type pickers.
NOT_PAGES |= {
    "consultations:interview_stakeholder_options",
    "consultations:interview_person_options",
}


def _pages():
    for name, row in sorted(MATRIX.items()):
        if name in NOT_PAGES or row.method != "GET":
            continue
        # One visit per page: the least privileged role that may open it shows the page.
        for role in (ANON, "council", "reviewer", "officer", "admin"):
            if row.expected[role] == 200:
                yield pytest.param(name, role, id=f"{name}-{role}")
                break


@pytest.mark.parametrize(("url_name", "role"), list(_pages()))
def test_page_has_no_accessibility_violations(page, url_name, role):
    row = MATRIX[url_name]
    user = None if role == ANON else UserFactory(role=role)
    url = reverse(url_name, kwargs=row.kwargs()) + row.query
    probe = client_for(user).get(url)
    assert probe.status_code == 200, url
    content_type = probe["Content-Type"]
    if content_type.startswith("application/json"):
        json.loads(probe.content)  # data for scripts and OParl clients, not a page
        return
    if not content_type.startswith("text/html"):
        # Files: downloads, or shown inline (OParl's accessUrl of a PDF).
        assert probe["Content-Disposition"].startswith(("attachment", "inline")), url
        return
    if user is not None:
        sign_in_as(page, user)
    response = page.goto(url)
    assert response.status == 200, url
    assert_accessible(page)
