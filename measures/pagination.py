"""A fix on top of the shared paginator, kept here until peine/lib has it (see report)."""

from django.utils.functional import cached_property

from peine.lib.pagination import CappedPaginator


class EmptySafeCappedPaginator(CappedPaginator):
    """CappedPaginator that also counts an empty queryset (``qs.none()``).

    An invalid filter gives ``qs.none()``; compiling its SQL for the capped count raises
    EmptyResultSet, which would be a 500.
    """

    @cached_property
    def count(self) -> int:
        query = getattr(self.object_list, "query", None)
        if query is not None and query.is_empty():
            return 0
        return super().count
