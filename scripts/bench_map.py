"""How long the system map takes for 200 dynamics and 1,000 influences (not a test).

Lays the map out with Graphviz (neato), finds the feedback loops with networkx and renders
the SVG template, as the map page does, on generated data (no database needed):

    DEBUG=1 .venv/bin/python scripts/bench_map.py
"""

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peine.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.template.loader import render_to_string  # noqa: E402

from analysis import graph  # noqa: E402
from analysis.selectors import _with_analysis  # noqa: E402

DYNAMICS, INFLUENCES = 200, 1000


def main() -> None:
    rng = random.Random(13)
    nodes = [
        {
            "id": pk,
            "title": f"Dynamik {pk}: {rng.choice(['Rückzug', 'Wandel', 'Begegnung'])} im Quartier",
            "finding_count": rng.randint(0, 9),
            "option_count": rng.randint(0, 2),
            "measure_count": rng.randint(0, 2),
        }
        for pk in range(1, DYNAMICS + 1)
    ]
    pairs = set()
    while len(pairs) < INFLUENCES:
        pairs.add(tuple(rng.sample(range(1, DYNAMICS + 1), 2)))
    edges = [
        {
            "source": a,
            "target": b,
            "effect": rng.choice(["strengthens", "weakens"]),
            "strength": rng.randint(1, 3),
            "reason": "Begründung",
        }
        for a, b in sorted(pairs)
    ]
    start = time.perf_counter()
    data = _with_analysis(nodes, edges)
    loops_done = time.perf_counter()
    drawing = graph.draw(data["nodes"], data["edges"])
    layout_done = time.perf_counter()
    html = render_to_string(
        "analysis/includes/map_svg.html",
        {"drawing": drawing, "map_title": "Benchmark", "map_description": "Benchmark"},
    )
    end = time.perf_counter()
    print(f"{DYNAMICS} dynamics, {INFLUENCES} influences, {len(data['loops'])} loops listed")
    print(f"loops and gaps (networkx): {loops_done - start:.3f} s")
    print(f"layout (Graphviz neato) and paths: {layout_done - loops_done:.3f} s")
    print(f"SVG template: {end - layout_done:.3f} s ({len(html) // 1024} KiB)")
    print(f"total: {end - start:.3f} s")


if __name__ == "__main__":
    main()
