"""CSV and XLSX exports of what a list shows, safe to open in a spreadsheet program."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

# A cell starting with one of these is read as a formula by spreadsheet programs
# (OWASP "CSV injection"); we prefix it with an apostrophe so it stays text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """The value as a cell: numbers and dates stay typed, text never starts a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int | float | Decimal | date):
        if isinstance(value, datetime):
            return (
                timezone.localtime(value).replace(tzinfo=None)
                if timezone.is_aware(value)
                else value
            )
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _csv_value(value):
    value = safe_cell(value)
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal | float):
        return str(value).replace(".", ",")
    return value


def _program_value(value) -> str:
    return safe_cell("" if value is None else str(value))


def export_response(
    *,
    filename: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    fmt: str,
    for_programs: bool = False,
) -> HttpResponse:
    """A download of ``rows`` as ``fmt`` ("csv" or "xlsx"), named ``filename`` + extension.

    CSV is UTF-8 with a byte order mark and semicolons, which German spreadsheet programs
    open without mangling umlauts or splitting decimal commas. ``for_programs`` writes CSV
    for programs instead, as a machine-readable copy (GDPR Art. 15) wants: commas, no byte
    order mark, every value as Python spells it (ISO dates, decimal points). Either way no
    text cell starts a formula.
    """
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append([str(header) for header in headers])
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(
            buffer, delimiter="," if for_programs else ";", quoting=csv.QUOTE_MINIMAL
        )
        cell = _program_value if for_programs else _csv_value
        writer.writerow([str(header) for header in headers])
        for row in rows:
            writer.writerow([cell(value) for value in row])
        text = buffer.getvalue() if for_programs else "\ufeff" + buffer.getvalue()
        response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
