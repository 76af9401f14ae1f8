"""Records of processing activities (GDPR Art. 30): declared here, next to the code.

``PROCESSING`` lists each kind of personal data the portal holds: the models and fields it
covers, the people it is about, its purpose, legal basis, the capabilities through which
people see it, and its retention. Everything else on the page is derived from the code:

- who can see it: the roles of those capabilities in ``peine.roles.GRANTS``;
- the retention periods: the current values of the settings;
- where it is stored: the tables of the models (``_meta.db_table``) and of their history
  (the pghistory event models that track them).

``personal_fields()`` says in code which fields count as personal (see its docstring);
``tests/privacy/test_records.py`` fails when such a field is neither covered by a kind
here nor listed in ``NOT_PERSONAL`` with a reason.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from peine.roles import GRANTS, ROLE_LABELS, Capability, Role
from stakeholders.models import ContactPerson

# The project's own apps (the rest are Django's and libraries').
PROJECT_APPS = ("peine", "stakeholders", "consultations", "analysis", "measures", "privacy")
# Never personal by themselves: keys, timestamps of the record, the optimistic-lock counter.
TECHNICAL = {"id", "created_at", "updated_at", "version", "date_joined"}
# Field names that suggest a person's data wherever they occur in the project's apps.
PERSONAL_NAME = re.compile(
    r"(^|_)(name|email|e_mail|phone|mobile|fax|notes?|address|street|postcode|town|"
    r"birth|ip|user_agent|function|author|user)($|_)"
)
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def _days(setting: str) -> Callable[[], str]:
    return lambda: _days_text(getattr(settings, setting), setting)


def _days_text(days: int, setting: str) -> str:
    return ngettext("%(n)d day (%(s)s)", "%(n)d days (%(s)s)", days) % {"n": days, "s": setting}


@dataclass(frozen=True)
class Processing:
    """One kind of personal data and what the portal does with it."""

    code: str
    title: Promise
    subjects: Promise
    # {"app_label.ModelName": ("field", ...)}
    data: dict[str, tuple[str, ...]]
    purpose: Promise
    legal_basis: Promise
    # Who can see it in the portal (roles derived from GRANTS); empty: nobody
    # through the portal (e.g. backups: the server's operators only).
    capabilities: tuple[Capability, ...]
    retention: Callable[[], str]
    access_note: Promise | str = ""

    def roles(self) -> list[Role]:
        held = set()
        for capability in self.capabilities:
            held |= GRANTS[capability].roles
        return [role for role in Role if role in held]

    def role_labels(self) -> list[str]:
        return [str(ROLE_LABELS[role]) for role in self.roles()]

    def fields(self) -> list[tuple[type[models.Model], models.Field]]:
        found = []
        for label, names in self.data.items():
            model = apps.get_model(label)
            found += [(model, model._meta.get_field(name)) for name in names]
        return found

    def tables(self) -> list[str]:
        """The model tables and the history tables that copy their rows."""
        tables = []
        for label, names in self.data.items():
            model = apps.get_model(label)
            tables.append(model._meta.db_table)
            tables += [event._meta.db_table for event in history_models(model)]
            for name in names:
                f = model._meta.get_field(name)
                if f.many_to_many:
                    tables.append(f.remote_field.through._meta.db_table)
        return list(dict.fromkeys(tables))

    def covers(self) -> set[tuple[str, str]]:
        return {(label.lower(), name) for label, names in self.data.items() for name in names}


_ACCOUNTABILITY = _(
    "Art. 6(1)(c) GDPR with Art. 5(2) and Art. 24 GDPR (accountability), and Art. 6(1)(e) "
    "GDPR with § 3 NDSG"
)
_PUBLIC_TASK = _("Art. 6(1)(e) GDPR with § 3 NDSG (public task)")

PROCESSING: list[Processing] = [
    Processing(
        code="contacts",
        title=_("Contact persons of organisations"),
        subjects=_("Contact persons of local organisations and initiatives"),
        data={
            # Declared on the model, where the Art. 15 export reads them too.
            "stakeholders.ContactPerson": ContactPerson.PERSONAL_FIELDS,
            "consultations.Interview": ("contact_persons",),
        },
        purpose=_(
            "Stakeholder register of integration planning: contacting organisations and "
            "inviting them to interviews; who took part in an interview."
        ),
        legal_basis=_(
            "Art. 6(1)(e) GDPR with § 3 NDSG (public task); Art. 6(1)(a) GDPR (consent) "
            "where a consent is recorded (consent given on, purpose, withdrawn on)."
        ),
        capabilities=(Capability.SEE_CONTACT_DETAILS, Capability.READ_NOTES),
        retention=lambda: str(
            _(
                "Due for review at once without valid consent, otherwise when unchanged for "
                "%(review)s; anonymised with their history %(grace)s after falling due "
                "(manage.py apply_retention)."
            )
            % {
                "review": _days_text(settings.CONTACT_REVIEW_DAYS, "CONTACT_REVIEW_DAYS"),
                "grace": _days_text(
                    settings.CONTACT_REVIEW_GRACE_DAYS, "CONTACT_REVIEW_GRACE_DAYS"
                ),
            }
        ),
        access_note=_(
            "The administration (review) sees only contact persons with valid consent; who "
            "took part in an interview only the officer, with the confidential notes."
        ),
    ),
    Processing(
        code="notes",
        title=_("Confidential interview notes"),
        subjects=_("Interviewed persons and the people they talk about"),
        data={"consultations.Interview": ("notes",)},
        purpose=_("Evaluating a consultation round: what was said in the interview."),
        legal_basis=_(
            "Art. 6(1)(e) GDPR with § 3 NDSG (public task). The notes may hold special "
            "categories of personal data (Art. 9(1) GDPR, e.g. origin, religion, health): "
            "the exception of Art. 9(2) GDPR that applies is to be confirmed by the data "
            "protection officer."
        ),
        capabilities=(Capability.READ_NOTES,),
        retention=lambda: str(
            _(
                "Emptied %(days)s after their round was evaluated (manage.py "
                "apply_retention); the history keeps who changed them and when, not the text."
            )
            % {"days": _days_text(settings.NOTES_RETENTION_DAYS, "NOTES_RETENTION_DAYS")}
        ),
        access_note=_("Every reading is logged (see the log of who read notes)."),
    ),
    Processing(
        code="free_text",
        title=_("Mentions of persons in texts"),
        subjects=_("Anyone named in a text of the planning (rarely: the texts are about topics)"),
        data={
            "stakeholders.Stakeholder": ("description",),
            "stakeholders.Relationship": ("note",),
            "consultations.ConsultationRound": ("title", "guiding_question", "evaluation"),
            "consultations.Interview": ("summary",),
            "consultations.Finding": ("statement", "assessment"),
            "consultations.ActionOption": ("title", "description"),
            "consultations.RoundSummary": ("evaluation", "content"),
            "peine.ReportEdition": ("subject", "title", "content"),
            "analysis.Dynamic": ("title", "description"),
            "analysis.Influence": ("reason",),
            "analysis.Workshop": ("title", "place"),
            "analysis.Release": ("title", "content"),
            "measures.Measure": ("title", "description"),
            "measures.Review": ("reason",),
            "measures.ProgressEntry": ("note",),
            "measures.Expenditure": ("description",),
            "measures.MeasureEffect": ("note",),
        },
        purpose=_(
            "Integration planning: findings, options, measures, their review and progress, "
            "summaries released to the council and report editions for council meetings."
        ),
        legal_basis=_PUBLIC_TASK,
        capabilities=(
            Capability.READ_CONSULTATIONS,
            Capability.READ_SUMMARIES,
            Capability.VIEW_MEASURES,
            Capability.VIEW_DASHBOARD,
        ),
        retention=lambda: str(
            _(
                "No fixed period: the planning record of the city. A person named in them "
                "is redacted on an erasure request (Art. 17 GDPR)."
            )
        ),
        access_note=_("The council sees released summaries, report editions and measures only."),
    ),
    Processing(
        code="drafts",
        title=_("Unsaved drafts of the interview form"),
        subjects=_("Interviewed persons (the notes being typed) and the author"),
        data={
            "consultations.InterviewDraft": ("author", "data"),
            # A form sent after the session expired is kept in the session.
            "sessions.Session": ("session_data",),
        },
        purpose=_("Not losing text that was typed but not yet saved."),
        legal_basis=_PUBLIC_TASK,
        capabilities=(Capability.RUN_CONSULTATIONS,),
        retention=lambda: str(
            _(
                "Deleted when the interview is saved or the draft discarded, otherwise after "
                "%(days)s (manage.py purge_drafts)."
            )
            % {"days": _days_text(settings.INTERVIEW_DRAFT_DAYS, "INTERVIEW_DRAFT_DAYS")}
        ),
        access_note=_("Only its author gets a draft back."),
    ),
    Processing(
        code="accounts",
        title=_("User accounts and sign-in"),
        subjects=_("Staff of the city and council members who use the portal"),
        data={
            "peine.User": (
                "email",
                "first_name",
                "last_name",
                "password",
                "last_login",
                "is_active",
                "is_staff",
                "is_superuser",
                "groups",
                "user_permissions",
                "access_version",
                "source",
                "directory_id",
                "idle_notice_sent_at",
            ),
            "account.EmailAddress": ("user", "email"),
            "socialaccount.SocialAccount": ("user", "uid", "extra_data"),
            "mfa.Authenticator": ("user", "data"),
            "usersessions.UserSession": ("user", "ip", "user_agent"),
            "sessions.Session": ("session_data",),
        },
        purpose=_("Signing in with a second factor, roles and permissions, ending sessions."),
        legal_basis=_(
            "Art. 6(1)(e) GDPR with § 3 NDSG and Art. 32 GDPR (security of processing); "
            "as data of employees, the basis under Art. 88 GDPR is to be confirmed by the "
            "data protection officer."
        ),
        capabilities=(Capability.ADMINISTER,),
        retention=lambda: str(
            _(
                "Accounts until the IT administration deletes them; sessions end after "
                "%(idle)s s without a request (%(idle_council)s s for the council) and at "
                "the latest %(absolute)s s after sign-in."
            )
            % {
                "idle": settings.SESSION_IDLE_SECONDS,
                "idle_council": settings.SESSION_IDLE_SECONDS_COUNCIL,
                "absolute": settings.SESSION_ABSOLUTE_SECONDS,
            }
        ),
        access_note=_("Everyone sees their own sessions; names of colleagues appear as authors."),
    ),
    Processing(
        code="authorship",
        title=_("Who did what: authors and the change history"),
        subjects=_("Users of the portal"),
        data={
            "consultations.Interview": ("interviewer",),
            "stakeholders.Relationship": ("created_by",),
            "consultations.RoundSummary": ("released_by",),
            "peine.ReportEdition": ("created_by",),
            "analysis.DismissedSuggestion": ("dismissed_by",),
            "analysis.Release": ("released_by",),
            "measures.Measure": ("proposed_by",),
            "measures.Review": ("reviewer",),
            "measures.ProgressEntry": ("recorded_by",),
            "measures.Expenditure": ("recorded_by",),
            "pghistory.Context": ("metadata",),
            "admin.LogEntry": ("user", "object_repr", "change_message"),
        },
        purpose=_(
            "Accountability of the administration: who wrote, changed, reviewed or released "
            "a record and when."
        ),
        legal_basis=_ACCOUNTABILITY,
        capabilities=(Capability.READ_INTERNAL, Capability.ADMINISTER),
        retention=lambda: str(
            _(
                "As long as the record; the history of a record is kept with it (an erasure "
                "redacts a person's data in it)."
            )
        ),
    ),
    Processing(
        code="security",
        title=_("Security events"),
        subjects=_("Users of the portal"),
        data={
            "peine.SecurityEvent": ("actor", "actor_email", "subject", "subject_email", "detail")
        },
        purpose=_(
            "Tracing grants of roles, password changes by an admin and resets of the second factor."
        ),
        legal_basis=_ACCOUNTABILITY,
        capabilities=(Capability.ADMINISTER,),
        retention=lambda: str(_("No period is set in the code: kept.")),
    ),
    Processing(
        code="read_log",
        title=_("Log of who read confidential notes"),
        subjects=_("Officers who open notes"),
        data={"privacy.NoteReadLog": ("user", "interview")},
        purpose=_("Accountability for reading confidential notes (Art. 5(2) GDPR)."),
        legal_basis=_ACCOUNTABILITY,
        capabilities=(Capability.READ_PRIVACY_RECORDS,),
        retention=lambda: str(
            _("Deleted after %(days)s (manage.py apply_retention).")
            % {"days": _days_text(settings.NOTE_READ_LOG_DAYS, "NOTE_READ_LOG_DAYS")}
        ),
    ),
    Processing(
        code="requests",
        title=_("Access and erasure requests"),
        subjects=_("The officer who handled the request (the person asking: by file number only)"),
        data={
            "privacy.AccessRequest": ("handled_by", "reference"),
            "privacy.ErasureLog": ("performed_by", "reference", "counts"),
        },
        purpose=_("Proving that access and erasure requests were answered (Art. 12, 15, 17)."),
        legal_basis=_ACCOUNTABILITY,
        capabilities=(Capability.HANDLE_PRIVACY_REQUESTS,),
        retention=lambda: str(_("No period is set in the code: kept; they hold no names.")),
    ),
    Processing(
        code="backups",
        title=_("Backups of the database"),
        subjects=_("Everyone above"),
        data={},
        purpose=_("Restoring the portal after a failure."),
        legal_basis=_("Art. 6(1)(e) GDPR with § 3 NDSG and Art. 32(1)(c) GDPR"),
        capabilities=(),
        retention=lambda: str(
            _(
                "Deleted by manage.py backup after %(days)s; an erasure does not reach a "
                "backup, which is why they expire."
            )
            % {"days": _days_text(settings.BACKUP_KEEP_DAYS, "BACKUP_KEEP_DAYS")}
        ),
        access_note=_("Nobody through the portal: the operators of the server (BACKUP_DIR)."),
    ),
]

# Fields that look personal by the rules of ``personal_fields`` but are not, and why.
# A key "app_label.modelname" exempts every field of that model; "app_label.modelname.field"
# one field.
NOT_PERSONAL: dict[str, Promise] = {
    "peine.district": _("A taxonomy of the city (district names), no person."),
    "peine.sector": _("A taxonomy of the city (fields of action), no person."),
    "peine.targetgroup": _("A taxonomy of the city (target groups), no person."),
    "peine.fundingsource": _("A taxonomy of the city (funding sources), no person."),
    "peine.goal": _("A taxonomy of the city (goals of the plan), no person."),
    "peine.formsubmission": _(
        "The address of a sent form and of the page it led to (record numbers, no names); "
        "deleted after two days."
    ),
    "stakeholders.stakeholder.name": _(
        "The name of an organisation or initiative (a legal person or group); a contact "
        "person is recorded separately."
    ),
    "stakeholders.stakeholder.website": _("The website of an organisation."),
    "stakeholders.stakeholder.street": _("The address of an organisation, not of a person."),
    "stakeholders.stakeholder.postcode": _("The address of an organisation, not of a person."),
    "stakeholders.stakeholder.town": _("The address of an organisation, not of a person."),
    "peine.reportedition.figures": _("Aggregated counts and sums, no single person."),
    "measures.indicator.name": _("The name of a measurable indicator (e.g. participants)."),
    "measures.indicator.unit": _("A unit of measurement."),
}


def history_models(model: type[models.Model]) -> list[type[models.Model]]:
    """The pghistory event models that copy the rows of ``model``."""
    return [m for m in apps.get_models() if getattr(m, "pgh_tracked_model", None) is model]


def _is_history(model) -> bool:
    return getattr(model, "pgh_tracked_model", None) is not None


def personal_fields() -> dict[tuple[str, str], str]:
    """Every field that counts as personal: {(model label, field name): the rule}.

    - every field of the user model and of ``ContactPerson`` except keys and timestamps;
    - in every installed model: each e-mail and IP address field, and each link to the user
      model or to a contact person;
    - in the project's apps: each field named like a person's data (name, email, phone,
      notes, address, street, …, user) and each free-text field (text, JSON, and character
      fields without fixed choices), since a text can name a person.

    History (event) models count as the model they track; their ``pgh_*`` fields belong to
    the history itself (its context is declared under ``pghistory.Context``). Proxy,
    unmanaged and automatically created (many-to-many) models are left out: their fields
    are declared on the models that own them.
    """
    user_model = get_user_model()
    found: dict[tuple[str, str], str] = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.auto_created:
            continue
        owner = getattr(model, "pgh_tracked_model", None) or model
        label = owner._meta.label_lower
        for f in [*meta.concrete_fields, *meta.local_many_to_many]:
            if f.name.startswith("pgh_") or f.primary_key or f.name in TECHNICAL:
                continue
            rule = None
            if owner in (user_model, ContactPerson):
                rule = "every field of a user or contact person"
            elif isinstance(f, models.EmailField | models.GenericIPAddressField):
                rule = "an e-mail or IP address"
            elif f.is_relation and f.related_model in (user_model, ContactPerson):
                rule = "a link to a user or contact person"
            elif meta.app_label in PROJECT_APPS and PERSONAL_NAME.search(f.name):
                rule = "named like a person's data"
            elif (
                meta.app_label in PROJECT_APPS
                and isinstance(f, TEXT_FIELDS)
                and not f.choices
                and not isinstance(f, models.SlugField)
            ):
                rule = "free text, which can name a person"
            if rule:
                found.setdefault((label, f.name), rule)
    return found


def covered() -> dict[tuple[str, str], str]:
    """{(model label, field): kind code} of every declared field."""
    result = {}
    for processing in PROCESSING:
        for key in processing.covers():
            result.setdefault(key, processing.code)
    return result


def exemption(label: str, name: str) -> Promise | None:
    return NOT_PERSONAL.get(f"{label}.{name}") or NOT_PERSONAL.get(label)


def uncovered() -> list[str]:
    """Personal fields neither declared nor exempted: must be empty."""
    declared = covered()
    return sorted(
        f"{label}.{name} ({rule})"
        for (label, name), rule in personal_fields().items()
        if (label, name) not in declared and exemption(label, name) is None
    )


def rows() -> list[dict]:
    """The records for the page: each kind with its fields, roles, retention, tables."""
    result = []
    for processing in PROCESSING:
        fields = [
            {
                "model": str(model._meta.verbose_name),
                "field": str(getattr(f, "verbose_name", f.name)),
                "code": f"{model._meta.label_lower}.{f.name}",
            }
            for model, f in processing.fields()
        ]
        result.append(
            {
                "code": processing.code,
                "title": processing.title,
                "subjects": processing.subjects,
                "fields": fields,
                "purpose": processing.purpose,
                "legal_basis": processing.legal_basis,
                "roles": processing.role_labels(),
                "capabilities": [c.value for c in processing.capabilities],
                "access_note": processing.access_note,
                "retention": processing.retention(),
                "tables": processing.tables(),
            }
        )
    return result


def exemptions() -> list[dict]:
    return [{"code": key, "reason": reason} for key, reason in NOT_PERSONAL.items()]
