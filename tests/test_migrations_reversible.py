"""Every migration can be undone: a release can be rolled back (docs/operations.md).

On a database of its own, with the demo data loaded, each project app steps back one
migration and forward again, then every app goes to zero and the whole schema forward
again, each step a real ``manage.py migrate`` as an operator would run it. A temporary app
with a RunPython that has no reverse shows that the round trip catches such a migration.
"""

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.db.migrations.loader import MigrationLoader

from tests.scratchdb import BASE_DIR, CommandFailed, ScratchDatabase, scratch_database

pytestmark = pytest.mark.migrations

EXPECTED_APPS = {"peine", "stakeholders", "consultations", "analysis", "measures", "privacy"}


def project_migrations() -> dict[str, list[str]]:
    """The project's own apps with migrations (dependents last), each with its migrations
    in the order they apply."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    plan = {}
    for config in apps.get_app_configs():
        path = Path(config.path)
        if config.label not in loader.migrated_apps or ".venv" in path.parts:
            continue
        if not path.resolve().is_relative_to(BASE_DIR.resolve()):
            continue
        (leaf,) = loader.graph.leaf_nodes(config.label)
        plan[config.label] = [
            name for app, name in loader.graph.forwards_plan(leaf) if app == config.label
        ]
    return plan


@dataclass
class RoundTrip:
    """Migrates ``plan``'s apps back and forth; ``failures`` lists what went wrong."""

    database: ScratchDatabase
    plan: dict[str, list[str]]
    forward: tuple[str, ...] = ("migrate",)
    manage_options: dict = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def _migrate(self, *args: str) -> bool:
        try:
            self.database.manage(*args, "--no-input", "-v", "0", **self.manage_options)
        except CommandFailed as error:
            self.failures.append(str(error))
            return False
        return True

    def _there_and_back(self, app: str, target: str) -> bool:
        """Back to ``target``, then everything forward again; False if forward failed."""
        self._migrate("migrate", app, target)
        return self._migrate(*self.forward)

    def run(self) -> list[str]:
        dependents_first = list(reversed(self.plan))
        # One step back per app, while the demo data is there. For an app with a single
        # migration that step is its way to zero, which comes next.
        for app in dependents_first:
            names = self.plan[app]
            if len(names) > 1 and not self._there_and_back(app, names[-2]):
                return self.failures
        # Every app to zero, dependents first, then the whole schema forward again.
        for app in dependents_first:
            self._migrate("migrate", app, "zero")
        self._migrate(*self.forward)
        return self.failures


def test_the_project_apps_are_all_found():
    assert set(project_migrations()) >= EXPECTED_APPS


def test_every_migration_can_be_undone_and_redone():
    plan = project_migrations()
    with scratch_database("peine_roundtrip") as database:
        database.manage("migrate", "--no-input", "-v", "0")
        database.manage("load_demo_data")
        failures = RoundTrip(database, plan).run()
        assert not failures, "\n\n".join(failures)
        # The schema is complete again: nothing left to apply, nothing missing.
        database.manage("migrate", "--check")


PROBE_MIGRATION = """
from django.db import migrations, models


def fill(apps, schema_editor):
    apps.get_model("irreversible_probe", "Note").objects.create(text="filled")


class Migration(migrations.Migration):
    initial = True
    # What the post_migrate handlers (content types, permissions, role groups) need.
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]
    operations = [
        migrations.CreateModel(
            name="Note",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("text", models.TextField()),
            ],
        ),
        migrations.RunPython(fill),
    ]
"""


def test_the_round_trip_reports_a_migration_without_reverse(tmp_path):
    package = tmp_path / "irreversible_probe"
    (package / "migrations").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "migrations" / "__init__.py").write_text("")
    (package / "migrations" / "0001_initial.py").write_text(PROBE_MIGRATION)
    (tmp_path / "probe_settings.py").write_text(
        textwrap.dedent(
            """
            from tests.settings import *  # noqa: F403
            from tests.settings import INSTALLED_APPS

            INSTALLED_APPS = [*INSTALLED_APPS, "irreversible_probe"]
            """
        )
    )
    options = {"settings_module": "probe_settings", "PYTHONPATH": f"{tmp_path}:{BASE_DIR}"}
    with scratch_database("peine_probe") as database:
        database.manage("migrate", "irreversible_probe", "--no-input", "-v", "0", **options)
        failures = RoundTrip(
            database,
            {"irreversible_probe": ["0001_initial"]},
            forward=("migrate", "irreversible_probe"),
            manage_options=options,
        ).run()
    assert len(failures) == 1
    assert "manage.py migrate irreversible_probe zero" in failures[0]
    assert "irreversible_probe.0001_initial is not reversible" in failures[0]
