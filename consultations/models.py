"""Consultation rounds: interviews with local actors, findings, options for action."""

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast, Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from peine.lib.models import TimeStamped, Versioned
from peine.lib.search import german_vector
from peine.models import District, Sector
from stakeholders.models import ContactPerson, Stakeholder

# The full-text documents; the GIN indexes of Finding and RoundSummary are built on exactly
# these expressions, so the searches (consultations.selectors) are answered from the index.
FINDING_SEARCH_VECTOR = german_vector("statement")
SUMMARY_SEARCH_VECTOR = german_vector("evaluation")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ConsultationRound(TimeStamped, Versioned):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        CLOSED = "closed", _("closed")
        EVALUATED = "evaluated", _("evaluated")

    title = models.CharField(_("title"), max_length=200)
    guiding_question = models.CharField(_("guiding question"), max_length=500, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="rounds", verbose_name=_("sectors")
    )
    districts = models.ManyToManyField(
        District, blank=True, related_name="rounds", verbose_name=_("districts")
    )
    evaluation = models.TextField(_("evaluation"), blank=True)

    class Meta:
        verbose_name = _("consultation round")
        verbose_name_plural = _("consultation rounds")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="consultations_round_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:round_detail", args=[self.pk])


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Interview(TimeStamped, Versioned):
    """One conversation. ``notes`` are confidential: only the officer group reads them."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        PHONE = "phone", _("phone")
        VIDEO = "video", _("video")
        GROUP = "group", _("group interview")
        WORKSHOP = "workshop", _("workshop")

    class Confidentiality(models.TextChoices):
        CONFIDENTIAL = "confidential", _("confidential")
        INTERNAL = "internal", _("internal")
        RELEASABLE = "releasable", _("releasable")

    round = models.ForeignKey(
        ConsultationRound,
        on_delete=models.PROTECT,
        related_name="interviews",
        verbose_name=_("consultation round"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.HELD
    )
    held_on = models.DateField(_("date"))
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON
    )
    stakeholders = models.ManyToManyField(
        Stakeholder, related_name="interviews", verbose_name=_("stakeholders")
    )
    contact_persons = models.ManyToManyField(
        ContactPerson, blank=True, related_name="interviews", verbose_name=_("persons present")
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="interviews",
        verbose_name=_("interviewer"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interviews",
        verbose_name=_("district"),
    )
    notes = models.TextField(_("confidential notes"), blank=True)
    summary = models.TextField(_("shareable summary"), blank=True)
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Confidentiality.choices,
        default=Confidentiality.CONFIDENTIAL,
    )

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["-held_on", "-id"]
        permissions = [("view_interview_notes", _("Can read confidential interview notes"))]
        indexes = [
            models.Index(
                fields=["round", "status", "held_on"], name="consultations_interview_round"
            ),
        ]

    def __str__(self):
        return f"{self.round} · {self.held_on:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("consultations:interview_detail", args=[self.pk])


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Finding(TimeStamped):
    """An anonymised statement from an interview: it names no person."""

    class Kind(models.TextChoices):
        OBSERVATION = "observation", _("observation")
        NEED = "need", _("need")
        TENSION = "tension", _("tension")
        RESOURCE = "resource", _("resource")
        SUGGESTION = "suggestion", _("suggestion")

    # Empty once its interview was deleted and the officer kept the finding
    # (``source_deleted``); the finding itself names no person, so it may stay.
    interview = models.ForeignKey(
        Interview,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("interview"),
    )
    source_deleted = models.BooleanField(_("source interview deleted"), default=False)
    round = models.ForeignKey(
        ConsultationRound,
        on_delete=models.PROTECT,
        related_name="findings",
        verbose_name=_("consultation round"),
    )
    statement = models.TextField(_("statement"))
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="findings", verbose_name=_("sector")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("district"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    assessment = models.TextField(_("assessment"), blank=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["sector__position", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interview__isnull=False, source_deleted=False)
                | Q(interview__isnull=True, source_deleted=True),
                name="consultations_finding_source_or_deleted",
            ),
        ]
        indexes = [
            # The board's first findings per sector and kind, and a group's keyset pages.
            models.Index(
                fields=["round", "sector", "kind", "id"], name="consultations_finding_board"
            ),
            GinIndex(FINDING_SEARCH_VECTOR, name="consultations_finding_search"),
        ]

    def __str__(self):
        return self.statement[:80]


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ActionOption(TimeStamped, Versioned):
    """An option for action (Handlungsoption) derived from findings."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ADOPTED = "adopted", _("adopted as measure")
        DISCARDED = "discarded", _("discarded")

    round = models.ForeignKey(
        ConsultationRound,
        on_delete=models.PROTECT,
        related_name="options",
        verbose_name=_("consultation round"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="options", verbose_name=_("sectors")
    )
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="options", verbose_name=_("findings")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        verbose_name = _("option for action")
        verbose_name_plural = _("options for action")
        ordering = ["round", "title"]
        indexes = [
            # The measure form's picker searches part of a title ("sprach" in
            # "Sprachcafé"): icontains runs UPPER(title::text) LIKE ..., which this answers.
            GinIndex(
                OpClass(Upper(Cast("title", models.TextField())), name="gin_trgm_ops"),
                name="consultations_option_trgm",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:option_detail", args=[self.pk])


class RoundSummary(models.Model):
    """A released evaluation of a round. Never changed: a new release is a new version.

    ``content`` holds the figures and anonymised statements as they were released.
    """

    round = models.ForeignKey(
        ConsultationRound,
        on_delete=models.PROTECT,
        related_name="summaries",
        verbose_name=_("consultation round"),
    )
    version = models.PositiveSmallIntegerField(_("version"))
    evaluation = models.TextField(_("evaluation"))
    content = models.JSONField(_("released content"), default=dict)
    released_on = models.DateField(_("released on"))
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("released by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("round summary")
        verbose_name_plural = _("round summaries")
        ordering = ["round", "-version"]
        permissions = [
            ("release_roundsummary", _("Can release a round summary to the council")),
            ("view_released_summary", _("Can read released round summaries")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "version"], name="consultations_roundsummary_version_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["-released_on", "-id"], name="consultations_summary_released"),
            GinIndex(SUMMARY_SEARCH_VECTOR, name="consultations_summary_search"),
        ]
        # Released means frozen: the database refuses any UPDATE of a released summary,
        # except inside the erasure service's transaction (GDPR Art. 17), which alone sets
        # ``peine.redaction`` (see privacy/immutable.py).
        triggers = [
            pgtrigger.Protect(
                name="consultations_summary_frozen",
                operation=pgtrigger.Update,
                condition=pgtrigger.Condition(
                    "current_setting('peine.redaction', true) IS DISTINCT FROM 'on'"
                ),
            ),
        ]

    def __str__(self):
        return f"{self.round} · {self.version}"

    def get_absolute_url(self):
        return reverse("consultations:summary_detail", args=[self.pk])


class InterviewDraft(models.Model):
    """What an officer typed into the interview form and has not saved yet.

    Saved every few seconds while typing (see ``static/js/consultations.js``), restored
    only for its author, deleted when the interview is saved or the draft discarded, and
    removed after ``INTERVIEW_DRAFT_DAYS`` days by ``manage.py purge_drafts``. ``interview``
    is empty for a form of a new interview (one such draft per author; ``round`` records
    the round chosen in it). Never tracked by the history: the notes stay out of it.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="interview_drafts",
        verbose_name=_("author"),
    )
    interview = models.ForeignKey(
        Interview,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="drafts",
        verbose_name=_("interview"),
    )
    round = models.ForeignKey(
        ConsultationRound,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consultation round"),
    )
    data = models.JSONField(_("form data"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("interview draft")
        verbose_name_plural = _("interview drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["author", "interview"],
                condition=Q(interview__isnull=False),
                name="consultations_draft_one_per_author_and_interview",
            ),
            models.UniqueConstraint(
                fields=["author"],
                condition=Q(interview__isnull=True),
                name="consultations_draft_one_new_interview_per_author",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author} · {self.interview_id or '—'} · {self.updated_at:%Y-%m-%d %H:%M}"


class ReleasedFindingCount(models.Model):
    """How many findings a released summary counted, by sector, district and kind.

    Written with the summary at release and never changed, so the council's figures of a
    released round read the same whatever is recorded afterwards. Only findings of held
    interviews count.
    """

    summary = models.ForeignKey(
        RoundSummary,
        on_delete=models.CASCADE,
        related_name="finding_counts",
        verbose_name=_("round summary"),
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        related_name="released_finding_counts",
        verbose_name=_("sector"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="released_finding_counts",
        verbose_name=_("district"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Finding.Kind.choices)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("released finding count")
        verbose_name_plural = _("released finding counts")
        constraints = [
            models.UniqueConstraint(
                fields=["summary", "sector", "district", "kind"],
                name="consultations_released_count_unique",
                nulls_distinct=False,
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="consultations_released_count_frozen", operation=pgtrigger.Update
            ),
        ]

    def __str__(self):
        return f"{self.summary} · {self.sector_id} · {self.kind}: {self.count}"
