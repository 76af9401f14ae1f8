"""The council's models: a report frozen for a council meeting, and the log of changes
the figures cache is versioned by."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportEdition(models.Model):
    """A report frozen for a council meeting: what the council discussed, unchanged.

    The rendered report is stored as it was on ``data_as_of``, so the edition reads the
    same whatever happens to the records later.
    """

    class Kind(models.TextChoices):
        DASHBOARD = "dashboard", _("dashboard")
        SECTOR = "sector", _("sector report")
        DISTRICT = "district", _("district report")
        ROUND = "round", _("consultation round report")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=300)
    meeting_date = models.DateField(_("meeting date"))
    data_as_of = models.DateTimeField(_("data as of"))
    content = models.TextField(_("frozen content"))
    figures = models.JSONField(_("figures"), default=dict)
    created_by = models.ForeignKey(
        "peine.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        app_label = "peine"
        verbose_name = _("report edition")
        verbose_name_plural = _("report editions")
        ordering = ["-meeting_date", "-created_at"]
        permissions = [
            ("view_dashboard", _("Can view the council dashboard and reports")),
            ("view_internal_figures", _("Can view internal figures on the dashboard")),
        ]
        indexes = [
            models.Index(
                fields=["kind", "subject", "-meeting_date"], name="peine_reportedition_kind_idx"
            ),
        ]

    def __str__(self):
        return self.title


class FigureChange(models.Model):
    """A committed change of the data the council's figures count, written by the database.

    Statement-level triggers on every counted table (migration peine 0004) add one row per
    transaction. ``sum(changes)`` and ``max(id)`` make the data version that computed
    figures are cached under (``council.figure_cache``); old rows are folded into
    the newest one, which keeps both numbers, so the table stays small.
    """

    changes = models.PositiveBigIntegerField(default=1)

    class Meta:
        app_label = "peine"
        verbose_name = _("change of counted data")
        verbose_name_plural = _("changes of counted data")

    def __str__(self):
        return f"{self.pk}: {self.changes}"
