"""Small model building blocks shared by the apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
