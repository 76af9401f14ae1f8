"""The pages the benchmark measures, its personas and their sessions.

Shared by the harness (scripts/bench.py) and the smoke test
(tests/peine/test_bench_pages.py), which requests every page below through Django's test
client on a small seed. Needs a configured Django (``django.setup()``).
"""

import time
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.db.models import Count
from django.urls import reverse

from consultations.models import ConsultationRound
from measures.models import Measure
from peine.models import District, Sector, User
from peine.roles import Role
from stakeholders.models import Stakeholder

BENCH_URLCONF = "scripts.bench_urls"
BENCH_PASSWORD = "bench-peine-2026-not-secret"  # noqa: S105 - synthetic accounts of the benchmark
PERSONAS = {
    "officer": Role.OFFICER,
    "reviewer": Role.REVIEWER,
    "council": Role.COUNCIL,
    "admin": Role.ADMIN,
}
# Roles whose accounts must have a second factor once allauth.mfa is in place.
MFA_ROLES = {Role.OFFICER, Role.REVIEWER, Role.ADMIN}
SECTOR = "sprache-bildung"
DISTRICT = "kernstadt"
SEARCH = "Beratung"


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    persona: str
    url: str
    kind: str = "page"  # "page", "reference" or "pdf"


def bench_email(persona: str) -> str:
    return f"bench-{persona}@peine.example"


def bench_users() -> dict[str, User]:
    """One account per persona (made once); with allauth.mfa, a TOTP authenticator too."""
    users = {}
    for persona, role in PERSONAS.items():
        user, created = User.objects.get_or_create(
            email=bench_email(persona),
            defaults={"first_name": "Bench", "last_name": persona, "is_staff": role == Role.ADMIN},
        )
        if created:
            user.set_password(BENCH_PASSWORD)
            user.save()
            user.groups.set([Group.objects.get(name=role.value)])
        if role in MFA_ROLES:
            _ensure_authenticator(user)
        users[persona] = user
    return users


def _ensure_authenticator(user) -> None:
    if not apps.is_installed("allauth.mfa"):
        return
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())


def session_key(user) -> str:
    """A signed-in session as a password (and, with MFA, TOTP) login would leave it."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    now = time.time()
    methods = [{"method": "password", "at": now, "email": user.email}]
    if apps.is_installed("allauth.mfa"):
        from allauth.mfa.models import Authenticator

        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp:
            methods.append({"method": "mfa", "at": now, "id": totp.pk, "type": "totp"})
    store["account_authentication_methods"] = methods
    store.create()
    return store.session_key


def pages() -> list[Page]:
    """The benchmark's pages over whatever data the database holds."""
    largest = ConsultationRound.objects.annotate(n=Count("findings")).order_by("-n", "pk").first()
    stakeholder = Stakeholder.objects.order_by("pk").first()
    measure = (
        Measure.objects.filter(status=Measure.Status.IN_PROGRESS).order_by("pk").first()
        or Measure.objects.order_by("pk").first()
    )
    sector = Sector.objects.get(slug=SECTOR)
    district = District.objects.get(slug=DISTRICT)

    def url(name, *args, query=""):
        return reverse(name, args=args, urlconf=BENCH_URLCONF) + query

    return [
        Page("healthz", "/healthz", "officer", url("healthz")),
        Page("stakeholder_list", "stakeholder list", "officer", url("stakeholders:list")),
        Page(
            "stakeholder_sector",
            "stakeholder list, filter by sector",
            "officer",
            url("stakeholders:list", query=f"?sector={sector.pk}"),
        ),
        Page(
            "stakeholder_search",
            f"stakeholder search ?q={SEARCH}",
            "officer",
            url("stakeholders:list", query=f"?q={SEARCH}"),
        ),
        Page(
            "stakeholder_detail",
            "stakeholder detail",
            "officer",
            url("stakeholders:detail", stakeholder.pk),
        ),
        Page(
            "finding_board",
            "findings board of the largest round",
            "officer",
            url("consultations:finding_board", largest.pk),
        ),
        Page("measure_list", "measures list", "officer", url("measures:list")),
        Page(
            "measure_search",
            f"measures list ?q={SEARCH}",
            "officer",
            url("measures:list", query=f"?q={SEARCH}"),
        ),
        Page("measure_detail", "measure detail", "officer", url("measures:detail", measure.pk)),
        Page("review_queue", "review queue", "reviewer", url("measures:queue")),
        Page("dashboard", "council dashboard", "council", url("council:dashboard")),
        Page(
            "dashboard_internal",
            "council dashboard, internal view",
            "officer",
            url("council:dashboard"),
        ),
        Page(
            "sector_report",
            "sector report",
            "council",
            url("council:sector_report", sector.slug),
        ),
        Page(
            "district_report",
            f"district report {district.name}",
            "council",
            url("council:district_report", district.slug),
        ),
        Page(
            "sector_report_pdf",
            "sector report PDF",
            "council",
            url("council:sector_report_pdf", sector.slug),
            kind="pdf",
        ),
        Page(
            "ref_ceiling",
            "reference: bare Django view",
            "officer",
            url("bench_ceiling"),
            kind="reference",
        ),
        Page(
            "ref_admin",
            "reference: Django admin changelist",
            "admin",
            url("bench_admin:stakeholders_stakeholder_changelist"),
            kind="reference",
        ),
    ]
