"""Server-rendered SVG of the stakeholder map and of one stakeholder's network.

Both are pictures (role="img" with a title and a description); the pages show a table of
the same data beside them, which is what keyboard and screen-reader users work with.
"""

import math
from itertools import count

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from stakeholders.selectors import MapCell

_ids = count(1)
CELL_W, CELL_H, AXIS = 180, 112, 70
NAMES_PER_CELL = 4


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def influence_interest_map(
    grid: list[list[MapCell]], *, title: str, description: str
) -> SafeString:
    """A 5×5 grid: influence upwards, interest to the right; names in their cells."""
    chart_id = f"stakeholder-map-{next(_ids)}"
    width, height = AXIS + 5 * CELL_W + 10, 5 * CELL_H + AXIS
    parts = []
    quadrants = {
        (True, True): _("manage closely"),
        (True, False): _("keep satisfied"),
        (False, True): _("keep informed"),
        (False, False): _("monitor"),
    }
    for row_index, row in enumerate(grid):
        for col_index, cell in enumerate(row):
            x, y = AXIS + col_index * CELL_W, row_index * CELL_H
            high_influence, high_interest = cell.influence >= 3, cell.interest >= 3
            quadrant = "q-" + ("h" if high_influence else "l") + ("h" if high_interest else "l")
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" class="map__cell {}"/>',
                    x, y, CELL_W, CELL_H, quadrant,
                )
            )  # fmt: skip
            names = cell.stakeholders[:NAMES_PER_CELL]
            for index, stakeholder in enumerate(names):
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" class="map__name">{}</text>',
                        x + 8, y + 20 + index * 20, _short(stakeholder.name, 21),
                    )
                )  # fmt: skip
            rest = len(cell.stakeholders) - len(names)
            if rest > 0:
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" class="map__more">{}</text>',
                        x + 8, y + 20 + NAMES_PER_CELL * 20, _("+ %(n)d more") % {"n": rest},
                    )
                )  # fmt: skip
    for (high_influence, high_interest), label in quadrants.items():
        x = AXIS + (4 if high_interest else 0) * CELL_W + CELL_W - 8
        y = (0 if high_influence else 4) * CELL_H + CELL_H - 8
        parts.append(
            format_html('<text x="{}" y="{}" class="map__quadrant" text-anchor="end">{}</text>',
                        x, y, label)
        )  # fmt: skip
    for index in range(5):
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="map__tick" text-anchor="middle">{}</text>',
                AXIS + index * CELL_W + CELL_W // 2, 5 * CELL_H + 22, index + 1,
            )
        )  # fmt: skip
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="map__tick" text-anchor="end">{}</text>',
                AXIS - 10, index * CELL_H + CELL_H // 2 + 5, 5 - index,
            )
        )  # fmt: skip
    parts.append(
        format_html(
            '<text x="{}" y="{}" class="map__axis" text-anchor="middle">{}</text>',
            AXIS + 5 * CELL_W // 2, 5 * CELL_H + 52, _("Interest →"),
        )
    )  # fmt: skip
    parts.append(
        format_html(
            '<text x="18" y="{}" class="map__axis" text-anchor="middle" '
            'transform="rotate(-90 18 {})">{}</text>',
            5 * CELL_H // 2, 5 * CELL_H // 2, _("Influence →"),
        )
    )  # fmt: skip
    return format_html(
        '<svg class="stakeholder-map" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        w=width, h=height, id=chart_id, title=title, desc=description,
        body=mark_safe("".join(parts)),  # noqa: S308 - every part is built by format_html
    )  # fmt: skip


def network(centre, neighbours: list[dict], *, title: str, description: str) -> SafeString:
    """The stakeholder in the middle, its neighbours on a circle, one line per relationship."""
    chart_id = f"stakeholder-network-{next(_ids)}"
    size, radius = 760, 280
    cx = cy = size // 2
    shown = neighbours[:24]
    positions = {}
    others = []
    for entry in shown:
        if entry["other"].pk not in positions:
            positions[entry["other"].pk] = None
            others.append(entry["other"])
    for index, other in enumerate(others):
        angle = 2 * math.pi * index / max(len(others), 1) - math.pi / 2
        positions[other.pk] = (
            round(cx + radius * math.cos(angle)),
            round(cy + radius * math.sin(angle)),
        )
    lines = []
    for entry in shown:
        x, y = positions[entry["other"].pk]
        relationship = entry["relationship"]
        mx, my = (cx + x) // 2, (cy + y) // 2
        lines.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" class="network__edge edge--{}"/>'
                '<text x="{}" y="{}" class="network__edge-label" text-anchor="middle">'
                "{}</text>",
                cx, cy, x, y, relationship.kind, mx, my - 4, relationship.get_kind_display(),
            )
        )  # fmt: skip
    nodes = [
        format_html(
            '<circle cx="{}" cy="{}" r="7" class="network__node"/>'
            '<text x="{}" y="{}" class="network__label" text-anchor="middle">{}</text>',
            x,
            y,
            x,
            y + (22 if y >= cy else -14),
            _short(other.name, 30),
        )
        for other in others
        for x, y in [positions[other.pk]]
    ]
    centre_node = format_html(
        '<circle cx="{}" cy="{}" r="12" class="network__node network__node--centre"/>'
        '<text x="{}" y="{}" class="network__label network__label--centre" '
        'text-anchor="middle">{}</text>',
        cx, cy, cx, cy + 32, _short(centre.name, 40),
    )  # fmt: skip
    return format_html(
        '<svg class="stakeholder-network" viewBox="0 0 {s} {s}" width="{s}" height="{s}" '
        'role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{lines}{nodes}{centre}</svg>",
        s=size, id=chart_id, title=title, desc=description,
        lines=format_html_join("", "{}", ((line,) for line in lines)),
        nodes=format_html_join("", "{}", ((node,) for node in nodes)),
        centre=centre_node,
    )  # fmt: skip
