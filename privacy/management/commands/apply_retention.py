"""Deletes what its retention period has reached (run daily from cron)."""

from django.core.management.base import BaseCommand

from privacy import retention


class Command(BaseCommand):
    help = "Apply the retention periods (docs/data-protection.md); --dry-run only reports."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be done; change nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        result = retention.due() if dry_run else retention.apply()
        verb = "would" if dry_run else "did"
        self.stdout.write(
            f"Retention ({'dry run' if dry_run else 'applied'}): {verb} empty the notes of "
            f"{result.notes} interviews; {verb} anonymise {result.contacts_anonymise} "
            f"contact persons ({result.contacts_review} due for review); {verb} delete "
            f"{result.read_log} entries of the notes read log."
        )
