"""A database of its own on the test cluster, and manage.py run against it in a subprocess.

The migration tests (tests/test_migrations_*.py) migrate back and forth, which a test
database that other tests share must never see. Each gets a fresh database on the same
server the test settings use (the local cluster, or the one of DATABASE_URL) and runs the
code's own ``manage.py`` with ``DATABASE_URL`` pointing at it, as an operator would.
"""

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
from django.conf import settings
from psycopg import sql

BASE_DIR = Path(settings.BASE_DIR)


class CommandFailed(AssertionError):
    """A manage.py command ended with an error; the message holds its last lines."""


def _connection_kwargs(dbname: str) -> dict:
    config = settings.DATABASES["default"]
    kwargs = {"dbname": dbname, "user": config["USER"], "host": config["HOST"] or None}
    if config.get("PORT"):
        kwargs["port"] = config["PORT"]
    if config.get("PASSWORD"):
        kwargs["password"] = config["PASSWORD"]
    return kwargs


def _url(dbname: str) -> str:
    config = settings.DATABASES["default"]
    user = quote(config["USER"], safe="")
    if config.get("PASSWORD"):
        user += ":" + quote(config["PASSWORD"], safe="")
    # A Unix socket folder is a host too, percent-encoded ("%2Ftmp%2F...").
    host = quote(config["HOST"] or "", safe="")
    port = f":{config['PORT']}" if config.get("PORT") else ""
    return f"postgres://{user}@{host}{port}/{dbname}"


@dataclass
class ScratchDatabase:
    name: str

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(**_connection_kwargs(self.name), autocommit=True)

    def manage(
        self, *args: str, code: Path = BASE_DIR, settings_module: str = "peine.settings", **env
    ) -> str:
        """Run ``manage.py`` of the checkout ``code`` on this database; its output.

        Raises CommandFailed with the command's last lines when it fails.
        """
        environment = {
            **os.environ,
            "DATABASE_URL": _url(self.name),
            "DJANGO_SETTINGS_MODULE": settings_module,
            "SECRET_KEY": "tests-only-not-secret",
            "HTTPS": "false",
            "STATIC_MANIFEST": "false",
            # A scratch database need not wait for the disk (libpq reads PGOPTIONS).
            "PGOPTIONS": "-c synchronous_commit=off",
            **env,
        }
        result = subprocess.run(
            [sys.executable, str(code / "manage.py"), *args],
            cwd=code,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-3:])
            raise CommandFailed(f"manage.py {' '.join(args)} failed:\n{tail}")
        return result.stdout


def _server(statement: sql.Composable) -> None:
    with psycopg.connect(**_connection_kwargs("postgres"), autocommit=True) as connection:
        connection.execute(statement)


@contextmanager
def scratch_database(prefix: str) -> Iterator[ScratchDatabase]:
    """A new, empty database, dropped afterwards whatever happened."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    _server(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield ScratchDatabase(name)
    finally:
        _server(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
