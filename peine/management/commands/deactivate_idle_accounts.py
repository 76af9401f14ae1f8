"""Deactivate accounts nobody signed in to for ACCOUNT_IDLE_DAYS days (run daily).

A week before (ACCOUNT_IDLE_NOTICE_DAYS), the admins are mailed the accounts concerned,
once. Safe to run again; deletes nothing. See docs/operations.md.
"""

from django.core.management.base import BaseCommand

from peine.directory.services import deactivate_idle_accounts


class Command(BaseCommand):
    help = "Deactivate accounts without a sign-in for ACCOUNT_IDLE_DAYS days."

    def handle(self, *args, **options):
        result = deactivate_idle_accounts()
        self.stdout.write(
            f"{len(result['noticed'])} noticed, {len(result['deactivated'])} deactivated"
        )
