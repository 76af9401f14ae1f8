"""An upgrade keeps every row: the previous release's database, migrated by this code.

The previous release (the newest tag before HEAD, or until there are tags HEAD's first
parent, i.e. main before the last merge) is exported from git, migrated and filled with
the demo data by its own manage.py in a database of its own; then this code's ``migrate``
runs on that database. Every table keeps its row count and the checksum of its rows (over
the columns it had before), except the few that Django or caches rebuild by themselves.
"""

import io
import shutil
import subprocess
import tarfile

import pytest
from psycopg import sql

from tests.scratchdb import BASE_DIR, ScratchDatabase, scratch_database

pytestmark = pytest.mark.migrations

# Rebuilt on every migrate (content types and the role groups' permissions follow the
# models and peine/roles.py) or caches that may be thrown away at any time.
REBUILT_TABLES = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "auth_group_permissions",
    "peine_cache",
    "peine_figure_cache",
    "peine_figurechange",
}


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(BASE_DIR), *args], capture_output=True, check=False)


def previous_release() -> str:
    if shutil.which("git") is None or _git("rev-parse", "--git-dir").returncode != 0:
        pytest.fail(
            "The upgrade test needs the git history of the checkout: git or the .git "
            "folder is missing. Run it in a clone (CI makes a full one)."
        )
    if _git("rev-parse", "--verify", "--quiet", "HEAD^1").returncode != 0:
        pytest.fail(
            "The upgrade test needs the commit before HEAD, which this clone lacks (a "
            "shallow clone?): fetch the history with 'git fetch --unshallow'."
        )
    tag = _git("describe", "--tags", "--abbrev=0", "HEAD^1")
    if tag.returncode == 0:
        return tag.stdout.decode().strip()
    return _git("rev-parse", "HEAD^1").stdout.decode().strip()


def export(commit: str, target) -> None:
    archive = _git("archive", "--format=tar", commit)
    assert archive.returncode == 0, archive.stderr.decode()
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")


def table_columns(database: ScratchDatabase) -> dict[str, list[str]]:
    with database.connect() as connection:
        rows = connection.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'public' AND table_name IN ("
            "   SELECT table_name FROM information_schema.tables"
            "   WHERE table_schema = 'public' AND table_type = 'BASE TABLE')"
            " ORDER BY table_name, ordinal_position"
        ).fetchall()
    columns: dict[str, list[str]] = {}
    for table, column in rows:
        if table not in REBUILT_TABLES:
            columns.setdefault(table, []).append(column)
    return columns


def fingerprints(database: ScratchDatabase, columns: dict[str, list[str]]) -> dict:
    """Per table: its row count and the md5 of its rows (over ``columns``), sorted."""
    result = {}
    with database.connect() as connection:
        for table, names in columns.items():
            row = sql.SQL("ROW({})::text").format(sql.SQL(", ").join(map(sql.Identifier, names)))
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(r, E'\\n' ORDER BY r), ''))"
                " FROM (SELECT {} AS r FROM {}) AS rows"
            ).format(row, sql.Identifier(table))
            result[table] = connection.execute(query).fetchone()
    return result


def test_an_upgrade_from_the_previous_release_keeps_every_row(tmp_path):
    release = tmp_path / "release"
    export(previous_release(), release)
    with scratch_database("peine_upgrade") as database:
        database.manage("migrate", "--no-input", "-v", "0", code=release)
        database.manage("load_demo_data", code=release)
        before_columns = table_columns(database)
        before = fingerprints(database, before_columns)
        assert before["stakeholders_stakeholder"][0] > 0, "the demo data is missing"

        database.manage("migrate", "--no-input", "-v", "0")

        after_columns = table_columns(database)
        lost = {
            f"{table}.{column}"
            for table, names in before_columns.items()
            for column in names
            if column not in after_columns.get(table, [])
        }
        assert not lost, f"columns gone after the upgrade: {sorted(lost)}"
        after = fingerprints(database, before_columns)
    changed = {
        table: (before[table], after[table]) for table in before if before[table] != after[table]
    }
    assert not changed, f"rows changed by the upgrade (count, md5 before and after): {changed}"
