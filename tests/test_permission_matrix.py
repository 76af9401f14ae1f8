"""Every URL of the project × every role: the status each gets (pretix's model).

A URL that is not in some app's MATRIX fails ``test_every_url_is_in_the_matrix``, so a
new page cannot ship without deciding who may open it.
"""

import pytest
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver

from tests.analysis.matrix import MATRIX as ANALYSIS
from tests.conftest import ROLES, client_for
from tests.consultations.matrix import MATRIX as CONSULTATIONS
from tests.council.matrix import MATRIX as SUMMARIES
from tests.measures.matrix import MATRIX as MEASURES
from tests.peine.matrix import MATRIX as PEINE
from tests.privacy.matrix import MATRIX as PRIVACY
from tests.stakeholders.matrix import MATRIX as STAKEHOLDERS

MATRIX = {
    **PEINE,
    **STAKEHOLDERS,
    **CONSULTATIONS,
    **ANALYSIS,
    **MEASURES,
    **SUMMARIES,
    **PRIVACY,
}

# The Django admin checks its own model permissions for staff; it is covered in
# tests/peine/test_admin.py and left out here.
EXEMPT_NAMESPACES = ("admin",)


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def all_url_names() -> set[str]:
    return {
        name
        for name in _url_names(get_resolver().url_patterns)
        if not name.startswith(tuple(f"{ns}:" for ns in EXEMPT_NAMESPACES))
    }


def test_every_url_is_in_the_matrix():
    names = all_url_names()
    assert sorted(names - MATRIX.keys()) == [], "URLs missing from the permission matrix"
    assert sorted(MATRIX.keys() - names) == [], "matrix rows for URLs that do not exist"


@pytest.mark.parametrize("persona", ROLES, indirect=True)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_permission_matrix(url_name, persona, settings):
    row = MATRIX[url_name]
    role = persona.groups.first().name if persona else "anonymous"
    url = reverse(url_name, kwargs=row.kwargs()) + row.query
    response = getattr(client_for(persona), row.method.lower())(url)
    assert response.status_code == row.expected[role], f"{role} {row.method} {url}"
    if role == "anonymous" and row.expected[role] == 302 and url_name not in _PUBLIC_REDIRECTS:
        assert response["Location"].startswith(reverse("account_login"))


# Public URLs whose redirect does not lead to the sign-in page.
_PUBLIC_REDIRECTS = {"set_language", "account_confirm_login_code"}
