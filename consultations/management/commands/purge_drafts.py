"""Removes drafts of the interview form older than INTERVIEW_DRAFT_DAYS days.

Run daily from cron (docs/operations.md). Also removes expired forms kept over an expired
session, and expired sessions themselves (what ``clearsessions`` does).
"""

from django.core.management.base import BaseCommand

from consultations import services
from consultations.views.mixins import purge_expired_stashes


class Command(BaseCommand):
    help = "Deletes interview drafts and kept forms older than INTERVIEW_DRAFT_DAYS days."

    def handle(self, *args, **options):
        drafts = services.purge_expired_drafts()
        stashes = purge_expired_stashes()
        self.stdout.write(f"{drafts} drafts and {stashes} kept forms removed.")
