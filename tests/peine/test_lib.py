"""The shared helpers in peine/lib: exports, pagination, optimistic locking, charts, history."""

import csv
import datetime
import io
from decimal import Decimal

import pghistory
import pytest
from django import forms
from openpyxl import load_workbook

from peine.lib.charts import bar_chart
from peine.lib.concurrency import ConflictError, save_versioned
from peine.lib.exports import export_response, safe_cell
from peine.lib.history import erase_history, history_for
from peine.lib.pagination import BadCursor, CappedPaginator, KeysetPaginator, capped_count
from peine.lib.picker import LIMIT, PickerField, PickerMultipleField
from stakeholders.models import Stakeholder
from stakeholders.selectors import STAKEHOLDER_PICKER


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


def test_csv_for_programs_has_commas_iso_values_no_bom_and_still_no_formulas():
    response = export_response(
        filename="auskunft",
        headers=["Feld", "Inhalt"],
        rows=[
            ["Name", "=HYPERLINK()"],
            ["seit", datetime.date(2025, 3, 4)],
            ["Betrag", Decimal("1.5")],
            ["leer", None],
            ["Zustimmung", True],
            ["Ort", "Peine, Stederdorf"],
        ],
        fmt="csv",
        for_programs=True,
    )
    assert response.content == (
        b"Feld,Inhalt\r\nName,'=HYPERLINK()\r\nseit,2025-03-04\r\nBetrag,1.5\r\nleer,\r\n"
        b'Zustimmung,True\r\nOrt,"Peine, Stederdorf"\r\n'
    )
    assert response["Content-Disposition"] == 'attachment; filename="auskunft.csv"'


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


# --- keyset pagination ------------------------------------------------------------------


def _walk(paginator, *, backwards_from=None):
    """Every page forwards (then back from the last), as lists of ids."""
    pages, page = [], paginator.page()
    pages.append([obj.pk for obj in page])
    while page.has_next:
        page = paginator.page(after=page.next_cursor)
        pages.append([obj.pk for obj in page])
    back = [[obj.pk for obj in page]]
    while page.has_previous:
        page = paginator.page(before=page.previous_cursor)
        back.append([obj.pk for obj in page])
    return pages, back


@pytest.mark.django_db
@pytest.mark.parametrize(
    "ordering",
    [
        ["name", "pk"],
        ["-name", "-pk"],
        ["influence", "name", "pk"],
        ["-influence", "name", "pk"],  # mixed directions, ties in the leading key
        ["interest", "pk"],  # ties broken by id only
    ],
)
def test_keyset_pages_visit_every_row_once_forwards_and_back(ordering):
    Stakeholder.objects.bulk_create(
        Stakeholder(name=f"Verein {i:02}", kind="sports", influence=1 + i % 3, interest=1 + i % 2)
        for i in range(23)
    )
    paginator = KeysetPaginator(Stakeholder.objects.all(), ordering, 5, sort_name="x")
    forwards, backwards = _walk(paginator)
    ids = [pk for page in forwards for pk in page]
    assert len(ids) == len(set(ids)) == 23
    expected = list(Stakeholder.objects.order_by(*ordering).values_list("pk", flat=True))
    assert ids == expected
    assert [len(page) for page in forwards] == [5, 5, 5, 5, 3]
    assert list(reversed(backwards)) == forwards


@pytest.mark.django_db
def test_keyset_pages_handle_nulls_in_the_sort_key(officer):
    from measures.models import Measure

    Measure.objects.bulk_create(
        Measure(
            title=f"M {i}",
            proposed_by=officer,
            starts_on=None if i % 3 == 0 else datetime.date(2026, 1, 1 + i % 4),
        )
        for i in range(17)
    )
    for ordering in (["starts_on", "pk"], ["-starts_on", "-pk"]):
        paginator = KeysetPaginator(Measure.objects.all(), ordering, 4, sort_name="s")
        forwards, backwards = _walk(paginator)
        ids = [pk for page in forwards for pk in page]
        assert ids == list(Measure.objects.order_by(*ordering).values_list("pk", flat=True))
        assert list(reversed(backwards)) == forwards


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", ["garbage", "a:b:c", "", "x" * 500])
def test_a_cursor_not_made_by_the_paginator_is_refused(cursor):
    paginator = KeysetPaginator(Stakeholder.objects.all(), ["name", "pk"], 5, sort_name="name")
    if cursor:
        with pytest.raises(BadCursor):
            paginator.page(after=cursor)
    other = KeysetPaginator(Stakeholder.objects.all(), ["-name", "-pk"], 5, sort_name="-name")
    Stakeholder.objects.create(name="A", kind="sports")
    Stakeholder.objects.create(name="B", kind="sports")
    made = KeysetPaginator(Stakeholder.objects.all(), ["name", "pk"], 1, sort_name="name").page()
    with pytest.raises(BadCursor):  # a cursor of another sort
        other.page(after=made.next_cursor)


