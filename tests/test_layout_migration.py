"""The move into floors (issue 19) on a database that was filled under the old layout.

The move changed no table: privacy kept its app label when it left ``peine/privacy``, and
the council's two models (ReportEdition, FigureChange) kept the label ``peine`` when their
code moved to ``council/``. So an existing database needs no migration at all: every
migration it has recorded is still found under the same label and name, ``migrate`` applies
nothing, and every row stays. These tests hold that, with the demo data at scale 10.
"""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

# What a database migrated before the move (commit 4ac9a64) has recorded for the
# project's own apps: django_migrations rows, copied from that commit's migration files.
RECORDED_BEFORE_THE_MOVE = [
    ("analysis", "0001_dynamics_influences_workshops"),
    ("consultations", "0001_initial"),
    ("consultations", "0002_search_indexes_and_frozen_summaries"),
    ("consultations", "0003_interview_drafts"),
    ("consultations", "0004_finding_source_deleted"),
    ("consultations", "0005_summary_frozen_except_redaction"),
    ("consultations", "0006_released_finding_counts"),
    ("consultations", "0007_finding_board_keyset_index"),
    ("consultations", "0008_option_title_trigram_index"),
    ("measures", "0001_initial"),
    ("measures", "0002_add_list_and_search_indexes"),
    ("measures", "0003_track_budgets_and_progress"),
    ("measures", "0004_measure_effects_on_dynamics"),
    ("measures", "0005_correctable_progress_and_effect_notes"),
    ("measures", "0006_maintained_totals_and_sort_indexes"),
    ("peine", "0001_initial"),
    ("peine", "0002_taxonomies_and_roles"),
    ("peine", "0003_security_event"),
    ("peine", "0004_figure_cache"),
    ("privacy", "0001_access_erasure_and_read_logs"),
    ("privacy", "0002_edition_frozen_except_redaction"),
    ("stakeholders", "0001_initial"),
    ("stakeholders", "0002_german_collation_and_search"),
    ("stakeholders", "0003_name_trigram_index"),
    ("stakeholders", "0004_sort_indexes"),
]


def test_every_migration_recorded_before_the_move_is_still_found_under_its_label():
    on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    assert set(RECORDED_BEFORE_THE_MOVE) <= on_disk


def _row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table not in counts and model._meta.managed and not model._meta.proxy:
                cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - model tables
                counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True)
def test_a_database_filled_under_the_old_layout_migrates_without_losing_a_row():
    call_command("load_demo_data", stdout=StringIO())
    call_command("seed_demo", scale=10, stdout=StringIO())
    before = _row_counts()
    assert before["stakeholders_stakeholder"] > 1000
    assert before["peine_reportedition"] >= 0

    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    call_command("migrate", verbosity=0)

    assert _row_counts() == before
    # The council's models are still the app "peine"'s: their permissions (and the role
    # groups holding them) are unchanged.
    edition = ContentType.objects.get_for_model(apps.get_model("peine", "ReportEdition"))
    assert edition.app_label == "peine"
    assert edition.permission_set.filter(codename="view_dashboard").exists()
