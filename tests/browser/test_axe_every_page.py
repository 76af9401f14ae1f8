"""axe-core on every page of the permission matrix that a role may open (status 200)."""

import pytest
from django.urls import reverse

from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import UserFactory
from tests.matrix import ANON
from tests.test_permission_matrix import MATRIX

# JSON, files and redirects are not pages.
NOT_PAGES = {"healthz"}


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
    if role != ANON:
        sign_in_as(page, UserFactory(role=role))
    url = reverse(url_name, kwargs=row.kwargs()) + row.query
    response = page.goto(url)
    assert response.status == 200, url
    content_type = response.headers.get("content-type", "")
    if not content_type.startswith("text/html"):
        pytest.fail(f"{url_name} answers {content_type}: add it to NOT_PAGES")
    assert_accessible(page)
