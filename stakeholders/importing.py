"""Reading a spreadsheet of stakeholders: parse, check every row, compare with the register.

Nothing here writes. ``parse_file`` turns an upload into a ``Preview``: each row is new,
changed or unchanged, or has errors with its line number. The cleaned rows are plain JSON
(kept in the session between preview and confirmation); ``services.import_rows`` writes them.
"""

import csv
import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peine.models import District, Sector
from stakeholders.models import Stakeholder

logger = logging.getLogger(__name__)

MAX_ROWS = 2000
MAX_COLUMNS = 50
# An XLSX file is a zip archive: what it unpacks to is capped before anything is parsed
# (the zip's directory declares each member's size; zipfile never unpacks more).
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_ZIP_MEMBERS = 500
# Rows streamed from a sheet, empty ones included, before giving up (a sheet that declares
# or holds a million rows stops here, not in memory).
MAX_SCANNED_ROWS = 10 * MAX_ROWS
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")
PHONE = re.compile(r"^\+?[0-9 ()/\-]+$")

# (key, German header, English header, max length, required)
COLUMNS = [
    ("name", "Name", "name", 200, True),
    ("kind", "Art", "kind", 40, True),
    ("sectors", "Handlungsfelder", "sectors", 2000, False),
    ("districts", "Ortsteile", "districts", 2000, False),
    ("description", "Beschreibung", "description", 10_000, False),
    ("website", "Website", "website", 200, False),
    ("street", "Straße", "street", 200, False),
    ("postcode", "PLZ", "postcode", 10, False),
    ("town", "Ort", "town", 100, False),
    ("influence", "Einfluss", "influence", 5, False),
    ("interest", "Interesse", "interest", 5, False),
    ("active", "Aktiv", "active", 10, False),
    ("contact_name", "Kontakt Name", "contact_name", 200, False),
    ("contact_function", "Kontakt Funktion", "contact_function", 200, False),
    ("contact_email", "Kontakt E-Mail", "contact_email", 254, False),
    ("contact_phone", "Kontakt Telefon", "contact_phone", 40, False),
    ("consent_given_on", "Einwilligung am", "consent_given_on", 20, False),
    ("consent_purpose", "Einwilligung Zweck", "consent_purpose", 300, False),
]
HEADERS = {}
for _key, _german, _english, _max, _required in COLUMNS:
    HEADERS[_german.casefold()] = _key
    HEADERS[_english.casefold()] = _key
LABELS = {key: german for key, german, _e, _m, _r in COLUMNS}
MAX_LENGTH = {key: length for key, _g, _e, length, _r in COLUMNS}
STAKEHOLDER_KEYS = ("kind", "description", "website", "street", "postcode", "town",
                    "influence", "interest", "active")  # fmt: skip
CONTACT_MODEL_KEYS = ("function", "email", "phone", "consent_purpose")
CONTACT_KEYS = ("contact_name", "contact_function", "contact_email", "contact_phone",
                "consent_given_on", "consent_purpose")  # fmt: skip

