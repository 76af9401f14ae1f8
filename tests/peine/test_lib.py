"""The shared helpers in peine/lib: exports, pagination, optimistic locking, charts, history."""

import csv
import io
from decimal import Decimal

import pghistory
import pytest
from openpyxl import load_workbook

from peine.lib.charts import bar_chart
from peine.lib.concurrency import ConflictError, save_versioned
from peine.lib.exports import export_response, safe_cell
from peine.lib.history import erase_history, history_for
from peine.lib.pagination import CappedPaginator
from stakeholders.models import Stakeholder


@pytest.mark.parametrize("text", ["=1+1", "+49 5171", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_look_like_formulas_are_neutralised(text):
    assert safe_cell(text) == "'" + text


def test_plain_text_numbers_and_dates_stay_as_they_are():
    assert safe_cell("Caritas") == "Caritas"
    assert safe_cell(Decimal("12.50")) == Decimal("12.50")
    assert safe_cell(None) == ""


def test_csv_export_is_utf8_with_bom_semicolons_and_keeps_every_script():
    names = ["Müller-Straße", "Türk Kültür Derneği", "جمعية", "Общество", "=HYPERLINK()"]
    response = export_response(
        filename="akteure",
        headers=["Name", "Betrag"],
        rows=[[name, Decimal("1.5")] for name in names],
        fmt="csv",
    )
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Name", "Betrag"]
    assert [row[0] for row in rows[1:]] == [*names[:4], "'=HYPERLINK()"]
    assert rows[1][1] == "1,5"
    assert response["Content-Disposition"] == 'attachment; filename="akteure.csv"'


def test_xlsx_export_opens_with_the_same_cells():
    response = export_response(
        filename="x", headers=["Name"], rows=[["Öztürk"], ["=1+2"]], fmt="xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["Name", "Öztürk", "'=1+2"]


@pytest.mark.django_db
def test_capped_paginator_counts_no_further_than_the_cap(monkeypatch):
    monkeypatch.setattr("peine.lib.pagination.COUNT_CAP", 3)
    Stakeholder.objects.bulk_create(
        [Stakeholder(name=f"Verein {i}", kind=Stakeholder.Kind.SPORTS) for i in range(6)]
    )
    paginator = CappedPaginator(Stakeholder.objects.order_by("name"), 2)
    assert paginator.count == 4
    assert paginator.capped
    assert [s.name for s in paginator.page(2)] == ["Verein 2", "Verein 3"]


@pytest.mark.django_db
def test_capped_paginator_counts_an_empty_queryset_as_zero():
    assert CappedPaginator(Stakeholder.objects.none(), 10).count == 0


@pytest.mark.django_db
def test_a_second_save_with_an_old_version_is_refused():
    stakeholder = Stakeholder.objects.create(name="Kreissportbund", kind="sports")
    first = Stakeholder.objects.get(pk=stakeholder.pk)
    second = Stakeholder.objects.get(pk=stakeholder.pk)
    first.description = "Erste Änderung"
    save_versioned(first, expected_version=1)
    second.description = "Zweite Änderung"
    with pytest.raises(ConflictError):
        save_versioned(second, expected_version=1)
    stakeholder.refresh_from_db()
    assert stakeholder.description == "Erste Änderung"
    assert stakeholder.version == 2


def test_bar_chart_is_a_titled_described_image_without_links():
    svg = bar_chart(
        title="Maßnahmen",
        description="nach Status",
        items=[("Entwurf", 3, "/massnahmen/?status=draft"), ("bewilligt", 0, None)],
    )
    assert 'role="img"' in svg
    assert "<title" in svg
    assert "<desc" in svg
    assert "href=" not in svg
    assert "style=" not in svg


@pytest.mark.django_db
def test_history_names_who_changed_what_and_can_be_erased(officer):
    with pghistory.context(user=officer.pk):
        stakeholder = Stakeholder.objects.create(name="InterKultura", kind="migrant")
        stakeholder.description = "Interkultureller Verein"
        stakeholder.save()
    history = history_for(stakeholder)
    assert [change.label for change in history] == ["update", "insert"]
    assert history[0].who == str(officer)
    assert history[0].changes["Beschreibung"] == ("", "Interkultureller Verein")
    assert erase_history(Stakeholder, stakeholder.pk) == 2
    assert history_for(stakeholder) == []


@pytest.mark.django_db
def test_history_of_a_measure_names_changes_of_its_budget_lines(officer):
    from measures.models import BudgetLine, Measure
    from tests.factories import funding_source

    with pghistory.context(user=officer.pk):
        measure = Measure.objects.create(title="Sprachcafé", proposed_by=officer)
        line = BudgetLine.objects.create(
            measure=measure, funding_source=funding_source(), amount=Decimal("100.00")
        )
        line.amount = Decimal("250.00")
        line.save()
    history = history_for(measure, include_related=True)
    budget_changes = [change for change in history if change.subject.startswith("Budgetposten")]
    assert [change.label for change in budget_changes] == ["update", "insert"]
    assert budget_changes[0].changes["Betrag (EUR)"] == (100, 250)
    assert [change.subject for change in history_for(measure)] == [""]


def test_long_chart_labels_wrap_to_fit_beside_the_bars_with_the_full_text_in_a_title():
    svg = bar_chart(
        title="t", description="d", items=[("Wohnen und Zusammenleben im Quartier", 3, None)]
    )
    assert ">Wohnen und Zusammenleben im</tspan>" in svg
    assert ">Quartier</tspan>" in svg
    assert "<title>Wohnen und Zusammenleben im Quartier: 3</title>" in svg
