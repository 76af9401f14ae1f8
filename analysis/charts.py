"""A paired bar chart for the review: each row's earlier and later count side by side.

Server-rendered SVG like ``peine.lib.charts``; the two rounds differ by fill pattern and
by a written legend and value labels, not by colour alone. Shown beside a table.
"""

from itertools import count

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

_ids = count(1)
BAR = 14
ROW_GAP = 14
LABEL_WIDTH = 230
BAR_AREA = 360
VALUE_WIDTH = 50
LEGEND = 40
LABEL_CHARACTERS = 30


def _short(label) -> str:
    label = str(label)
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def paired_chart(*, title: str, rows, earlier_label: str, later_label: str) -> SafeString:
    """``rows`` are dicts with ``label``, ``earlier`` and ``later`` counts."""
    chart_id = f"pair-{next(_ids)}"
    largest = max((max(row["earlier"], row["later"]) for row in rows), default=0) or 1
    height = LEGEND + max(len(rows), 1) * (2 * BAR + ROW_GAP) + ROW_GAP
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    parts = []
    for index, row in enumerate(rows):
        y = LEGEND + ROW_GAP + index * (2 * BAR + ROW_GAP)
        bars = []
        for offset, (key, css) in enumerate((("earlier", "earlier"), ("later", "later"))):
            value = int(row[key])
            length = max(int(BAR_AREA * value / largest), 2 if value else 0)
            top = y + offset * BAR
            bars.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" class="pair__bar pair__bar--{}">'
                    '</rect><text x="{}" y="{}" class="chart__value">{}</text>',
                    LABEL_WIDTH,
                    top,
                    length,
                    BAR - 2,
                    css,
                    LABEL_WIDTH + length + 4,
                    top + BAR - 4,
                    value,
                )
            )
        parts.append(
            (
                format_html(
                    '<text x="{}" y="{}" class="chart__label" text-anchor="end">{}</text>{}{}',
                    LABEL_WIDTH - 8,
                    y + BAR + 4,
                    _short(row["label"]),
                    bars[0],
                    bars[1],
                ),
            )
        )
    legend = format_html(
        '<rect x="{x}" y="6" width="14" height="12" class="pair__bar pair__bar--earlier"></rect>'
        '<text x="{tx}" y="16" class="chart__label">{earlier}</text>'
        '<rect x="{x}" y="24" width="14" height="12" class="pair__bar pair__bar--later"></rect>'
        '<text x="{tx}" y="34" class="chart__label">{later}</text>',
        x=LABEL_WIDTH,
        tx=LABEL_WIDTH + 20,
        earlier=_("%(round)s (upper, outlined bar)") % {"round": _short(earlier_label)},
        later=_("%(round)s (lower, filled bar)") % {"round": _short(later_label)},
    )
    return format_html(
        '<svg class="chart pair" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{legend}{rows}</svg>",
        w=width,
        h=height,
        id=chart_id,
        title=title,
        desc=f"{earlier_label} / {later_label}",
        legend=legend,
        rows=format_html_join("", "{}", parts),
    )
