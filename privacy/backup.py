"""Backups: ``manage.py backup`` and ``manage.py restore`` (``make backup``, ``make restore``).

Both connect exactly as Django does: the host (or Unix socket folder), port, user, password
and options of ``DATABASES["default"]`` (from ``DATABASE_URL`` or the project's own cluster,
peine/lib/localdb.py), handed to ``pg_dump``/``pg_restore`` through the ``PG*`` environment
variables, never on the command line. The binaries come from ``localdb.pg_bin`` (PostgreSQL
15 first, or ``PEINE_PG_BIN``).

- A backup is ``pg_dump --format=custom`` into ``BACKUP_DIR`` (a folder outside the
  checkout, mode 0700), one file ``<database>-<UTC time>.dump`` of mode 0600. After a
  successful dump, the backups in that folder older than ``BACKUP_KEEP_DAYS`` are deleted,
  so an erasure (GDPR Art. 17), which never reaches existing dumps, reaches every backup
  at the latest ``BACKUP_KEEP_DAYS`` later.
- A restore goes only into an empty database: one that holds a table, view or sequence
  is refused.
"""

import os
import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connections

from peine.lib import localdb

STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
BACKUP_NAME = re.compile(r"^(?P<database>[A-Za-z0-9_.-]+)-(?P<stamp>\d{8}T\d{6}Z)\.dump$")
# Django's OPTIONS of the PostgreSQL backend that libpq also reads from the environment.
_OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "options": "PGOPTIONS",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
}


class BackupError(Exception):
    """A backup or restore that must not go on; the message says why and what to do."""


@dataclass(frozen=True)
class Target:
    """Where to connect: Django's settings of one database, maybe with another name."""

    name: str
    user: str
    password: str
    host: str
    port: str
    options: dict

    @classmethod
    def of(cls, alias: str = "default", name: str | None = None) -> "Target":
        settings_dict = connections[alias].settings_dict
        return cls(
            name=name or settings_dict["NAME"],
            user=settings_dict.get("USER") or "",
            password=settings_dict.get("PASSWORD") or "",
            host=settings_dict.get("HOST") or "",
            port=str(settings_dict.get("PORT") or ""),
            options=dict(settings_dict.get("OPTIONS") or {}),
        )

    def environment(self) -> dict[str, str]:
        """The process environment for pg_dump/pg_restore: only Django's settings count."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        values = {
            "PGDATABASE": self.name,
            "PGUSER": self.user,
            "PGPASSWORD": self.password,
            "PGHOST": self.host,
            "PGPORT": self.port,
        }
        for option, variable in _OPTION_VARIABLES.items():
            if self.options.get(option) not in (None, ""):
                values[variable] = str(self.options[option])
        env.update({key: value for key, value in values.items() if value})
        return env

    def connect(self) -> psycopg.Connection:
        params = {
            "dbname": self.name,
            "user": self.user or None,
            "password": self.password or None,
            "host": self.host or None,
            "port": self.port or None,
        }
        params.update(
            {k: v for k, v in self.options.items() if k in _OPTION_VARIABLES and v not in ("",)}
        )
        return psycopg.connect(**{k: v for k, v in params.items() if v is not None})


def backup_dir() -> Path:
    """``BACKUP_DIR``, which must lie outside the checkout (the dumps hold personal data)."""
    folder = Path(settings.BACKUP_DIR).expanduser().resolve()
    checkout = Path(settings.BASE_DIR).resolve()
    if folder == checkout or checkout in folder.parents:
        raise BackupError(
            f"BACKUP_DIR ({folder}) lies inside the checkout ({checkout}). Backups hold "
            "personal data and confidential notes: set BACKUP_DIR to a folder outside it."
        )
    return folder


def _prepare_dir(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        os.chmod(folder, 0o700)


def _run(args: list[str], target: Target, what: str) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - our own PostgreSQL binaries, no shell
        args, env=target.environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{what} failed (exit code {result.returncode}): {result.stderr.strip()}")
    return result


def backup_stamp(path: Path) -> datetime | None:
    """When a backup file was made, from its name; None for any other file."""
    match = BACKUP_NAME.match(path.name)
    if not match:
        return None
    return datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)


def create_backup(*, now: datetime | None = None, target: Target | None = None) -> Path:
    """Dumps the database into BACKUP_DIR; returns the new file (mode 0600)."""
    target = target or Target.of()
    now = now or datetime.now(UTC)
    folder = backup_dir()
    _prepare_dir(folder)
    final = folder / f"{target.name}-{now.astimezone(UTC).strftime(STAMP_FORMAT)}.dump"
    if final.exists():
        raise BackupError(f"{final} exists already; wait a second and try again.")
    partial = folder / f".{final.name}.partial"
    # Created with mode 0600 before pg_dump writes into it: never readable by others.
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(descriptor)
    os.chmod(partial, 0o600)
    try:
        _run(
            [localdb.pg_bin("pg_dump"), "--format=custom", "--file", str(partial)],
            target,
            "pg_dump",
        )
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return final


def expired_backups(*, now: datetime | None = None) -> list[Path]:
    """The backup files in BACKUP_DIR made more than BACKUP_KEEP_DAYS days ago."""
    folder = backup_dir()
    if not folder.is_dir():
        return []
    cutoff = (now or datetime.now(UTC)) - timedelta(days=settings.BACKUP_KEEP_DAYS)
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and (stamp := backup_stamp(path)) is not None and stamp < cutoff
    )


def prune_backups(*, now: datetime | None = None) -> list[Path]:
    """Deletes the expired backups; returns what it deleted."""
    expired = expired_backups(now=now)
    for path in expired:
        path.unlink()
    return expired


def relations_in(target: Target) -> list[str]:
    """Tables, views, sequences etc. outside the system schemas: empty means empty."""
    with target.connect() as conn:
        rows = conn.execute(
            """
            SELECT n.nspname || '.' || c.relname FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
            ORDER BY 1
            """
        ).fetchall()
    return [row[0] for row in rows]


def archive_created_at(path: Path, target: Target) -> str:
    """The "Archive created at" line of a dump; refuses a file that is no custom dump."""
    result = _run([localdb.pg_bin("pg_restore"), "--list", str(path)], target, "Reading the file")
    for line in result.stdout.splitlines():
        if "Archive created at" in line:
            return line.split("Archive created at", 1)[1].strip()
    return ""


def restore_backup(path: Path, *, target: Target | None = None) -> str:
    """Restores a dump into an empty database; returns when the dump was made."""
    target = target or Target.of()
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file.")
    created = archive_created_at(path, target)
    try:
        existing = relations_in(target)
    except psycopg.OperationalError as error:
        raise BackupError(
            f"Cannot connect to the database {target.name!r}: {error}. Create it first "
            f"(empty), e.g. createdb {target.name}."
        ) from error
    if existing:
        raise BackupError(
            f"The database {target.name!r} is not empty: it holds {len(existing)} tables, "
            f"views or sequences (e.g. {', '.join(existing[:3])}). A backup is restored only "
            "into an empty database, so nothing is overwritten or mixed: create a new one "
            "(createdb) and restore into it, or drop and re-create this one first."
        )
    _run(
        [
            localdb.pg_bin("pg_restore"),
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            target.name,
            str(path),
        ],
        target,
        "pg_restore",
    )
    with target.connect() as conn:
        conn.execute("ANALYZE")
    return created
