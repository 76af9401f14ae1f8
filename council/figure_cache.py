"""The council's computed figures, kept until the data they count changes.

Every figure of the dashboard and the reports is one aggregate over up to 100,000
measures, and a page needs about a dozen of them. They are computed once per change of the
counted data instead of once per view: statement-level triggers on every counted table
(``COUNTED_TABLES``: the tables of the models the selectors declare they read; migration
peine 0004) add one ``FigureChange`` row per transaction that writes one of them, and a
computed summary is cached under the resulting data version, together with its audience,
the language and the date (what is overdue depends on it).

Why a cached figure is never stale:

- The version is read before the figures. A change committed in between leaves newer
  figures under the older version, which only readers that read the older version get.
- The version is ``sum(changes)`` and ``max(id)`` of the rows: each committed transaction
  raises the sum, and ids are never reused, so no later state has an earlier version
  (a rolled-back transaction's row vanishes with it). Folding old rows into the newest one
  keeps both numbers.
- A transaction that has itself changed counted data neither reads nor writes the cache:
  what it sees may still be rolled back.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.core.cache import caches
from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language

from council.selectors import COUNCIL_RULE, COUNCIL_STATUSES, COUNTED_MODELS

CACHE = "figures"
# Rows kept before the old ones are folded into the newest (one row per write transaction).
FOLD_AT = 200
# Readers arriving while another computes the same figures wait for its result.
WAIT_SECONDS = 10
POLL_SECONDS = 0.05
COMPUTING_SECONDS = 60  # a reader that died while computing holds the others no longer

# The tables the figures read, from the models council/selectors.py declares it reads
# (itself and through the measures and consultations selectors it calls). A table added
# there needs a migration that puts the trigger on it (migration peine 0004 put it on
# these); tests/council/test_figure_cache.py compares this list with the database, and
# tests/council/test_counted_tables.py with the tables the reports read.
COUNTED_TABLES = tuple(sorted({model._meta.db_table for model in COUNTED_MODELS}))

_VERSION_SQL = (
    "SELECT coalesce(sum(changes), 0), coalesce(max(id), 0), count(*),"
    " coalesce(current_setting('peine.figures_changed', true), '')"
    " FROM peine_figurechange"
)
_FOLD_SQL = """
WITH newest AS (SELECT max(id) AS id FROM peine_figurechange),
folded AS (
    DELETE FROM peine_figurechange WHERE id < (SELECT id FROM newest) RETURNING changes
)
UPDATE peine_figurechange
    SET changes = changes + (SELECT coalesce(sum(changes), 0) FROM folded)
    WHERE id = (SELECT id FROM newest)
"""


def rule_fingerprint() -> str:
    """Which measures the figures count (the council's one rule): part of every key, so a
    cache that outlives a change of the rule never serves figures counted under the old one."""
    return COUNCIL_RULE + "=" + "+".join(sorted(str(status) for status in COUNCIL_STATUSES))


def data_version() -> str | None:
    """The version of the counted data, or None inside a transaction that changed it."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL)
        total, newest, rows, changed_here = cursor.fetchone()
        if changed_here:
            return None
        if rows > FOLD_AT:
            cursor.execute(_FOLD_SQL)
    return f"{total}-{newest}"


def cached[T](name: str, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned for the same data, language and day.

    When several readers ask at once after a change, one computes and the others wait
    for its result (at most ``WAIT_SECONDS``, then they compute themselves), so the
    figures are not computed once per waiting reader.
    """
    version = data_version()
    if version is None:
        return compute()
    day = f"{timezone.localdate():%Y%m%d}"
    key = f"{name}:{rule_fingerprint()}:{get_language()}:{day}:{version}"
    cache = caches[CACHE]
    value = cache.get(key)
    if value is not None:
        return value
    computing = f"{key}:computing"
    mine = cache.add(computing, True, timeout=COMPUTING_SECONDS)
    if not mine:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            value = cache.get(key)
            if value is not None:
                return value
    try:
        value = compute()
        cache.set(key, value)
    finally:
        if mine:  # also when computing failed: nobody waits for a result that never comes
            cache.delete(computing)
    return value
