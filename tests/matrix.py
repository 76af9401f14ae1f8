"""Building blocks of the permission matrix (tests/test_permission_matrix.py).

Each app keeps its rows in ``tests/<app>/matrix.py`` as ``MATRIX = {url_name: Row(...)}``.
A row says which status each role gets for a GET (or the given method) of that URL.
``kwargs`` builds the objects the URL needs and returns its keyword arguments.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ANON, OFFICER, REVIEWER, COUNCIL, ADMIN = "anonymous", "officer", "reviewer", "council", "admin"
LOGIN = 302  # anonymous people are sent to the sign-in page


@dataclass
class Row:
    expected: dict[str, int]
    kwargs: Callable[[], dict] = field(default=dict)
    method: str = "GET"
    query: str = ""


def row(anonymous=LOGIN, officer=403, reviewer=403, council=403, admin=403, **options) -> Row:
    return Row(
        {ANON: anonymous, OFFICER: officer, REVIEWER: reviewer, COUNCIL: council, ADMIN: admin},
        **options,
    )


def public(status=200, **options) -> Row:
    return row(status, status, status, status, status, **options)
