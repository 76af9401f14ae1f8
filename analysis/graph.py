"""The system map as a graph: feedback loops (networkx) and a layout (Graphviz).

Pure functions over plain data, so the live map and a released snapshot draw alike:
``nodes`` are dicts with ``id`` and ``title``; ``edges`` dicts with ``source``,
``target``, ``effect`` ("strengthens"/"weakens") and ``strength``.
"""

import itertools
import math
import textwrap
from dataclasses import dataclass

import graphviz
import networkx

# A map of many dynamics has very many cycles; these bounds keep the work small and the
# list readable (the shortest loops are those an analysis talks about).
LOOP_LENGTH = 5
LOOP_LIMIT = 30
WRAP = 22  # characters per line of a node's label
POINTS = 72  # Graphviz measures in inches
CURVE = 18  # how far an arrow bows out, so A→B and B→A do not overlap


def find_loops(nodes, edges, *, limit: int = LOOP_LIMIT, length: int = LOOP_LENGTH) -> list[dict]:
    """Feedback loops: directed cycles, shortest first. A loop with an even number of
    weakening links reinforces itself, with an odd number it balances."""
    graph = networkx.DiGraph()
    titles = {node["id"]: node["title"] for node in nodes}
    graph.add_nodes_from(titles)
    for edge in edges:
        graph.add_edge(edge["source"], edge["target"], effect=edge["effect"])
    cycles = itertools.islice(networkx.simple_cycles(graph, length_bound=length), limit * 5)
    loops = []
    for cycle in cycles:
        start = cycle.index(min(cycle, key=lambda pk: titles[pk]))
        cycle = cycle[start:] + cycle[:start]
        pairs = list(zip(cycle, cycle[1:] + cycle[:1], strict=True))
        weakening = sum(1 for a, b in pairs if graph.edges[a, b]["effect"] == "weakens")
        loops.append(
            {
                "ids": cycle,
                "names": [titles[pk] for pk in cycle],
                "kind": "reinforcing" if weakening % 2 == 0 else "balancing",
                "weakening": weakening,
            }
        )
    loops.sort(key=lambda loop: (len(loop["ids"]), loop["names"]))
    return loops[:limit]


def wrap(title: str) -> list[str]:
    return textwrap.wrap(title, WRAP, break_long_words=False) or [title]


def layout(nodes, edges) -> dict:
    """Node positions and sizes (in SVG units, y downwards) computed by Graphviz's neato.

    Returns {"width", "height", "nodes": {id: (x, y, w, h)}}.
    """
    if not nodes:
        return {"width": 0, "height": 0, "nodes": {}}
    lines = [
        "digraph map {",
        'graph [overlap=false, splines=false, sep="+14", esep="+8", start=1];',
        'node [shape=box, fontname=Helvetica, fontsize=12, margin="0.12,0.06"];',
    ]
    for node in nodes:
        label = "\\n".join(
            line.replace("\\", "\\\\").replace('"', '\\"') for line in wrap(node["title"])
        )
        lines.append(f'n{int(node["id"])} [label="{label}"];')
    for edge in edges:
        lines.append(f"n{int(edge['source'])} -> n{int(edge['target'])} [len=2.2];")
    lines.append("}")
    plain = graphviz.Source("\n".join(lines), engine="neato").pipe(format="plain", encoding="utf-8")
    return _parse_plain(plain)


def _parse_plain(plain: str) -> dict:
    width = height = 0.0
    positions = {}
    for line in plain.splitlines():
        parts = line.split(" ")
        if parts[0] == "graph":
            width, height = float(parts[2]) * POINTS, float(parts[3]) * POINTS
        elif parts[0] == "node":
            pk = int(parts[1][1:])
            x, y, w, h = (float(value) * POINTS for value in parts[2:6])
            positions[pk] = (x, y, w, h)
    margin = 12
    return {
        "width": round(width + 2 * margin),
        "height": round(height + 2 * margin),
        "nodes": {
            pk: (x + margin, height - y + margin, w, h) for pk, (x, y, w, h) in positions.items()
        },
    }


def _clip(cx, cy, w, h, towards_x, towards_y):
    """The point where the line from a box's centre towards a point leaves the box."""
    dx, dy = towards_x - cx, towards_y - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(
        (w / 2) / abs(dx) if dx else math.inf,
        (h / 2) / abs(dy) if dy else math.inf,
    )
    return cx + dx * scale, cy + dy * scale


@dataclass
class DrawnNode:
    id: int
    title: str
    lines: list[str]
    x: float
    y: float
    width: float
    height: float
    cx: float
    line_items: list[tuple[float, str]]


@dataclass
class DrawnEdge:
    source: int
    target: int
    source_title: str
    target_title: str
    effect: str
    strength: int
    path: str
    label_x: float
    label_y: float


def draw(nodes, edges) -> dict:
    """Everything the SVG template needs: boxes with their lines and arrows as paths."""
    placed = layout(nodes, edges)
    titles = {node["id"]: node["title"] for node in nodes}
    drawn_nodes = []
    for node in nodes:
        x, y, w, h = placed["nodes"][node["id"]]
        lines = wrap(node["title"])
        step = 14.4
        first = y - (len(lines) - 1) * step / 2 + 4
        drawn_nodes.append(
            DrawnNode(
                node["id"],
                node["title"],
                lines,
                round(x - w / 2, 1),
                round(y - h / 2, 1),
                round(w, 1),
                round(h, 1),
                round(x, 1),
                [(round(first + i * step, 1), line) for i, line in enumerate(lines)],
            )
        )
    drawn_edges = []
    for edge in edges:
        sx, sy, sw, sh = placed["nodes"][edge["source"]]
        tx, ty, tw, th = placed["nodes"][edge["target"]]
        length = math.hypot(tx - sx, ty - sy) or 1
        # Bow to the right of the direction of travel: A→B and B→A stay apart.
        mx, my = (sx + tx) / 2, (sy + ty) / 2
        cx, cy = mx + CURVE * (ty - sy) / length * -1, my + CURVE * (tx - sx) / length
        x1, y1 = _clip(sx, sy, sw + 4, sh + 4, cx, cy)
        x2, y2 = _clip(tx, ty, tw + 10, th + 10, cx, cy)
        label_x, label_y = 0.25 * x1 + 0.5 * cx + 0.25 * x2, 0.25 * y1 + 0.5 * cy + 0.25 * y2
        drawn_edges.append(
            DrawnEdge(
                edge["source"],
                edge["target"],
                titles[edge["source"]],
                titles[edge["target"]],
                edge["effect"],
                edge.get("strength", 2),
                f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}",
                round(label_x, 1),
                round(label_y, 1),
            )
        )
    return {
        "width": placed["width"],
        "height": placed["height"],
        "nodes": drawn_nodes,
        "edges": drawn_edges,
    }
