"""The systemic analysis (the advisory method's third step) and the review at the end.

Sits above ``consultations`` (it reads findings and options) and below ``measures``:
measures may point to dynamics (``measures.MeasureEffect``), never the other way round.
"""

import pghistory
import pgtrigger
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from consultations.models import ActionOption, ConsultationRound, Finding
from peine.lib.models import TimeStamped, Versioned
from peine.models import Sector
from stakeholders.models import Stakeholder


class Effect(models.TextChoices):
    STRENGTHENS = "strengthens", _("strengthens")
    WEAKENS = "weakens", _("weakens")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Dynamic(TimeStamped, Versioned):
    """A dynamic of social change at work in the city (e.g. "Rückzug in eigene
    Vereinsstrukturen"), with the findings that show it."""

    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="dynamics", verbose_name=_("sectors")
    )
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="dynamics", verbose_name=_("findings")
    )
    options = models.ManyToManyField(
        ActionOption,
        blank=True,
        through="OptionLink",
        related_name="dynamics",
        verbose_name=_("options for action"),
    )

    class Meta:
        verbose_name = _("dynamic")
        verbose_name_plural = _("dynamics")
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["title"], name="analysis_dynamic_title_unique"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("analysis:dynamic_detail", args=[self.pk])


class DismissedSuggestion(models.Model):
    """A finding the officer said does not belong to a dynamic: never suggested again."""

    dynamic = models.ForeignKey(
        Dynamic, on_delete=models.CASCADE, related_name="dismissed", verbose_name=_("dynamic")
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="+", verbose_name=_("finding")
    )
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dismissed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dismissed suggestion")
        verbose_name_plural = _("dismissed suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["dynamic", "finding"], name="analysis_dismissed_unique"
            ),
        ]

    def __str__(self):
        return f"{self.dynamic_id} · {self.finding_id}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Influence(TimeStamped):
    """Dynamic A strengthens or weakens dynamic B, how strongly, and why."""

    source = models.ForeignKey(
        Dynamic, on_delete=models.CASCADE, related_name="influences_out", verbose_name=_("from")
    )
    target = models.ForeignKey(
        Dynamic, on_delete=models.CASCADE, related_name="influences_in", verbose_name=_("on")
    )
    effect = models.CharField(_("effect"), max_length=12, choices=Effect.choices)
    strength = models.PositiveSmallIntegerField(
        _("strength"), default=2, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    reason = models.CharField(_("why"), max_length=500)
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="influences", verbose_name=_("findings")
    )

    class Meta:
        verbose_name = _("influence")
        verbose_name_plural = _("influences")
        ordering = ["source__title", "target__title"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="analysis_influence_unique"),
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="analysis_influence_not_itself"
            ),
            models.CheckConstraint(
                condition=Q(strength__gte=1, strength__lte=3), name="analysis_influence_strength"
            ),
        ]

    def __str__(self):
        return f"{self.source} → {self.target}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ActorEffect(models.Model):
    """A stakeholder (an organisation, never a person) that acts on a dynamic."""

    dynamic = models.ForeignKey(
        Dynamic, on_delete=models.CASCADE, related_name="actors", verbose_name=_("dynamic")
    )
    stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.CASCADE,
        related_name="dynamic_effects",
        verbose_name=_("stakeholder"),
    )
    effect = models.CharField(_("effect"), max_length=12, choices=Effect.choices)

    class Meta:
        verbose_name = _("actor on a dynamic")
        verbose_name_plural = _("actors on dynamics")
        constraints = [
            models.UniqueConstraint(
                fields=["dynamic", "stakeholder"], name="analysis_actor_unique"
            ),
        ]

    def __str__(self):
        return f"{self.stakeholder_id} {self.effect} {self.dynamic_id}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class OptionLink(models.Model):
    """An option for action addresses a dynamic: it is meant to strengthen or weaken it.
    Measures created from the option inherit these links."""

    option = models.ForeignKey(
        ActionOption,
        on_delete=models.CASCADE,
        related_name="dynamic_links",
        verbose_name=_("option for action"),
    )
    dynamic = models.ForeignKey(
        Dynamic, on_delete=models.CASCADE, related_name="option_links", verbose_name=_("dynamic")
    )
    effect = models.CharField(
        _("effect"), max_length=12, choices=Effect.choices, default=Effect.WEAKENS
    )

    class Meta:
        verbose_name = _("option addressing a dynamic")
        verbose_name_plural = _("options addressing dynamics")
        constraints = [
            models.UniqueConstraint(
                fields=["option", "dynamic"], name="analysis_option_link_unique"
            ),
        ]

    def __str__(self):
        return f"{self.option_id} → {self.dynamic_id}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Workshop(TimeStamped, Versioned):
    """A workshop with administration, politics and civil society that works out options."""

    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    round = models.ForeignKey(
        ConsultationRound,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("consultation round"),
    )
    stakeholders = models.ManyToManyField(
        Stakeholder,
        blank=True,
        related_name="workshops",
        verbose_name=_("participating stakeholders"),
    )
    options = models.ManyToManyField(
        ActionOption,
        blank=True,
        through="WorkshopOption",
        related_name="workshops",
        verbose_name=_("options discussed"),
    )

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.title} ({self.held_on:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("analysis:workshop_detail", args=[self.pk])


class Priority(models.IntegerChoices):
    HIGH = 1, _("high")
    MEDIUM = 2, _("medium")
    LOW = 3, _("low")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class WorkshopOption(models.Model):
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="discussed", verbose_name=_("workshop")
    )
    option = models.ForeignKey(
        ActionOption,
        on_delete=models.CASCADE,
        related_name="workshop_priorities",
        verbose_name=_("option for action"),
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )

    class Meta:
        verbose_name = _("option discussed in a workshop")
        verbose_name_plural = _("options discussed in workshops")
        ordering = ["priority", "option__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "option"], name="analysis_workshop_option_unique"
            ),
        ]

    def __str__(self):
        return f"{self.workshop_id} · {self.option_id}: {self.priority}"


class Release(models.Model):
    """A frozen snapshot for the council: the map, or a comparison of two rounds.

    ``content`` holds nodes, edges, loops and counts as released; no finding's text and no
    person. Never changed: a new release is a new row.
    """

    class Kind(models.TextChoices):
        MAP = "map", _("system map")
        COMPARISON = "comparison", _("comparison of rounds")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
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
        verbose_name = _("released analysis")
        verbose_name_plural = _("released analyses")
        ordering = ["-released_on", "-id"]
        triggers = [pgtrigger.Protect(name="analysis_release_frozen", operation=pgtrigger.Update)]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("analysis:release_detail", args=[self.pk])
