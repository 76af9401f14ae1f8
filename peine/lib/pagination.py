"""Pagination that stays cheap on large tables: keyset pages and capped counts.

Keyset (cursor) pagination: a page is "the next 25 rows after this row in the sort order",
answered by an index on the sort columns, so page 4,000 costs what page 1 costs. A cursor
holds the sort values of the row at the page's edge, signed so nobody can forge or mistype
one into a 500; a bad cursor gives the first page. Counting stops at ``COUNT_CAP``, or at
``SEARCH_COUNT_CAP`` when a full-text search narrows the list.

Short lists (a few hundred rows) keep numbered pages with the same capped count: a list
view sets ``paginator_class = CappedPaginator``, any other view asks ``capped_page`` (or
``section_page`` for a table on a detail page). Nothing else builds a paginator.
"""

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property

COUNT_CAP = 10_000
# A common word ("Beratung") matches 40 % of a register: checking 10,001 matches against
# the search costs about 100 ms, checking 1,001 a tenth. A search needs no exact number
# beyond that; the page says "mehr als 1.000 Treffer".
SEARCH_COUNT_CAP = 1_000
CURSOR_SALT = "peine.lib.pagination.keyset"


def capped_count(queryset, cap: int | None = None) -> int:
    """The number of rows, counted up to ``cap + 1``: ``SELECT COUNT(*) FROM (SELECT id
    ... LIMIT cap+1)``. Only ids are selected (no annotations, no ordering), so an index
    answers it where one can; beyond the cap the list says "more than <cap>"."""
    cap = COUNT_CAP if cap is None else cap
    if not hasattr(queryset, "query"):
        return len(queryset)
    if queryset.query.is_empty():  # qs.none(), e.g. after an invalid filter
        return 0
    limited = queryset.order_by().values("pk")[: cap + 1]
    sql, params = limited.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS capped", params)  # noqa: S608
        return cursor.fetchone()[0]


def count_cap(*, search: bool) -> int:
    """How far a list counts: ``SEARCH_COUNT_CAP`` when a full-text search narrows it."""
    return SEARCH_COUNT_CAP if search else COUNT_CAP


class CappedCount:
    """A paginator's ``count``, counted no further than its ``count_cap``, and whether it
    stopped there (``capped``: the page says "more than <cap>"). The paginator names the
    rows it counts in ``counted_rows()`` and says in ``search`` whether a full-text search
    narrows them."""

    search = False

    @cached_property
    def count_cap(self) -> int:
        return count_cap(search=self.search)

    @cached_property
    def count(self) -> int:
        return capped_count(self.counted_rows(), self.count_cap)

    @property
    def capped(self) -> bool:
        return self.count > self.count_cap


