"""Restores a backup made by ``manage.py backup`` into an EMPTY database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from privacy import backup


class Command(BaseCommand):
    help = (
        "Restore a backup (a file made by 'manage.py backup') into the configured database, "
        "which must be empty; --dbname restores into another (empty) database on the same "
        "server. Afterwards: manage.py migrate, and the officer re-applies the erasures made "
        "after the backup (docs/data-protection.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file (.dump).")
        parser.add_argument(
            "--dbname",
            help="Restore into this database on the same server instead of the configured one.",
        )

    def handle(self, *args, file: str, dbname: str | None = None, **options):
        target = backup.Target.of(name=dbname)
        try:
            created = backup.restore_backup(Path(file), target=target)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        made = created or "at an unknown time"
        self.stdout.write(f"Restored {file} (made {made}) into {target.name!r}.")
        self.stdout.write(
            "Next: run 'manage.py migrate' if the code is newer than the backup. Erasures "
            "(GDPR Art. 17) performed after the backup was made are NOT in it: the data "
            "protection officer must erase those persons again before the portal is used "
            "(docs/data-protection.md, 'Backups and erasure')."
        )
