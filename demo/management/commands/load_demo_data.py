"""Demo data for trying the portal: one login per role and each app's realistic records.

Runs once: a second call finds the demo users and leaves everything as it is, so
``make run`` keeps what people changed. All people in the demo data are fictional.
"""

import importlib

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from peine.models import User
from peine.roles import Role

DEMO_PASSWORD = "peine-demo-2026"  # noqa: S105 - printed for people trying the portal
DEMO_USERS = [
    # email, first name, last name, role
    ("integration@peine.example", "Leyla", "Demir", Role.OFFICER),
    ("integration2@peine.example", "Jana", "Kowalski", Role.OFFICER),
    ("verwaltung@peine.example", "Thomas", "Behrens", Role.REVIEWER),
    ("verwaltung2@peine.example", "Sabine", "Wolff", Role.REVIEWER),
    ("rat@peine.example", "Hartmut", "Lindemann", Role.COUNCIL),
    ("it@peine.example", "Nils", "Hoffmann", Role.ADMIN),
]
# The authenticator-app secrets (base32) of the demo people who must use a second factor.
# Public on purpose (README): demo data only; this is the only place such secrets are made.
DEMO_TOTP_SECRETS = {
    "integration@peine.example": "5IJFEDQ2OMSPOLM6ORHQK32BYYQFJBKF",
    "integration2@peine.example": "TWXD66GEBV2G6L2FHDK26VJ7HACO27W5",
    "verwaltung@peine.example": "SKXARZP4BHLAWQE56ACQ23UFCPFSNG2S",
    "verwaltung2@peine.example": "T6JRS2EZPKJ2NF43A4O7ZHLOVHOD6PT3",
    "it@peine.example": "DLTHCZBC57VZ6C2JKIO7J3GZJR7HSMKJ",
}
# Each app's demo records, in dependency order: demo/<app>.py load(stdout).
APP_DEMOS = ["demo.stakeholders", "demo.consultations", "demo.analysis", "demo.measures"]


class Command(BaseCommand):
    help = "Load demo users (one per role) and demo records, once."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = self._users()
            self._second_factors()
            if created:
                for module_name in APP_DEMOS:
                    importlib.import_module(module_name).load(stdout=self.stdout)
        self._print_logins(created)

    def _users(self) -> bool:
        if User.objects.filter(email=DEMO_USERS[0][0]).exists():
            return False
        for email, first, last, role in DEMO_USERS:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                is_staff=role == Role.ADMIN,
            )
            user.groups.add(Group.objects.get(name=role.value))
        return True

    def _second_factors(self) -> None:
        """Demo people of the roles that need one get their authenticator app (once)."""
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP

        for user in User.objects.filter(email__in=DEMO_TOTP_SECRETS):
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, DEMO_TOTP_SECRETS[user.email])

    def _print_logins(self, created: bool) -> None:
        state = "created" if created else "already there, left unchanged"
        self.stdout.write(f"Demo data {state}. Demo logins (password: {DEMO_PASSWORD}):")
        for email, first, last, role in DEMO_USERS:
            secret = DEMO_TOTP_SECRETS.get(email, "")
            totp = f"  authenticator secret {secret}" if secret else ""
            self.stdout.write(f"  {role.value:9} {email:30} {first} {last}{totp}")
        self.stdout.write(
            "  Code for the second factor: .venv/bin/python -m peine.lib.totp SECRET "
            "(or: oathtool --totp -b SECRET)"
        )
