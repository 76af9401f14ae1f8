"""Server-rendered SVG bar charts: no chart library, readable in print and high contrast.

Every chart is drawn with its figures written on the bars and is meant to be shown next
to a table of the same numbers (``templates/includes/chart.html``). A label never is cut
off: it wraps onto a second line, and what still does not fit is shortened with "…", the
full label in the bar's ``<title>`` (and in the table beside the chart). A bar may carry a
key (a measure's status): its colour then comes from the status palette
(``--status-<key>`` in static/css/measures.css), and the label says the same in words.
"""

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from itertools import count

from django.contrib.staticfiles import finders
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

_ids = count(1)
FONT_SIZE = 13  # user units; set on the SVG so screen, print and PDF lay it out alike
BAR_HEIGHT = 20
ROW_HEIGHT = 34  # room for a label of two lines beside each bar
BAR_FILL = "#00457c"  # the portal's blue; a status bar takes its status colour
_STATUS_COLOUR = re.compile(r"--status-([a-z_]+):\s*(#[0-9a-fA-F]{3,6})\s*;")
LABEL_WIDTH = 250
BAR_AREA = 360
VALUE_WIDTH = 120
# Characters per label line that fit LABEL_WIDTH even in a wide font (DejaVu Sans at
# FONT_SIZE is about 8 units for a capital letter).
LINE_CHARACTERS = 28
LINES = 2


@cache
def status_palette() -> dict[str, str]:
    """The status colours as defined once in static/css/measures.css (its ``:root``)."""
    with open(finders.find("css/measures.css"), encoding="utf-8") as handle:
        text = handle.read()
    start = text.index(":root")
    return dict(_STATUS_COLOUR.findall(text[start : text.index("}", start)]))


def wrap_label(label: str, width: int = LINE_CHARACTERS, lines: int = LINES) -> list[str]:
    """The label in at most ``lines`` lines of ``width`` characters, broken between words;
    the last line ends in "…" where the label is longer."""
    words = str(label).split()
    result: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width:
            current = candidate
            continue
        if current:
            result.append(current)
        current = word
        if len(result) == lines - 1:
            rest = " ".join(words[index:])
            current = rest if len(rest) <= width else rest[: width - 1].rstrip() + "…"
            break
    if current:
        result.append(current)
    result = [line if len(line) <= width else line[: width - 1] + "…" for line in result]
    return result[:lines] or [""]


def _format(value, unit: str) -> str:
    decimals = 2 if isinstance(value, Decimal) and value != value.to_integral() else 0
    text = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{text} {unit}".strip()


def _label(label: str, x: int, middle: float) -> SafeString:
    lines = wrap_label(label)
    first = middle - (len(lines) - 1) * FONT_SIZE * 0.6 + FONT_SIZE * 0.35
    spans = format_html_join(
        "",
        '<tspan x="{}" y="{}">{}</tspan>',
        ((x, round(first + index * FONT_SIZE * 1.2, 1), line) for index, line in enumerate(lines)),
    )
    return format_html('<text class="chart__label" text-anchor="end">{}</text>', spans)


def bar_chart(
    *,
    title: str,
    description: str,
    items: Sequence[tuple],
    unit: str = "",
) -> SafeString:
    """A horizontal bar chart as inline SVG with a title and description for screen readers.

    ``items`` are (label, value, url or None) or (label, value, url, key): a key gives the
    bar the class ``chart__bar--<key>`` (the status palette). The SVG is an image
    (role="img"), so it holds no links (axe: nested-interactive); the URLs belong in the
    table beside it.
    """
    chart_id = f"chart-{next(_ids)}"
    largest = max((abs(item[1]) for item in items), default=0) or 1
    height = max(len(items), 1) * ROW_HEIGHT + 8
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    rows = []
    for index, item in enumerate(items):
        label, value = item[0], item[1]
        key = item[3] if len(item) > 3 and item[3] else ""
        top = 4 + index * ROW_HEIGHT
        y = top + (ROW_HEIGHT - BAR_HEIGHT) / 2
        middle = top + ROW_HEIGHT / 2
        bar = max(int(BAR_AREA * float(abs(value)) / float(largest)), 2 if value else 0)
        text = _format(value, unit)
        group = format_html(
            '<g class="chart__row"><title>{}: {}</title>{}'
            '<rect x="{}" y="{}" width="{}" height="{}" class="chart__bar{}" fill="{}"></rect>'
            '<text x="{}" y="{}" class="chart__value">{}</text></g>',
            label,
            text,
            _label(label, LABEL_WIDTH - 8, middle),
            LABEL_WIDTH,
            y,
            bar,
            BAR_HEIGHT,
            f" chart__bar--{key}" if key else "",
            # the attribute is for renderers without CSS variables (the PDF); the page's
            # stylesheet overrides it (and turns it to black in high contrast)
            status_palette().get(key, BAR_FILL),
            LABEL_WIDTH + bar + 6,
            round(middle + FONT_SIZE * 0.35, 1),
            text,
        )
        rows.append((group,))
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'font-size="{font}" aria-labelledby="{id}-title {id}-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{rows}</svg>',
        w=width,
        h=height,
        font=FONT_SIZE,
        id=chart_id,
        title=title,
        desc=description,
        rows=format_html_join("", "{}", rows),
    )
