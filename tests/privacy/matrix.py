"""Permission matrix rows of data protection (privacy/): see tests/matrix.py.

Requests and erasures are the officer's; the read log, the records of processing and the
retention dates are also the admin's (counts and accounts, no contact persons)."""

from tests.matrix import row

MATRIX = {
    "privacy:index": row(officer=200),
    "privacy:access": row(officer=200, query="?q=Muster"),
    # POST only: a GET is refused.
    "privacy:access_export": row(officer=405),
    "privacy:erase": row(officer=200, query="?q=Muster"),
    "privacy:read_log": row(officer=200, admin=200),
    "privacy:retention": row(officer=200, admin=200),
    "privacy:records": row(officer=200, admin=200),
}
