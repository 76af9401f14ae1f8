"""Backups (make backup / make restore): a dump of the demo data restores into a fresh
database with every row, history included; old backups expire; a restore never goes into
a database that holds anything."""

import io
import os
import stat
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from consultations.models import InterviewEvent, RoundSummary
from privacy import backup
from stakeholders.models import ContactPersonEvent

CHECKOUT = Path(django_settings.BASE_DIR)


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = str(tmp_path / "backups")
    return tmp_path / "backups"


def _row_counts(conn) -> dict[str, int]:
    """Rows of every table of the public schema (a psycopg or Django connection)."""
    cursor = conn.cursor()
    cursor.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
    )
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db
def test_backup_writes_a_private_file_and_deletes_expired_ones(backup_dir, settings):
    settings.BACKUP_KEEP_DAYS = 30
    backup_dir.mkdir(mode=0o755)
    now = datetime.now(UTC)
    old = backup_dir / f"peine-{(now - timedelta(days=31)).strftime(backup.STAMP_FORMAT)}.dump"
    recent = backup_dir / f"peine-{(now - timedelta(days=29)).strftime(backup.STAMP_FORMAT)}.dump"
    other = backup_dir / "notizen.txt"
    for path in (old, recent, other):
        path.write_text("x")
    os.utime(other, (0, 0))  # an old file that is no backup of ours stays

    out = io.StringIO()
    call_command("backup", stdout=out)

    made = [p for p in backup_dir.iterdir() if p not in (old, recent, other)]
    assert len(made) == 1
    dump = made[0]
    assert dump.name.startswith(f"{connection.settings_dict['NAME']}-")
    assert backup.backup_stamp(dump) is not None
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup_dir.stat().st_mode) == 0o700
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert not old.exists()
    assert recent.exists()
    assert other.exists()
    assert str(dump) in out.getvalue()
    assert old.name in out.getvalue()


@pytest.mark.django_db
def test_a_backup_folder_inside_the_checkout_is_refused(settings):
    settings.BACKUP_DIR = str(CHECKOUT / "backups")
    with pytest.raises(CommandError, match="inside the checkout"):
        call_command("backup", stdout=io.StringIO())
    assert not (CHECKOUT / "backups").exists()


@pytest.mark.django_db
def test_a_failed_dump_leaves_no_file_and_deletes_nothing(backup_dir, settings, monkeypatch):
    backup_dir.mkdir()
    old = backup_dir / "peine-20000101T000000Z.dump"
    old.write_text("x")
    monkeypatch.setattr(
        backup.Target, "environment", lambda self: {**os.environ, "PGHOST": "/nonexistent"}
    )
    with pytest.raises(CommandError, match="pg_dump failed"):
        call_command("backup", stdout=io.StringIO())
    assert sorted(p.name for p in backup_dir.iterdir()) == [old.name]


def test_pg_tools_connect_as_django_does_and_never_see_the_password_in_argv(monkeypatch):
    monkeypatch.setenv("PGHOST", "elsewhere.example")
    target = backup.Target(
        name="peine",
        user="portal",
        password="geheim",
        host="db.example",
        port="5433",
        options={"sslmode": "require", "unknown": "x"},
    )
    env = target.environment()
    assert env["PGHOST"] == "db.example"  # the caller's PGHOST does not redirect the dump
    assert env["PGPORT"] == "5433"
    assert env["PGUSER"] == "portal"
    assert env["PGPASSWORD"] == "geheim"
    assert env["PGDATABASE"] == "peine"
    assert env["PGSSLMODE"] == "require"


def test_the_local_cluster_is_reached_through_its_socket_as_django_does():
    socket = "/run/peine-pg-0123456789"
    local = backup.Target(name="peine", user="peine", password="", host=socket, port="", options={})
    env = local.environment()
    assert env["PGHOST"] == socket
    assert "PGPASSWORD" not in env
    assert "PGPORT" not in env


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(backup_dir):
    call_command("backup", stdout=io.StringIO())
    dump = next(backup_dir.iterdir())
    before = _row_counts(connection)
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(dump), stdout=io.StringIO())
    assert _row_counts(connection) == before


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_no_backup(tmp_path):
    bogus = tmp_path / "kein-backup.dump"
    bogus.write_text("hello")
    with pytest.raises(CommandError, match="Reading the file failed"):
        call_command("restore", str(bogus), stdout=io.StringIO())
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "fehlt.dump"), stdout=io.StringIO())


def test_the_make_targets_call_the_commands():
    def dry(*args):
        return subprocess.run(
            ["make", "-n", *args], cwd=CHECKOUT, capture_output=True, text=True, check=False
        )

    assert "manage.py backup" in dry("backup").stdout
    assert 'manage.py restore "/srv/b.dump"' in dry("restore", "FILE=/srv/b.dump").stdout
    missing = subprocess.run(
        ["make", "--no-print-directory", "restore"],
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "FILE": ""},
    )
    assert missing.returncode != 0


@pytest.mark.django_db(transaction=True)
def test_the_demo_data_restores_into_a_fresh_database_with_every_record(backup_dir):
    call_command("load_demo_data", stdout=io.StringIO())
    released = RoundSummary.objects.order_by("pk").last()
    assert released is not None
    history = list(
        InterviewEvent.objects.order_by("pgh_id").values_list("pgh_id", "pgh_label", "notes")
    )
    contact_history = ContactPersonEvent.objects.count()
    assert history
    assert contact_history
    source = _row_counts(connection)
    assert sum(source.values()) > 100

    out = io.StringIO()
    call_command("backup", stdout=out)
    dump = next(backup_dir.iterdir())

    fresh = f"{connection.settings_dict['NAME']}_restored"
    target = backup.Target.of(name=fresh)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        out = io.StringIO()
        call_command("restore", str(dump), dbname=fresh, stdout=out)
        assert "erase those persons again" in out.getvalue()
        with target.connect() as restored:
            assert _row_counts(restored) == source
            rows = restored.execute(
                "SELECT pgh_id, pgh_label, notes FROM consultations_interviewevent ORDER BY pgh_id"
            ).fetchall()
            assert [tuple(r) for r in rows] == history
            summary = restored.execute(
                "SELECT evaluation, content::text, released_on FROM consultations_roundsummary "
                "WHERE id = %s",
                [released.pk],
            ).fetchone()
            assert summary[0] == released.evaluation
            assert summary[2] == released.released_on
            # The immutability trigger came along: the released summary stays frozen.
            with pytest.raises(psycopg.errors.RaiseException):
                restored.execute(
                    "UPDATE consultations_roundsummary SET evaluation = 'x' WHERE id = %s",
                    [released.pk],
                )
        # A second restore into the now filled database is refused.
        with pytest.raises(CommandError, match="is not empty"):
            call_command("restore", str(dump), dbname=fresh, stdout=io.StringIO())
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
