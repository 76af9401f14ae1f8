"""The list view every register uses: filters, whitelisted sorting, pages, exports."""

import re
from collections.abc import Callable, Sequence

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django_filters.views import FilterView

from peine.lib.exports import export_response
from peine.lib.pagination import BadCursor, CappedPaginator, KeysetPaginator
from peine.roles import GuardMixin

EXPORT_FORMATS = ("csv", "xlsx")


class FilteredListView(GuardMixin, FilterView):
    """A django-filter list with ``?sort=`` from a whitelist and ``?format=csv|xlsx``.

    Subclasses set ``capabilities`` (the guard, see ``peine.roles``), ``sort_fields``
    ({public key: [order_by expressions]}), ``default_sort``, ``export_columns``
    ([(header, callable(obj) -> value)]) and ``export_filename``, and
    own their ``select_related``/``prefetch_related`` in ``get_queryset``. An invalid
    filter shows the form's errors and an empty list, never a 500.
    """

    paginate_by = settings.LIST_PAGE_SIZE
    paginator_class = CappedPaginator
    sort_fields: dict[str, Sequence] = {}
    default_sort: str = ""
    export_columns: Sequence[tuple[str, Callable]] = ()
    export_filename: str = "export"
    strict = True  # invalid filter input: empty list and the form's error messages
    # Long lists page by keyset (?after=/?before=<cursor>); each entry of ``sort_fields``
    # is then a list of field names ending with a unique one, each with an index.
    keyset = False
    keyset_ordering: Sequence[str] | None = None  # when no ?sort= applies
    # The filterset's full-text search: while it narrows the list, the count stops at
    # SEARCH_COUNT_CAP ("mehr als 1.000 Treffer") instead of COUNT_CAP.
    search_field = "q"
    # While searching, page through the search's matches sorted, not along the sort index
    # (KeysetPaginator's match_first): for a search whose own index is cheap to read.
    search_match_first = False

    def get_sort(self) -> str:
        requested = self.request.GET.get("sort", "")
        return requested if requested in self.sort_fields else self.default_sort

    def get_queryset(self):
        queryset = super().get_queryset()
        sort = self.get_sort()
        if sort:
            queryset = queryset.order_by(*self.sort_fields[sort])
        return queryset

    def get_export_columns(self) -> Sequence[tuple[str, Callable]]:
        return self.export_columns

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        if fmt in EXPORT_FORMATS and self.get_export_columns():
            return self.export(fmt)
        return super().get(request, *args, **kwargs)

    def export(self, fmt: str) -> HttpResponse:
        filterset = self.get_filterset(self.get_filterset_class())
        rows = filterset.qs if filterset.is_valid() else filterset.qs.none()
        sort = self.get_sort()
        if sort:
            rows = rows.order_by(*self.sort_fields[sort])
        columns = self.get_export_columns()
        return export_response(
            filename=self.export_filename,
            headers=[header for header, _ in columns],
            rows=([getter(obj) for _, getter in columns] for obj in rows.iterator(chunk_size=2000)),
            fmt=fmt,
        )

    def is_search(self) -> bool:
        """A valid search with a word in it narrows the list (the filters ignore the rest)."""
        filterset = getattr(self, "filterset", None)
        if filterset is None or not self.search_field or not filterset.is_valid():
            return False
        value = filterset.form.cleaned_data.get(self.search_field)
        return isinstance(value, str) and re.search(r"\w", value) is not None

    def get_paginator(self, queryset, per_page, **kwargs):
        if issubclass(self.paginator_class, CappedPaginator):
            kwargs["search"] = self.is_search()
        return super().get_paginator(queryset, per_page, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        """Keyset pages for the long lists; a bad cursor gives the first page and a note."""
        sort = self.get_sort()
        ordering = self.sort_fields.get(sort) or self.keyset_ordering or ["pk"]
        if not self.keyset or not all(isinstance(key, str) for key in ordering):
            return super().paginate_queryset(queryset, page_size)
        search = self.is_search()
        paginator = KeysetPaginator(
            queryset,
            ordering,
            page_size,
            sort_name=sort,
            search=search,
            match_first=search and self.search_match_first,
        )
        after, before = self.request.GET.get("after", ""), self.request.GET.get("before", "")
        try:
            page = paginator.page(after=after, before=before)
        except BadCursor:
            messages.warning(
                self.request, _("The page link was not valid; here is the first page.")
            )
            page = paginator.page()
        return paginator, page, page.object_list, page.has_next or page.has_previous

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["keyset"] = isinstance(context.get("paginator"), KeysetPaginator)
        context["current_sort"] = self.get_sort()
        context["sort_keys"] = list(self.sort_fields)
        context["export_formats"] = EXPORT_FORMATS if self.get_export_columns() else ()
        return context
