"""The shared lists (sectors, districts, target groups, funding sources, goals) as filter
choices, read once per change of the lists, not on every request.

Statement-level triggers on the five tables raise one number, the taxonomy version, with
every write (peine/migrations/0006). A request reads that number (one query, however many
choices its forms offer) and each process keeps the rows it read under it; a change is
seen at the next request, in every worker, since the number and the rows commit together.

``cached_choices(Sector.objects.filter(active=True))`` gives a callable for a
django-filter ``ModelChoiceFilter(queryset=...)``: it answers the form's iteration and its
``get(pk=...)`` from the kept rows.
"""

import threading

from django.db import connection
from django.db.models import QuerySet

_lock = threading.Lock()
# (model label, SQL of the query) -> (version, rows); bounded by the filters declared.
_rows: dict[tuple[str, str], tuple[int, list]] = {}


def clear() -> None:
    """Forgets the kept rows (tests: a rolled-back test may leave rows under a number the
    next test's data reaches again; in production a number is never reused)."""
    with _lock:
        _rows.clear()


def taxonomy_version(request=None) -> int:
    """The current version (once per request when a request is given)."""
    if request is not None and hasattr(request, "_taxonomy_version"):
        return request._taxonomy_version
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM peine_taxonomy_version WHERE id = 1")
        row = cursor.fetchone()
    version = row[0] if row else 0
    if request is not None:
        request._taxonomy_version = version
    return version


class CachedQuerySet(QuerySet):
    """A queryset whose rows are already known: iterated, counted and looked up by pk
    without a query. Anything else (a filter, a slice of a clone) queries as usual."""

    def all(self):
        # Form fields take ``queryset.all()``: the copy keeps the known rows.
        copy = super().all()
        if self._result_cache is not None:
            copy._result_cache = list(self._result_cache)
            copy._prefetch_done = True
        return copy

    def iterator(self, chunk_size=None):
        if self._result_cache is not None:
            return iter(self._result_cache)
        return super().iterator(chunk_size=chunk_size)

    def count(self):
        if self._result_cache is not None:
            return len(self._result_cache)
        return super().count()

    def exists(self):
        if self._result_cache is not None:
            return bool(self._result_cache)
        return super().exists()

    def get(self, *args, **kwargs):
        if self._result_cache is not None and not args and len(kwargs) == 1:
            ((key, value),) = kwargs.items()
            if key in ("pk", self.model._meta.pk.attname):
                for row in self._result_cache:
                    if str(row.pk) == str(value):
                        return row
                raise self.model.DoesNotExist
        return super().get(*args, **kwargs)


def cached_rows(queryset: QuerySet, request=None) -> CachedQuerySet:
    """``queryset``'s rows, from this process's copy while the taxonomy version stays."""
    version = taxonomy_version(request)
    key = (queryset.model._meta.label, str(queryset.query))
    kept = _rows.get(key)
    if kept is None or kept[0] != version:
        rows = list(queryset.all())  # a fresh copy: the declared one never keeps rows
        with _lock:
            _rows[key] = kept = (version, rows)
    cached = queryset._chain()
    cached.__class__ = CachedQuerySet
    cached._result_cache = list(kept[1])
    cached._prefetch_done = True
    return cached


def cached_choices(queryset: QuerySet):
    """For ``ModelChoiceFilter(queryset=cached_choices(...))``: called with the request."""

    def choices(request):
        return cached_rows(queryset, request)

    return choices
