"""seed_demo: expected volumes, deterministic content, no history rows, refuses real data."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from consultations.models import ConsultationRound, Finding, Interview
from demo.management.commands.seed_demo import expected_counts, seeded_stakeholders
from measures.models import BudgetLine, Measure
from peine.models import User
from stakeholders.models import ContactPerson, Relationship, Stakeholder

MODELS = {
    "stakeholders": Stakeholder,
    "contacts": ContactPerson,
    "relationships": Relationship,
    "measures": Measure,
    "interviews": Interview,
    "findings": Finding,
    "rounds": ConsultationRound,
}


def _counts() -> dict[str, int]:
    return {name: model.objects.count() for name, model in MODELS.items()}


def _seed(scale) -> str:
    out = StringIO()
    call_command("seed_demo", scale=scale, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("scale", [1, 0.1])
def test_seed_adds_the_expected_rows_on_top_of_the_demo(scale):
    call_command("load_demo_data", stdout=StringIO())
    before = _counts()
    output = _seed(scale)
    added = {name: count - before[name] for name, count in _counts().items()}
    assert added == expected_counts(scale)
    assert seeded_stakeholders().count() == expected_counts(scale)["stakeholders"]
    assert f"seed_demo --scale {scale:g} done" in output
    # Proportional money: every seeded measure has 1-3 budget lines.
    seeded = Measure.objects.filter(title__contains=" – ")
    lines = BudgetLine.objects.filter(measure__in=seeded).count()
    assert seeded.count() <= lines <= 3 * seeded.count()


@pytest.mark.django_db
def test_scale_1000_is_about_100k_rows_per_main_table():
    counts = expected_counts(1000)
    assert counts["stakeholders"] == counts["measures"] == counts["findings"] == 100_000
    assert counts["interviews"] == 20_000
    assert counts["rounds"] == 200


class _Rollback(Exception):
    pass


def _seed_and_collect(scale) -> tuple[list, list, list]:
    try:
        with transaction.atomic():
            _seed(scale)
            found = (
                list(seeded_stakeholders().order_by("pk").values_list("name", flat=True)),
                list(Measure.objects.order_by("pk").values_list("title", flat=True)),
                list(Finding.objects.order_by("pk").values_list("statement", "kind")),
            )
            raise _Rollback(found)
    except _Rollback as rollback:
        return rollback.args[0]


@pytest.mark.django_db
def test_two_runs_on_an_empty_database_make_the_same_data():
    first = _seed_and_collect(0.3)
    assert Stakeholder.objects.count() == 0
    second = _seed_and_collect(0.3)
    assert first == second
    assert len(first[0]) == 30


@pytest.mark.django_db
def test_seeded_rows_have_no_history_and_a_second_run_adds_nothing():
    call_command("load_demo_data", stdout=StringIO())
    event = apps.get_model("stakeholders", "StakeholderEvent")
    history = event.objects.count()
    _seed(0.2)
    assert event.objects.count() == history
    counts = _counts()
    assert "Already seeded" in _seed(0.2)
    assert _counts() == counts


@pytest.mark.django_db
def test_refuses_a_database_with_real_data_unless_forced():
    User.objects.create_user(email="person@stadt-peine.de", password="x" * 16)
    with pytest.raises(CommandError, match="not demo data"):
        _seed(0.1)
    assert Stakeholder.objects.count() == 0
    call_command("seed_demo", scale=0.1, force=True, stdout=StringIO())
    assert seeded_stakeholders().count() == 10


@pytest.mark.django_db
def test_scale_must_be_positive():
    with pytest.raises(CommandError, match="greater than 0"):
        _seed(0)
