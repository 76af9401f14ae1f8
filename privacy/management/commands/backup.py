"""Dumps the database into BACKUP_DIR and deletes backups older than BACKUP_KEEP_DAYS."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from privacy import backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format) into BACKUP_DIR, then delete the "
        "backups older than BACKUP_KEEP_DAYS (docs/operations.md)."
    )

    def handle(self, *args, **options):
        try:
            path = backup.create_backup()
            deleted = backup.prune_backups()
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written: {path} ({path.stat().st_size} bytes, mode 0600).")
        self.stdout.write(
            f"Deleted {len(deleted)} backups older than {settings.BACKUP_KEEP_DAYS} days"
            + (f": {', '.join(p.name for p in deleted)}." if deleted else ".")
        )
