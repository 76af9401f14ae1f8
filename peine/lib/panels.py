"""Sections that a later app adds to an earlier app's page.

Dependencies point one way (DESIGN.md): ``stakeholders`` knows nothing of consultations or
measures, yet a stakeholder's page shows its interviews and measures. Those apps register a
panel here in their ``AppConfig.ready()``; the stakeholder page renders whatever is
registered. A panel decides itself whether the person may see it and returns "" if not.
"""

from collections import defaultdict
from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

Panel = Callable[[HttpRequest, object], str]
_PANELS: dict[str, list[Panel]] = defaultdict(list)

STAKEHOLDER_DETAIL = "stakeholder_detail"


def register(slot: str, panel: Panel) -> None:
    if panel not in _PANELS[slot]:
        _PANELS[slot].append(panel)


def render_panels(slot: str, request: HttpRequest, obj) -> list[SafeString]:
    """The HTML of every panel registered for ``slot`` that has something to show."""
    rendered = (panel(request, obj) for panel in _PANELS[slot])
    return [html for html in rendered if html]


OPTION_DETAIL = "option_detail"
