"""Organisations and initiatives of Peine's integration work, their people and ties."""

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast, Upper
from django.utils.translation import gettext_lazy as _

from peine.lib.models import TimeStamped, Versioned
from peine.lib.search import german_vector
from peine.models import District, Sector

# ICU German collation: "Ärzte" sorts with "Arzt", "Öztürk" with "Oz", as people expect.
GERMAN = "de-x-icu"
# The full-text document; the GIN index below is built on exactly this expression, so a
# search that uses it (stakeholders.filters) is answered from the index.
SEARCH_VECTOR = german_vector("name", "description")


class StakeholderQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Stakeholder(TimeStamped, Versioned):
    class Kind(models.TextChoices):
        CITY_DEPARTMENT = "city", _("city department")
        PUBLIC_AUTHORITY = "authority", _("public authority")
        WELFARE = "welfare", _("welfare association")
        MIGRANT_ORGANISATION = "migrant", _("migrant organisation")
        RELIGIOUS = "religious", _("religious community")
        EDUCATION = "education", _("school or day-care centre")
        SPORTS = "sports", _("sports club")
        CULTURE = "culture", _("culture club")
        EMPLOYER = "employer", _("employer or business")
        INITIATIVE = "initiative", _("initiative")
        OTHER = "other", _("other")

    # What the officer enters for a stakeholder (the form, the import and the services use
    # these), declared once; ROW_FIELDS are those stored in the row itself.
    EDITABLE_FIELDS = (
        "name",
        "kind",
        "sectors",
        "districts",
        "description",
        "website",
        "street",
        "postcode",
        "town",
        "influence",
        "interest",
        "active",
    )
    ROW_FIELDS = tuple(field for field in EDITABLE_FIELDS if field not in {"sectors", "districts"})

    name = models.CharField(_("name"), max_length=200, unique=True, db_collation=GERMAN)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="stakeholders", verbose_name=_("sectors")
    )
    districts = models.ManyToManyField(
        District, blank=True, related_name="stakeholders", verbose_name=_("districts")
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True, default="Peine")
    influence = models.PositiveSmallIntegerField(
        _("influence"), default=3, help_text=_("1 (low) to 5 (high)")
    )
    interest = models.PositiveSmallIntegerField(
        _("interest"), default=3, help_text=_("1 (low) to 5 (high)")
    )
    active = models.BooleanField(_("active"), default=True)

    objects = StakeholderQuerySet.as_manager()

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(influence__gte=1, influence__lte=5),
                name="stakeholders_stakeholder_influence_range",
            ),
            models.CheckConstraint(
                condition=Q(interest__gte=1, interest__lte=5),
                name="stakeholders_stakeholder_interest_range",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "name", "id"], name="stakeholders_kind_name"),
            models.Index(fields=["active", "name"], name="stakeholders_active_name"),
            GinIndex(SEARCH_VECTOR, name="stakeholders_search"),
            # Part-of-word search in names ("schule" in "Grundschule"): icontains runs
            # UPPER(name::text) LIKE ..., which this trigram index answers.
            GinIndex(
                OpClass(Upper(Cast("name", models.TextField())), name="gin_trgm_ops"),
                name="stakeholders_name_trgm",
            ),
            models.Index(fields=["influence", "interest"], name="stakeholders_map"),
            # One per sort of the register (keyset pages: sort columns, then id; the kind
            # sort uses stakeholders_kind_name above). They inherit the name column's ICU
            # German collation, so the sort and its index agree.
            models.Index(fields=["name", "id"], name="stakeholders_sort_name"),
            models.Index(fields=["-kind", "name", "id"], name="stakeholders_sort_kind_d"),
            models.Index(fields=["influence", "name", "id"], name="stakeholders_sort_infl"),
            models.Index(
                fields=["-influence", "name", "id"],
                name="stakeholders_sort_infl_d",
            ),
            models.Index(fields=["interest", "name", "id"], name="stakeholders_sort_intr"),
            models.Index(
                fields=["-interest", "name", "id"],
                name="stakeholders_sort_intr_d",
            ),
        ]

    def __str__(self):
        return self.name


# A consent given and not withdrawn: only then does the review see a person's details,
# and without it retention (privacy.retention) puts the person up for review at once.
VALID_CONSENT = Q(consent_given_on__isnull=False, consent_withdrawn_on__isnull=True)


class ContactPersonQuerySet(models.QuerySet):
    def with_consent(self):
        return self.filter(VALID_CONSENT)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ContactPerson(TimeStamped, Versioned):
    """Personal data: only the officer edits, only officer and reviewer read."""

    # The person's data, declared once: the Art. 15 export shows these fields in this
    # order (privacy.selectors), the records of processing declare them (privacy.records),
    # and tests/privacy/test_records.py fails when the model gains a field that is neither
    # here nor exempted there. An erasure or the retention deletes the row with its history.
    PERSONAL_FIELDS = (
        "name",
        "function",
        "email",
        "phone",
        "consent_given_on",
        "consent_purpose",
        "consent_withdrawn_on",
        "stakeholder",
    )
    # The ones that name the person in texts written elsewhere: an erasure searches for
    # them and replaces them by the redaction marker (privacy.selectors.find_person).
    IDENTIFYING_FIELDS = ("name", "email", "phone")
    # What the officer types on the contact form (and the import): the person's data but
    # the stakeholder they belong to, which the page they are added on decides.
    EDITABLE_FIELDS = tuple(field for field in PERSONAL_FIELDS if field != "stakeholder")

    stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("stakeholder"),
    )
    name = models.CharField(_("name"), max_length=200, db_collation=GERMAN)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_purpose = models.CharField(_("purpose of consent"), max_length=300, blank=True)
    consent_withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)

    objects = ContactPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_withdrawn_on__isnull=True)
                | Q(
                    consent_given_on__isnull=False,
                    consent_withdrawn_on__gte=models.F("consent_given_on"),
                ),
                name="stakeholders_contactperson_withdrawn_after_given",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def consent_withdrawn(self) -> bool:
        return self.consent_withdrawn_on is not None


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Relationship(TimeStamped):
    class Kind(models.TextChoices):
        COOPERATES = "cooperates", _("cooperates with")
        FUNDS = "funds", _("funds")
        MEMBER_OF = "member_of", _("is a member of")
        TENSION = "tension", _("is in tension with")

    source = models.ForeignKey(
        Stakeholder,
        on_delete=models.CASCADE,
        related_name="relationships_out",
        verbose_name=_("stakeholder"),
    )
    target = models.ForeignKey(
        Stakeholder,
        on_delete=models.CASCADE,
        related_name="relationships_in",
        verbose_name=_("other stakeholder"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        ordering = ["source__name", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="stakeholders_relationship_not_self"
            ),
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="stakeholders_relationship_unique"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"
