"""Small model building blocks shared by the apps."""

from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


def count_of(queryset: models.QuerySet, key: str):
    """How many rows of ``queryset`` have ``key`` = the outer row, as a subquery (0 if none).

    For list annotations: with a page's LIMIT, PostgreSQL counts for the page's rows only,
    where ``Count(..., distinct=True)`` over joins groups every row of the table (and
    multiplies the rows of two joined relations).
    """
    counted = (
        queryset.filter(**{key: OuterRef("pk")})
        .order_by()
        .values(key)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def linked(model: type[models.Model], field: str, **target) -> Exists:
    """Whether the outer row of ``model`` is linked through its many-to-many ``field`` to a
    row matching ``target`` (lookups on the other side: ``pk=3``, ``name__icontains="x"``).

    An EXISTS on the through table, not a join: a join repeats rows and keeps a list's
    count from using its index.
    """
    m2m = model._meta.get_field(field)
    other = m2m.m2m_reverse_field_name()
    lookups = {f"{other}__{lookup}": value for lookup, value in target.items()}
    return Exists(
        m2m.remote_field.through.objects.filter(
            **{f"{m2m.m2m_field_name()}_id": OuterRef("pk")}, **lookups
        )
    )


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """Optimistic locking: every save through a service increments ``version``.

    A form carries the version it was loaded with; a save whose version is no longer the
    current one is refused (see ``peine.lib.concurrency``), so nobody overwrites a
    colleague's change without noticing.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True
