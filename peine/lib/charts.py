"""Server-rendered SVG bar charts: no chart library, readable in print and high contrast.

Every chart is drawn with its figures written on the bars and is meant to be shown next
to a table of the same numbers (``templates/includes/chart.html``).
"""

from collections.abc import Sequence
from decimal import Decimal
from itertools import count

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

_ids = count(1)
BAR_HEIGHT = 26
GAP = 10
LABEL_WIDTH = 230
BAR_AREA = 380
VALUE_WIDTH = 110
LABEL_CHARACTERS = 28  # what fits LABEL_WIDTH; the table beside the chart has the full label


def _short(label: str) -> str:
    label = str(label)
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def _format(value, unit: str) -> str:
    decimals = 2 if isinstance(value, Decimal) and value != value.to_integral() else 0
    text = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{text} {unit}".strip()


def bar_chart(
    *,
    title: str,
    description: str,
    items: Sequence[tuple[str, int | Decimal, str | None]],
    unit: str = "",
) -> SafeString:
    """A horizontal bar chart as inline SVG with a title and description for screen readers.

    ``items`` are (label, value, url or None). The SVG is an image (role="img"), so it holds
    no links (axe: nested-interactive); the URLs belong in the table beside it.
    """
    chart_id = f"chart-{next(_ids)}"
    largest = max((abs(value) for _, value, _ in items), default=0) or 1
    height = max(len(items), 1) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    rows = []
    for index, (label, value, _url) in enumerate(items):
        y = GAP + index * (BAR_HEIGHT + GAP)
        bar = max(int(BAR_AREA * float(abs(value)) / float(largest)), 2 if value else 0)
        text = _format(value, unit)
        group = format_html(
            '<text x="{}" y="{}" class="chart__label" text-anchor="end">{}</text>'
            '<rect x="{}" y="{}" width="{}" height="{}" class="chart__bar"></rect>'
            '<text x="{}" y="{}" class="chart__value">{}</text>',
            LABEL_WIDTH - 8,
            y + BAR_HEIGHT * 0.68,
            _short(label),
            LABEL_WIDTH,
            y,
            bar,
            BAR_HEIGHT,
            LABEL_WIDTH + bar + 6,
            y + BAR_HEIGHT * 0.68,
            text,
        )
        rows.append((group,))
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{rows}</svg>',
        w=width,
        h=height,
        id=chart_id,
        title=title,
        desc=description,
        rows=format_html_join("", "{}", rows),
    )