@pytest.mark.django_db
def test_capped_count_selects_only_ids_under_a_limit(django_assert_num_queries, monkeypatch):
    monkeypatch.setattr("peine.lib.pagination.COUNT_CAP", 5)
    Stakeholder.objects.bulk_create(
        Stakeholder(name=f"Verein {i}", kind="sports", description="lang " * 50) for i in range(9)
    )
    with django_assert_num_queries(1) as queries:
        assert capped_count(Stakeholder.objects.order_by("name")) == 6
    sql = queries.captured_queries[0]["sql"]
    assert "LIMIT 6" in sql
    assert "description" not in sql
    assert "ORDER BY" not in sql


# --- the picker ---------------------------------------------------------------------


class _PickerForm(forms.Form):
    one = PickerField(Stakeholder.objects.all(), source=STAKEHOLDER_PICKER, required=False)
    many = PickerMultipleField(Stakeholder.objects.all(), source=STAKEHOLDER_PICKER, required=False)


@pytest.fixture
def register(db):
    names = ["Grundschule Am Silberkamp", "Grundschule Vöhrum", "AWO Peine", "AWO"]
    return {name: Stakeholder.objects.create(name=name, kind="education") for name in names}


def test_picker_takes_a_unique_match_of_the_typed_text(register):
    form = _PickerForm({"one_q": "silberkamp", "many_q": "vöhrum"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["one"] == register["Grundschule Am Silberkamp"]
    assert form.cleaned_data["many"] == [register["Grundschule Vöhrum"]]


def test_picker_prefers_the_exact_name(register):
    form = _PickerForm({"one_q": "awo"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["one"] == register["AWO"]


def test_picker_with_several_matches_asks_and_offers_them_with_the_text_kept(register):
    form = _PickerForm({"one_q": "Grundschule"})
    assert not form.is_valid()
    assert "Mehrere" in str(form.errors["one"]) or "Several" in str(form.errors["one"])
    html = str(form["one"])
    assert html.count('type="radio"') == 3  # two matches and "none"
    assert 'value="Grundschule"' in html
    chosen = register["Grundschule Vöhrum"].pk
    again = _PickerForm({"one_q": "Grundschule", "one": str(chosen)})
    assert again.is_valid(), again.errors
    assert again.cleaned_data["one"].pk == chosen


def test_picker_without_a_match_says_so_and_a_forged_id_is_refused(register):
    assert not _PickerForm({"one_q": "Gibt es nicht"}).is_valid()
    assert not _PickerForm({"one": "999999"}).is_valid()
    assert not _PickerForm({"one": "abc"}).is_valid()


def test_picker_renders_only_the_chosen_rows(register, django_assert_num_queries):
    Stakeholder.objects.bulk_create(
        Stakeholder(name=f"Verein {i}", kind="sports") for i in range(200)
    )
    form = _PickerForm(initial={"one": register["AWO"].pk})
    with django_assert_num_queries(1):  # the chosen row's name
        html = str(form["one"])
    assert html.count("<input") == 3  # text, the chosen one, "none"
    assert "Verein" not in html


def test_picker_search_returns_at_most_twenty_matches(register):
    Stakeholder.objects.bulk_create(
        Stakeholder(name=f"Sportverein {i}", kind="sports") for i in range(40)
    )
    rows, more = STAKEHOLDER_PICKER.search("sportverein")
    assert len(rows) == LIMIT
    assert more