class CappedPaginator(CappedCount, Paginator):
    """Numbered pages with a count of at most ``COUNT_CAP`` rows (short lists: summaries),
    ``SEARCH_COUNT_CAP`` with ``search=True``.

    Deep numbered pages still cost an OFFSET; the long lists use ``KeysetPaginator``.
    """

    def __init__(self, *args, search: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.search = search

    def counted_rows(self):
        return self.object_list


class BadCursor(ValueError):
    """A cursor that was not made by this list (edited, truncated, another sort)."""


@dataclass(frozen=True)
class SortKey:
    field: str  # a concrete field of the model ("pk" allowed)
    descending: bool

    @classmethod
    def parse(cls, expression: str) -> "SortKey":
        if not isinstance(expression, str):
            raise TypeError("Keyset sorts are field names, optionally with a leading '-'.")
        return cls(expression.lstrip("-"), expression.startswith("-"))

    def order_by(self, *, reverse: bool = False, match_first: bool = False):
        # PostgreSQL's defaults: NULLs last ascending, first descending; a plain b-tree
        # index read forwards or backwards gives exactly this order.
        descending = self.descending != reverse
        # COALESCE(x, x) sorts exactly as x, but no sort index matches it: the planner
        # then takes the rows from the filter's own index (e.g. the search's GIN) and
        # sorts those, instead of walking the sort index and testing every row.
        value = Coalesce(F(self.field), F(self.field)) if match_first else F(self.field)
        return value.desc(nulls_first=True) if descending else value.asc()

    def beyond(self, value, *, reverse: bool = False) -> Q:
        """Rows strictly after ``value`` in this key's direction (before it if ``reverse``)."""
        descending = self.descending != reverse
        if value is None:
            # NULLs come last ascending (nothing after them), first descending.
            return Q(**{f"{self.field}__isnull": False}) if descending else Q(pk__in=[])
        if descending:
            return Q(**{f"{self.field}__lt": value})
        return Q(**{f"{self.field}__gt": value}) | Q(**{f"{self.field}__isnull": True})

    def equal(self, value) -> Q:
        if value is None:
            return Q(**{f"{self.field}__isnull": True})
        return Q(**{self.field: value})


@dataclass
class KeysetPage:
    """One page of a keyset list; the template asks it for its links."""

    object_list: list
    has_next: bool
    has_previous: bool
    next_cursor: str = ""
    previous_cursor: str = ""
    count: int = 0

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


class KeysetPaginator(CappedCount):
    """Pages through ``queryset`` ordered by ``ordering`` (field names, ``-`` for
    descending, the last one unique, e.g. ``["-influence", "name", "pk"]``).

    ``page(after=..., before=...)`` runs one query (``per_page + 1`` rows, to know whether
    there is more) and ``count`` one capped count (to ``SEARCH_COUNT_CAP`` with
    ``search=True``). Ties in the leading keys are broken by the following ones, so every
    row is on exactly one page.
    """

    def __init__(
        self,
        queryset,
        ordering,
        per_page: int,
        *,
        sort_name: str = "",
        search: bool = False,
        match_first: bool = False,
    ):
        self.queryset = queryset
        self.keys = [SortKey.parse(expression) for expression in ordering]
        if self.keys[-1].field not in ("pk", "id"):
            self.keys.append(SortKey("pk", self.keys[-1].descending))
        self.per_page = per_page
        self.sort_name = sort_name  # a cursor of one sort is refused by another
        self.model = queryset.model
        self.search = search
        # Sort the filter's matches rather than walk the sort index (see SortKey.order_by):
        # costs what the matches cost, not the rows before the 25th match in sort order.
        self.match_first = match_first

    def counted_rows(self):
        return self.queryset

    # --- cursors -----------------------------------------------------------------------

    def _field(self, name: str):
        return self.model._meta.pk if name == "pk" else self.model._meta.get_field(name)

    def make_cursor(self, obj) -> str:
        values = []
        for key in self.keys:
            value = getattr(obj, "pk" if key.field == "pk" else self._field(key.field).attname)
            values.append(None if value is None else self._field(key.field).value_to_string(obj))
        return signing.dumps([self.sort_name, values], salt=CURSOR_SALT, compress=True)

    def read_cursor(self, cursor: str) -> list[Any]:
        """The sort values of a cursor, as Python values; raises ``BadCursor``."""
        try:
            sort_name, values = signing.loads(cursor, salt=CURSOR_SALT)
        except (signing.BadSignature, ValueError, TypeError) as error:
            raise BadCursor(str(error)) from error
        if sort_name != self.sort_name or len(values) != len(self.keys):
            raise BadCursor("cursor of another sort")
        try:
            return [
                None if value is None else self._field(key.field).to_python(value)
                for key, value in zip(self.keys, values, strict=True)
            ]
        except Exception as error:  # a validation error of to_python: never a 500
            raise BadCursor(str(error)) from error

    # --- pages -------------------------------------------------------------------------

    def _beyond(self, values, *, reverse: bool) -> Q:
        """(k1 > v1) OR (k1 = v1 AND k2 > v2) OR ... for mixed directions and NULLs."""
        condition = Q(pk__in=[])
        equal_so_far = Q()
        for key, value in zip(self.keys, values, strict=True):
            condition |= equal_so_far & key.beyond(value, reverse=reverse)
            equal_so_far &= key.equal(value)
        # The OR chain alone does not bound an index scan; the redundant range on the
        # leading key (NOT NULL columns only) does.
        first, value = self.keys[0], values[0]
        if value is not None and not self._field(first.field).null:
            lookup = "lte" if first.descending != reverse else "gte"
            condition &= Q(**{f"{first.field}__{lookup}": value})
        return condition

    def _ordered(self, *, reverse: bool):
        return self.queryset.order_by(
            *[key.order_by(reverse=reverse, match_first=self.match_first) for key in self.keys]
        )

    def page(self, *, after: str = "", before: str = "") -> KeysetPage:
        """The page after cursor ``after``, before cursor ``before``, or the first page.

        Raises ``BadCursor`` for a cursor this paginator did not make."""
        reverse = bool(before) and not after
        queryset = self._ordered(reverse=reverse)
        cursor = after or before
        if cursor:
            queryset = queryset.filter(self._beyond(self.read_cursor(cursor), reverse=reverse))
        rows = list(queryset[: self.per_page + 1])
        more = len(rows) > self.per_page
        rows = rows[: self.per_page]
        if reverse:
            rows.reverse()
            has_previous, has_next = more, True
        else:
            has_previous, has_next = bool(cursor), more
        page = KeysetPage(object_list=rows, has_next=has_next, has_previous=has_previous)
        if rows:
            if has_next:
                page.next_cursor = self.make_cursor(rows[-1])
            if has_previous:
                page.previous_cursor = self.make_cursor(rows[0])
        else:
            page.has_next = page.has_previous = False
        return page


def capped_page(
    request,
    queryset,
    *,
    per_page: int,
    param: str = "page",
    search: bool = False,
    count: int | None = None,
):
    """One numbered page of a short list, turned by ``?<param>=`` (a bad or too high
    number gives the first or last page, never a 404). The count stops at ``COUNT_CAP``
    (``SEARCH_COUNT_CAP`` with ``search=True``); ``count``, where the caller already knows
    it, saves the count query. The page's ``paginator`` says whether the count was capped
    (``includes/count_capped.html``)."""
    paginator = CappedPaginator(queryset, per_page, search=search)
    if count is not None:
        paginator.count = count
    return paginator.get_page(request.GET.get(param))


def section_page(
    request, queryset, per_page: int, param: str, anchor: str, *, count: int | None = None
):
    """One numbered page of a table on a detail page (``includes/section_pagination.html``),
    turned by its own query parameter ``param`` so several tables on one page keep their
    pages; the links keep the rest of the query string and jump back to ``#anchor``."""
    page = capped_page(request, queryset, per_page=per_page, param=param, count=count)

    def link(number: int) -> str:
        query = request.GET.copy()
        query[param] = str(number)
        return f"?{query.urlencode()}#{anchor}"

    page.previous_url = link(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = link(page.next_page_number()) if page.has_next() else ""
    return page