TEMPLATE_EXAMPLE = [
    "Nachbarschaftstreff Südstadt e.V.",
    "Initiative",
    "Wohnen und Zusammenleben im Quartier, Kultur und interreligiöser Dialog",
    "Kernstadt",
    "Offener Treff mit Sprachcafé und Hausaufgabenhilfe.",
    "https://nachbarschaftstreff.example",
    "Musterstraße 1",
    "31224",
    "Peine",
    "2",
    "4",
    "ja",
    "Erika Beispiel",
    "Vorsitzende",
    "erika.beispiel@example.org",
    "05171 000000",
    "01.03.2026",
    "Einladungen zu Beteiligungsrunden",
]


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a spreadsheet, wrong columns)."""


@dataclass
class PreviewRow:
    line: int
    name: str
    status: str = ""  # new / changed / unchanged / error
    errors: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)

    STATUS_LABELS = {
        "new": gettext_lazy("new"),
        "changed": gettext_lazy("changed"),
        "unchanged": gettext_lazy("unchanged"),
        "error": gettext_lazy("error"),
    }

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.status]


@dataclass
class Preview:
    rows: list[PreviewRow]
    columns: list[str]
    file_errors: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.errors]

    @property
    def clean(self) -> bool:
        return not self.file_errors and not self.errors and bool(self.rows)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    def payload(self) -> dict:
        """What confirmation needs, as JSON for the session."""
        return {
            "columns": self.columns,
            "rows": [{"line": row.line, **row.data} for row in self.rows],
        }


# --- reading ------------------------------------------------------------------------


def _read_csv(content: bytes) -> list[tuple[int, list]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise ImportFileError(
            _(
                "Line %(line)d: the file is not encoded as UTF-8 (wrong encoding). Please save "
                "it as “CSV UTF-8” and upload it again."
            )
            % {"line": line}
        ) from error
    if "\0" in text:
        raise ImportFileError(_("The file contains binary data; it is not a CSV file."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise ImportFileError(
            _("Line %(line)d: the CSV file cannot be read.") % {"line": reader.line_num}
        ) from error


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _(
            "The file has more than %(max)d rows. Please delete empty or formatted rows "
            "below your data, or split the file."
        )
        % {"max": MAX_ROWS}
    )


def _too_many_columns() -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(max)d columns. Please use the columns of the template.")
        % {"max": MAX_COLUMNS}
    )


def _not_xlsx() -> ImportFileError:
    return ImportFileError(
        _(
            "The file is not a valid XLSX spreadsheet (it is damaged or of another type). "
            "Please save it again as an Excel workbook (.xlsx) or as “CSV UTF-8”."
        )
    )


def _check_archive(content: bytes) -> None:
    """Refuse a zip that is not one or would unpack to too much, before parsing it."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise _not_xlsx() from error
    if len(members) > MAX_ZIP_MEMBERS:
        raise _not_xlsx()
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _(
                "The spreadsheet would unpack to more than %(max)d MB. Please remove "
                "images, other sheets and formatting, or upload it as “CSV UTF-8”."
            )
            % {"max": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def _read_xlsx(content: bytes) -> list[tuple[int, list]]:
    # openpyxl parses with defusedxml when it is installed (openpyxl.xml.DEFUSEDXML):
    # no entity expansion, no external entities, no DTDs.
    from openpyxl import load_workbook

    _check_archive(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            # The size the sheet declares (<dimension>), if it declares one; without one,
            # rows are read no wider than MAX_COLUMNS + 1 and no longer than the caps.
            if (sheet.max_row or 0) > MAX_SCANNED_ROWS:
                raise _too_many_rows()
            if (sheet.max_column or 0) > MAX_COLUMNS:
                raise _too_many_columns()
            rows, filled = [], 0
            cells = sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
            for number, row in enumerate(cells, start=1):
                if number > MAX_SCANNED_ROWS:
                    raise _too_many_rows()
                if len(row) > MAX_COLUMNS and row[MAX_COLUMNS] not in (None, ""):
                    raise _too_many_columns()
                row = list(row[:MAX_COLUMNS])
                if any(value not in (None, "") for value in row):
                    filled += 1
                    if filled > MAX_ROWS + 1:
                        raise _too_many_rows()
                rows.append((number, row))
            return rows
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except Exception as error:
        # Whatever a damaged or hostile file makes the parser raise (broken XML, missing
        # parts, forbidden entities, wrong types) means the same to the person uploading.
        logger.info("XLSX import refused: %s: %s", type(error).__name__, error)
        raise _not_xlsx() from error


def _limit_columns(rows: list[tuple[int, list]]) -> list[tuple[int, list]]:
    """Cut trailing empty columns; refuse content beyond ``MAX_COLUMNS``."""
    limited = []
    for line, cells in rows:
        if any(str(value).strip() for value in cells[MAX_COLUMNS:] if value is not None):
            raise _too_many_columns()
        limited.append((line, cells[:MAX_COLUMNS]))
    return limited


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- checking -----------------------------------------------------------------------


def _lookup(model, values: str, message: str, errors: list[str]) -> list[int]:
    ids = []
    wanted = [part.strip() for part in re.split(r"[,|]", values) if part.strip()]
    known = {}
    for pk, name, slug in model.objects.values_list("pk", "name", "slug"):
        known[name.casefold()] = pk
        known[slug.casefold()] = pk
    for part in wanted:
        pk = known.get(part.casefold())
        if pk is None:
            errors.append(message % {"value": part})
        else:
            ids.append(pk)
    return sorted(set(ids))


def _kind(value: str, errors: list[str]) -> str:
    for choice in Stakeholder.Kind:
        if value.casefold() in {choice.value, str(choice.label).casefold()}:
            return choice.value
    from django.utils import translation

    with translation.override("de"):
        german = {str(choice.label).casefold(): choice.value for choice in Stakeholder.Kind}
    with translation.override("en"):
        english = {str(choice.label).casefold(): choice.value for choice in Stakeholder.Kind}
    aliases = {"initiative": "initiative", "verein": "other", "schule": "education",
               "kita": "education", "unternehmen": "employer", "behörde": "authority",
               "migrantenorganisation": "migrant", "migrantinnenorganisation": "migrant",
               "sportverein": "sports", "wohlfahrtsverband": "welfare"}  # fmt: skip
    found = german.get(value.casefold()) or english.get(value.casefold())
    found = found or aliases.get(value.casefold())
    if found is None:
        errors.append(_("unknown kind “%(value)s”") % {"value": value})
        return ""
    return found


def _scale(value: str, label: str, errors: list[str]) -> int:
    if not value:
        return 3
    if value.isdigit() and 1 <= int(value) <= 5:
        return int(value)
    errors.append(_("%(column)s must be a whole number from 1 to 5") % {"column": label})
    return 3


def _boolean(value: str, errors: list[str]) -> bool:
    lowered = value.casefold()
    if lowered in {"", "ja", "yes", "1", "x", "true", "wahr", "aktiv"}:
        return True
    if lowered in {"nein", "no", "0", "false", "falsch", "archiviert", "inaktiv"}:
        return False
    errors.append(_("Aktiv must be “ja” or “nein”"))
    return True


def _date(value: str, errors: list[str]) -> str | None:
    if not value:
        return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.strptime(value, pattern).date().isoformat()
        except ValueError:
            continue
    errors.append(_("bad date “%(value)s” (use DD.MM.YYYY)") % {"value": value})
    return None


def _formula_like(key: str, value: str) -> bool:
    if not value.startswith(FORMULA_PREFIXES):
        return False
    # An international phone number is not a formula.
    return not (key == "contact_phone" and PHONE.match(value))


def _check_row(line: int, cells: dict[str, str]) -> PreviewRow:
    errors: list[str] = []
    for key, value in cells.items():
        if _formula_like(key, value):
            errors.append(_("formula-like cell in column “%(column)s”") % {"column": LABELS[key]})
        if len(value) > MAX_LENGTH[key]:
            errors.append(
                _("column “%(column)s” is longer than %(max)d characters")
                % {"column": LABELS[key], "max": MAX_LENGTH[key]}
            )
    name = " ".join(cells.get("name", "").split())
    row = PreviewRow(line=line, name=name)
    for key in ("name", "kind"):
        if not cells.get(key):
            errors.append(_("missing required field “%(column)s”") % {"column": LABELS[key]})
    data: dict = {"name": name}
    if cells.get("kind"):
        data["kind"] = _kind(cells["kind"], errors)
    if "sectors" in cells:
        data["sectors"] = _lookup(Sector, cells["sectors"], _("unknown sector “%(value)s”"), errors)
    if "districts" in cells:
        data["districts"] = _lookup(
            District, cells["districts"], _("unknown district “%(value)s”"), errors
        )
    for key in ("description", "street", "postcode", "town"):
        if key in cells:
            data[key] = cells[key]
    if "website" in cells:
        data["website"] = cells["website"]
        if cells["website"]:
            try:
                URLValidator(schemes=["http", "https"])(cells["website"])
            except ValidationError:
                errors.append(_("bad website address “%(value)s”") % {"value": cells["website"]})
    for key in ("influence", "interest"):
        if key in cells:
            data[key] = _scale(cells[key], LABELS[key], errors)
    if "active" in cells:
        data["active"] = _boolean(cells["active"], errors)
    contact = {key: cells.get(key, "") for key in CONTACT_KEYS if key in cells}
    if any(contact.values()):
        if not contact.get("contact_name"):
            errors.append(
                _("missing required field “%(column)s”") % {"column": LABELS["contact_name"]}
            )
        email = contact.get("contact_email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(_("bad email address “%(value)s”") % {"value": email})
        phone = contact.get("contact_phone", "")
        if phone and not PHONE.match(phone):
            errors.append(_("bad phone number “%(value)s”") % {"value": phone})
        given = _date(contact.get("consent_given_on", ""), errors)
        if given and not contact.get("consent_purpose"):
            errors.append(
                _("missing required field “%(column)s”") % {"column": LABELS["consent_purpose"]}
            )
        data["contact"] = {
            "name": " ".join(contact.get("contact_name", "").split()),
            "function": contact.get("contact_function", ""),
            "email": email,
            "phone": phone,
            "consent_given_on": given,
            "consent_purpose": contact.get("consent_purpose", ""),
        }
    row.errors = errors
    row.data = data
    return row


def _compare(rows: list[PreviewRow]) -> None:
    """Mark each clean row new, changed or unchanged (four queries for the whole file)."""
    lowered = [row.name.lower() for row in rows if row.name]
    existing = {
        stakeholder.name.lower(): stakeholder
        for stakeholder in Stakeholder.objects.alias(lowered=Lower("name"))
        .filter(lowered__in=lowered)
        .prefetch_related("sectors", "districts", "contacts")
    }
    for row in rows:
        if row.errors:
            row.status = "error"
            continue
        current = existing.get(row.name.lower())
        if current is None:
            row.status = "new"
            continue
        row.changes = _changes(current, row.data)
        row.status = "changed" if row.changes else "unchanged"


def _changes(stakeholder: Stakeholder, data: dict) -> list[str]:
    """The column names (as in the template) whose values differ from the register."""
    changed = [
        LABELS[key]
        for key in STAKEHOLDER_KEYS
        if key in data and getattr(stakeholder, key) != data[key]
    ]
    for key, related in (("sectors", stakeholder.sectors), ("districts", stakeholder.districts)):
        if key in data and sorted(item.pk for item in related.all()) != data[key]:
            changed.append(LABELS[key])
    contact = data.get("contact")
    if contact:
        match = next(
            (c for c in stakeholder.contacts.all() if c.name.lower() == contact["name"].lower()),
            None,
        )
        given = match.consent_given_on.isoformat() if match and match.consent_given_on else None
        if (
            match is None
            or any(getattr(match, key) != contact[key] for key in CONTACT_MODEL_KEYS)
            or given != contact["consent_given_on"]
        ):
            changed.append(LABELS["contact_name"])
    return changed


def parse_file(name: str, content: bytes) -> Preview:
    """The preview of an uploaded file; never raises for bad content."""
    try:
        raw = _read_xlsx(content) if name.lower().endswith(".xlsx") else _read_csv(content)
        raw = _limit_columns(raw)
    except ImportFileError as error:
        return Preview(rows=[], columns=[], file_errors=[str(error)])
    raw = [(line, [_cell_text(v) for v in cells]) for line, cells in raw]
    raw = [(line, cells) for line, cells in raw if any(cells)]
    if not raw:
        return Preview(rows=[], columns=[], file_errors=[_("The file is empty.")])
    header_line, header = raw[0]
    columns: list[str | None] = []
    file_errors = []
    for title in header:
        key = HEADERS.get(title.strip().casefold())
        if title and key is None:
            file_errors.append(
                _("Line %(line)d: unknown column “%(column)s”")
                % {"line": header_line, "column": title}
            )
        if key is not None and key in columns:
            file_errors.append(
                _("Line %(line)d: the column “%(column)s” appears twice")
                % {"line": header_line, "column": title}
            )
        columns.append(key)
    for required in ("name", "kind"):
        if required not in columns:
            file_errors.append(
                _("The column “%(column)s” is missing.") % {"column": LABELS[required]}
            )
    if len(raw) - 1 > MAX_ROWS:
        file_errors.append(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
    if file_errors:
        return Preview(rows=[], columns=[], file_errors=file_errors)
    rows = []
    seen: dict[str, int] = {}
    for line, cells in raw[1:]:
        values = {key: (cells[i] if i < len(cells) else "") for i, key in enumerate(columns) if key}
        row = _check_row(line, values)
        if row.name:
            folded = row.name.casefold()
            if folded in seen:
                row.errors.append(
                    _("duplicate name (also in line %(line)d)") % {"line": seen[folded]}
                )
            else:
                seen[folded] = line
        rows.append(row)
    _compare(rows)
    return Preview(rows=rows, columns=[key for key in columns if key])


def template_rows() -> tuple[list[str], list[list[str]]]:
    return [german for _k, german, _e, _m, _r in COLUMNS], [TEMPLATE_EXAMPLE]
