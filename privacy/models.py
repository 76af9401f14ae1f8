"""Logs of data protection: they record acts, never the personal data they concern."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessRequest(models.Model):
    """An access request (GDPR Art. 15) answered with an export: who, when, which file.

    Holds no name or address of the person: a file number of the office links it to the
    request's paper trail, so that an erasure later leaves nothing here to erase.
    """

    class Format(models.TextChoices):
        PDF = "pdf", _("PDF for the person")
        JSON = "json", _("JSON (machine-readable)")
        CSV = "csv", _("CSV (machine-readable)")

    received_on = models.DateField(_("request received on"))
    reference = models.CharField(
        _("file number"),
        max_length=60,
        blank=True,
        help_text=_("The office's file number of the request; never the person's name."),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    exported_at = models.DateTimeField(_("exported at"), auto_now_add=True)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    hit_count = models.PositiveIntegerField(_("number of places found"), default=0)

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-exported_at"]
        permissions = [
            ("handle_requests", _("Can answer access and erasure requests")),
            ("view_records", _("Can read the records of processing and retention dates")),
        ]

    def __str__(self):
        return f"{self.received_on:%d.%m.%Y} {self.reference}".strip()


class ErasureLog(models.Model):
    """An erasure (GDPR Art. 17): who, when and what kind of data, never the data."""

    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("performed by"),
    )
    performed_at = models.DateTimeField(_("performed at"), auto_now_add=True)
    reference = models.CharField(_("file number"), max_length=60, blank=True)
    # {category code: number of records}, e.g. {"contact": 1, "history": 4}; see
    # privacy.services.ERASURE_CATEGORIES for the codes and their labels.
    counts = models.JSONField(_("what was erased or redacted"), default=dict)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-performed_at"]

    def __str__(self):
        return f"{self.performed_at:%d.%m.%Y %H:%M} {self.reference}".strip()


class NoteReadLog(models.Model):
    """One opening of confidential interview notes: who, when, which interview, how."""

    class Channel(models.TextChoices):
        PAGE = "page", _("interview page")
        EXPORT = "export", _("export")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("read by"),
    )
    read_at = models.DateTimeField(_("read at"), auto_now_add=True, db_index=True)
    # The interview's number stays when the interview is deleted (the link then empties).
    interview_number = models.PositiveBigIntegerField(_("interview number"))
    interview = models.ForeignKey(
        "consultations.Interview",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("interview"),
    )
    channel = models.CharField(_("opened through"), max_length=8, choices=Channel.choices)

    class Meta:
        verbose_name = _("reading of notes")
        verbose_name_plural = _("readings of notes")
        ordering = ["-read_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-read_at"], name="privacy_notereadlog_user"),
        ]

    def __str__(self):
        return f"{self.read_at:%d.%m.%Y %H:%M} · {self.interview_number}"
