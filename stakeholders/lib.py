"""Small additions to peine/lib this app needs (to be moved there by the lead)."""

from django.core.exceptions import EmptyResultSet
from django.utils.functional import cached_property

from peine.lib.pagination import CappedPaginator


class EmptySafeCappedPaginator(CappedPaginator):
    """CappedPaginator that also counts an empty queryset (``.none()``, as FilterView
    returns for invalid filter input): compiling its SQL raises EmptyResultSet."""

    @cached_property
    def count(self) -> int:
        try:
            return CappedPaginator.count.func(self)
        except EmptyResultSet:
            return 0
