"""The user, the roles' groups and the taxonomies every other app shares."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with an email address; no usernames."""

    class Source(models.TextChoices):
        LOCAL = "local", _("Local account")
        OIDC = "oidc", _("OpenID Connect")
        LDAP = "ldap", _("LDAP / Active Directory")
        SAML = "saml", _("SAML")

    username = None
    email = models.EmailField(_("email address"), unique=True)
    # Where the person signs in (peine.directory): the portal's own password, or the
    # city's directory; ``directory_id`` is their name there (LDAP login, OIDC subject).
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.LOCAL
    )
    directory_id = models.CharField(_("directory name"), max_length=255, blank=True)
    # When the notice of an imminent deactivation for idleness was sent (deactivate_idle_accounts).
    idle_notice_sent_at = models.DateTimeField(_("idle notice sent"), null=True, blank=True)

    # Raised by database triggers whenever the person's groups or second factors change
    # (and never lowered, even by a stale save): the session's copy of their roles and
    # second-factor state is used only while it carries this number (peine.middleware).
    access_version = models.PositiveBigIntegerField(_("access version"), default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="peine_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def has_role(self, role: str) -> bool:
        return self.groups.filter(name=role).exists()


class Taxonomy(models.Model):
    """A named entry of a list the admin maintains; sorted by position, then name."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class District(Taxonomy):
    class Kind(models.TextChoices):
        CORE_TOWN = "core", _("core town")
        VILLAGE = "village", _("district (Ortschaft)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    residents = models.PositiveIntegerField(_("residents"), null=True, blank=True)

    class Meta(Taxonomy.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Sector(Taxonomy):
    """A field of action (Handlungsfeld / Lebensbereich) of the integration concept."""

    description = models.TextField(_("description"), blank=True)

    class Meta(Taxonomy.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class TargetGroup(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class FundingSource(Taxonomy):
    class Kind(models.TextChoices):
        EU = "eu", _("European Union")
        FEDERAL = "federal", _("federal government")
        STATE = "state", _("state of Lower Saxony")
        MUNICIPAL = "municipal", _("municipal budget")
        THIRD_PARTY = "third_party", _("third party")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)

    class Meta(Taxonomy.Meta):
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")


class Goal(models.Model):
    """A goal of the integration concept, under a field of action (sector)."""

    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="goals", verbose_name=_("field of action")
    )
    code = models.CharField(_("code"), max_length=12, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"


class SecurityEvent(models.Model):
    """An audit record of an account change that concerns security: who did what to whom.

    Written by ``peine.security`` only; the admin shows these records read-only.
    """

    class Action(models.TextChoices):
        ROLE_GRANTED = "role_granted", _("Role granted")
        PASSWORD_SET_BY_ADMIN = "password_set_by_admin", _("Password set by an administrator")
        SECOND_FACTOR_RESET = "second_factor_reset", _("Second factor reset")
        ACCOUNT_DEACTIVATED = "account_deactivated", _("Account deactivated, sessions ended")
        ROLE_REMOVED = "role_removed", _("Role removed")
        DIRECTORY_LINKED = "directory_linked", _("Directory account linked")
        DIRECTORY_REFUSED = "directory_refused", _("Directory sign-in refused")
        IDLE_DEACTIVATED = "idle_deactivated", _("Account deactivated for idleness")

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_email = models.EmailField(_("by (email)"), blank=True)
    subject = models.ForeignKey(
        User,
        verbose_name=_("person affected"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="security_events",
    )
    subject_email = models.EmailField(_("person affected (email)"))
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.subject_email}"


class FormSubmission(models.Model):
    """A one-time form token that has been sent (``peine/lib/submissions.py``).

    The primary key makes the second request with the same token fail to insert, so a form
    sent twice at once creates its record once; ``result_url`` is where the first request
    went, and where the second is sent.
    """

    token = models.UUIDField(_("token"), primary_key=True)
    path = models.CharField(_("path"), max_length=500)
    result_url = models.CharField(_("result"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return f"{self.path} ({self.token})"
