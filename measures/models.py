"""Integration measures, their review by the administration and their progress."""

from decimal import Decimal

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models import ActionOption
from peine.lib.models import TimeStamped, Versioned
from peine.lib.search import german_vector
from peine.models import District, FundingSource, Goal, Sector, TargetGroup
from peine.roles import Capability, has_capability
from stakeholders.models import GERMAN, Stakeholder

# The full-text document; the GIN index below is built on exactly this expression, so the
# list's search (measures.filters) is answered from the index.
SEARCH_VECTOR = german_vector("title", "description")


class MeasureQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What a person may see: the administration everything, the council no drafts."""
        if has_capability(user, Capability.READ_INTERNAL):
            return self
        if has_capability(user, Capability.VIEW_MEASURES):
            return self.for_council()
        return self.none()

    def for_council(self):
        """What the council reads (pages, PDFs, CSV files, frozen editions): no drafts."""
        return self.filter(status__in=Measure.COUNCIL_STATUSES)

    def overdue(self, today=None):
        """Measures still running (or not started) after their planned end."""
        today = today or timezone.localdate()
        return self.filter(ends_on__lt=today, status__in=Measure.OPEN_STATUSES)

    def in_queue(self):
        return self.filter(status__in=Measure.QUEUE_STATUSES)


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    # Kept by database triggers from the budget lines and expenditures, whose own history
    # records every change: an event per recount would only repeat them.
    exclude=["planned_total", "spent_total"],
)
class Measure(TimeStamped, Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        IN_REVIEW = "in_review", _("in review")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        IN_PROGRESS = "in_progress", _("in progress")
        PAUSED = "paused", _("paused")
        COMPLETED = "completed", _("completed")

    title = models.CharField(_("title"), max_length=300, db_collation=GERMAN)
    description = models.TextField(_("description"), blank=True)
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="measures", verbose_name=_("sectors")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="measures", verbose_name=_("target groups")
    )
    districts = models.ManyToManyField(
        District, blank=True, related_name="measures", verbose_name=_("districts")
    )
    lead = models.ForeignKey(
        Stakeholder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_measures",
        verbose_name=_("lead stakeholder"),
    )
    partners = models.ManyToManyField(
        Stakeholder,
        blank=True,
        related_name="partner_measures",
        verbose_name=_("partner stakeholders"),
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("goal"),
    )
    origin_option = models.ForeignKey(
        ActionOption,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("option for action"),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposed_measures",
        verbose_name=_("proposed by"),
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    # Sums of the budget lines and expenditures, kept right by database triggers
    # (migration 0004) on every write, whichever path it takes (forms, formsets, bulk
    # inserts, the admin, SQL); a write from the application to these columns is ignored.
    # Lists read and sort them through an index instead of summing per row.
    planned_total = models.DecimalField(
        _("planned (EUR)"), max_digits=14, decimal_places=2, default=Decimal("0"), editable=False
    )
    spent_total = models.DecimalField(
        _("spent (EUR)"), max_digits=14, decimal_places=2, default=Decimal("0"), editable=False
    )

    objects = MeasureQuerySet.as_manager()

    # What the council may see, and the only measures its figures and money count: the
    # council's one rule (handbook 7.1, issue 26.1), measures from "approved" on. A measure
    # in review, sent back for changes or rejected was never approved: the council sees
    # neither it nor its budget, on a page, in a PDF, a CSV file, an edition or OParl.
    COUNCIL_STATUSES = (
        Status.APPROVED,
        Status.IN_PROGRESS,
        Status.PAUSED,
        Status.COMPLETED,
    )
    # Waiting for the administration's decision: the review queue.
    QUEUE_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW)
    # Not finished: a planned end in the past makes these overdue.
    OPEN_STATUSES = (
        Status.DRAFT,
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.CHANGES_REQUESTED,
        Status.APPROVED,
        Status.IN_PROGRESS,
        Status.PAUSED,
    )
    # The stages of the internal review as one public status. Since the council sees
    # measures from "approved" on only (COUNCIL_STATUSES), no council page shows it; it
    # stays the one place that names the stages should a reader outside the
    # administration ever see them.
    PUBLIC_STATUS = {
        Status.SUBMITTED: _("under review"),
        Status.IN_REVIEW: _("under review"),
        Status.CHANGES_REQUESTED: _("under review"),
    }
    # Their one code where the council's pages need a code (filter values, CSS classes).
    PUBLIC_REVIEW_CODE = "under_review"

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["title"]
        permissions = [
            ("submit_measure", _("Can submit a measure for review")),
            ("review_measure", _("Can review a measure")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="measures_measure_ends_after_start",
            ),
        ]
        # One index per sort of the list (sort column(s), then id: the keyset of
        # peine.lib.pagination); descending sorts read the same index backwards unless
        # their directions are mixed.
        indexes = [
            models.Index(fields=["title", "id"], name="measures_measure_sort_title"),
            models.Index(fields=["status", "title", "id"], name="measures_measure_status"),
            models.Index(fields=["-status", "title", "id"], name="measures_measure_status_desc"),
            models.Index(
                fields=["status_changed_at"],
                name="measures_measure_queue",
                condition=Q(status__in=["submitted", "in_review"]),
            ),
            models.Index(fields=["ends_on", "id"], name="measures_measure_ends_on"),
            models.Index(fields=["starts_on", "id"], name="measures_measure_starts_on"),
            models.Index(fields=["updated_at", "id"], name="measures_measure_updated"),
            models.Index(fields=["planned_total", "id"], name="measures_measure_sort_planned"),
            GinIndex(SEARCH_VECTOR, name="measures_measure_search"),
        ]

    def __str__(self):
        return self.title

    @property
    def public_status(self) -> str:
        """The status as the council reads it (no internal review stages)."""
        return str(self.PUBLIC_STATUS.get(self.status, self.get_status_display()))

    @property
    def public_status_code(self) -> str:
        """The council's status code: the review stages are one, ``under_review``."""
        return self.PUBLIC_REVIEW_CODE if self.status in self.PUBLIC_STATUS else self.status

    @classmethod
    def public_status_order(cls) -> Case:
        """An ``order_by`` expression over the public status: the council's sort cannot
        tell the internal review stages apart."""
        return Case(
            When(status__in=list(cls.PUBLIC_STATUS), then=Value(cls.PUBLIC_REVIEW_CODE)),
            default=F("status"),
            output_field=models.CharField(),
        )

    @property
    def is_overdue(self) -> bool:
        return (
            self.ends_on is not None
            and self.ends_on < timezone.localdate()
            and self.status in self.OPEN_STATUSES
        )


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class BudgetLine(models.Model):
    """Planned budget of a measure from one funding source, in euros."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("measure")
    )
    funding_source = models.ForeignKey(
        FundingSource,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        verbose_name=_("funding source"),
    )
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=Decimal("0")),
                name="measures_budgetline_amount_not_negative",
            ),
            models.UniqueConstraint(
                fields=["measure", "funding_source"], name="measures_budgetline_one_per_source"
            ),
        ]

    def __str__(self):
        return f"{self.funding_source}: {self.amount} €"


class Review(models.Model):
    """A status change of a measure: who, when, why. Reasons are internal."""

    class Decision(models.TextChoices):
        SUBMIT = "submit", _("submitted")
        START_REVIEW = "start_review", _("review started")
        APPROVE = "approve", _("approved")
        REQUEST_CHANGES = "request_changes", _("changes requested")
        REJECT = "reject", _("rejected")
        START = "start", _("started")
        PAUSE = "pause", _("paused")
        RESUME = "resume", _("resumed")
        COMPLETE = "complete", _("completed")

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("measure")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("by"),
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    old_status = models.CharField(_("old status"), max_length=20, choices=Measure.Status.choices)
    new_status = models.CharField(_("new status"), max_length=20, choices=Measure.Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["measure", "created_at"]

    def __str__(self):
        return f"{self.measure}: {self.get_decision_display()}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Indicator(models.Model):
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("measure")
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50)
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["measure", "name"]

    def __str__(self):
        return self.name


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ProgressEntry(Versioned):
    """A value of an indicator on a date. The reviewer may correct or remove it, with a
    reason that the measure's history shows (``measures.services.progress_entry_correct``)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="entries", verbose_name=_("indicator")
    )
    recorded_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        ordering = ["indicator", "recorded_on"]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.recorded_on})"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Expenditure(Versioned):
    """Money spent on a measure. The reviewer may correct or remove it, with a reason that
    the measure's history shows (``measures.services.expenditure_correct``)."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="expenditures", verbose_name=_("measure")
    )
    funding_source = models.ForeignKey(
        FundingSource,
        on_delete=models.PROTECT,
        related_name="expenditures",
        verbose_name=_("funding source"),
    )
    spent_on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    description = models.CharField(_("description"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")
        ordering = ["measure", "spent_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=Decimal("0")), name="measures_expenditure_amount_positive"
            ),
        ]

    def __str__(self):
        return f"{self.amount} € ({self.spent_on})"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class MeasureEffect(models.Model):
    """A measure acts on a dynamic of the analysis: it strengthens or weakens it.

    Measures point to dynamics, never the other way round (DESIGN.md): the analysis learns
    of these through the provider in ``measures.effects``.
    """

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="effects", verbose_name=_("measure")
    )
    dynamic = models.ForeignKey(
        "analysis.Dynamic",
        on_delete=models.CASCADE,
        related_name="measure_effects",
        verbose_name=_("dynamic"),
    )
    effect = models.CharField(
        _("effect"),
        max_length=12,
        choices=[("strengthens", _("strengthens")), ("weakens", _("weakens"))],
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("effect on a dynamic")
        verbose_name_plural = _("effects on dynamics")
        constraints = [
            models.UniqueConstraint(fields=["measure", "dynamic"], name="measures_effect_unique"),
        ]

    def __str__(self):
        return f"{self.measure_id} {self.effect} {self.dynamic_id}"
