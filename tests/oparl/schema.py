"""A small validator for the OParl 1.1 JSON schemas (``jsonschema`` is not installed).

It covers exactly the features the schema files in ``shared/context/oparl-1.1/schema``
use: ``type`` (object, array, string, integer, boolean), ``required``, ``properties``,
``items`` (for arrays), ``pattern``, ``format`` (date, date-time, url) and ``schema``, the
specification's reference to a sibling file (``"schema": "File.json"``) for an object
given inline. Keys that only document (title, description, references, backreference,
cardinality) are ignored, and so are properties the schema does not name (OParl allows
extra properties). ``items`` on a string typed as an external list's URL describes that
list's entries: the tests validate those pages' ``data`` separately.
"""

import json
import re
from datetime import date, datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "shared" / "context" / "oparl-1.1" / "schema"
if not SCHEMA_DIR.is_dir():  # the worktree lives in /work/wt-<name>, the shared folder in /work
    SCHEMA_DIR = Path("/work/shared/context/oparl-1.1/schema")

DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
}


@cache
def load(name: str) -> dict:
    if not name.endswith(".json"):
        name += ".json"
    return json.loads((SCHEMA_DIR / name).read_text())


def _format_ok(fmt: str, value: str) -> bool:
    if fmt == "date-time":
        if not DATE_TIME.match(value):
            return False
        datetime.fromisoformat(value)
        return True
    if fmt == "date":
        if not DATE.match(value):
            return False
        date.fromisoformat(value)
        return True
    if fmt == "url":
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value
    raise AssertionError(f"unknown format {fmt}")


def errors(instance, schema: dict, path: str = "$") -> list[str]:
    """Every violation of ``schema`` by ``instance``, as readable strings."""
    found = []
    kind = schema.get("type")
    if kind is not None and not TYPES[kind](instance):
        return [f"{path}: expected {kind}, got {type(instance).__name__}"]
    if isinstance(instance, str):
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            found.append(f"{path}: {instance!r} does not match {schema['pattern']}")
        try:
            if "format" in schema and not _format_ok(schema["format"], instance):
                found.append(f"{path}: {instance!r} is not a {schema['format']}")
        except ValueError:
            found.append(f"{path}: {instance!r} is not a valid {schema['format']}")
    if isinstance(instance, dict):
        if isinstance(schema.get("schema"), str):
            found += errors(instance, load(schema["schema"]), path)
        for key in schema.get("required", []):
            if key not in instance:
                found.append(f"{path}: missing required {key!r}")
        for key, sub in schema.get("properties", {}).items():
            if key in instance:
                if instance[key] is None:
                    found.append(f"{path}.{key}: null is not allowed")  # spec 2-04
                else:
                    found += errors(instance[key], sub, f"{path}.{key}")
    if isinstance(instance, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(instance):
            found += errors(item, schema["items"], f"{path}[{index}]")
    return found


def validate(instance: dict, name: str) -> None:
    """Assert that ``instance`` is a valid OParl object of the named schema (e.g. "Paper")."""
    problems = errors(instance, load(name))
    assert not problems, "\n".join(problems)


def object_type(instance: dict) -> str:
    """The schema name of an OParl object from its ``type`` URL."""
    prefix = "https://schema.oparl.org/1.1/"
    assert instance.get("type", "").startswith(prefix), instance.get("type")
    return instance["type"].removeprefix(prefix)


LIST_PAGE_KEYS = {
    "pagination": {"totalElements", "elementsPerPage", "currentPage", "totalPages"},
    "links": {"first", "prev", "self", "next", "last", "web"},
}


def validate_list_page(page: dict, item_schema: str) -> None:
    """A list page (spec 2-05): data, pagination and links, every entry a valid object."""
    assert set(page) >= {"data", "pagination", "links"}, sorted(page)
    assert isinstance(page["data"], list)
    for key, allowed in LIST_PAGE_KEYS.items():
        assert isinstance(page[key], dict)
        assert set(page[key]) <= allowed, sorted(set(page[key]) - allowed)
    for key, value in page["pagination"].items():
        assert TYPES["integer"](value), key
    for key, value in page["links"].items():
        assert _format_ok("url", value), (key, value)
    for entry in page["data"]:
        validate(entry, item_schema)
