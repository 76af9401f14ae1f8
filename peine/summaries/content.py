"""Reading a released round summary's frozen JSON without trusting its shape.

The consultations app writes ``RoundSummary.content`` when the officer releases a
summary; its keys may change. We show numbers, texts and lists of statements that we
recognise, and leave out anything whose key sounds personal.
"""

from numbers import Number

# Keys we never show, whatever they hold: names, contacts, notes.
_PERSONAL = ("contact", "person", "email", "phone", "note", "interviewer", "name", "released_by")
_STATEMENT_KEYS = ("statement", "text", "title", "summary")
MAX_ITEMS = 200
MAX_TEXT = 5000


def _safe_key(key) -> bool:
    return isinstance(key, str) and not any(part in key.lower() for part in _PERSONAL)


def _label(key: str) -> str:
    return key.replace("_", " ").strip().capitalize()


def _statement(item) -> str | None:
    if isinstance(item, str):
        return item[:MAX_TEXT]
    if isinstance(item, dict):
        for key in _STATEMENT_KEYS:
            if isinstance(item.get(key), str):
                return item[key][:MAX_TEXT]
    return None


def released_content(content) -> dict:
    """{"figures": [(label, number)], "texts": [(label, text)], "lists": [(label, [str])]}."""
    result = {"figures": [], "texts": [], "lists": []}
    if not isinstance(content, dict):
        return result
    for key, value in list(content.items())[:MAX_ITEMS]:
        if not _safe_key(key):
            continue
        if isinstance(value, bool):
            continue
        if isinstance(value, Number):
            result["figures"].append((_label(key), value))
        elif isinstance(value, str) and value.strip():
            result["texts"].append((_label(key), value[:MAX_TEXT]))
        elif isinstance(value, dict):
            numbers = [
                (f"{_label(key)}: {inner}", number)
                for inner, number in list(value.items())[:MAX_ITEMS]
                if _safe_key(inner) and isinstance(number, Number) and not isinstance(number, bool)
            ]
            result["figures"].extend(numbers)
        elif isinstance(value, list):
            items = [text for item in value[:MAX_ITEMS] if (text := _statement(item))]
            if items:
                result["lists"].append((_label(key), items))
    return result
