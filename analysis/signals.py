"""What later apps tell the analysis about dynamics, without the analysis importing them.

Arrows point down (the layers contract in pyproject.toml): ``measures`` may point to
dynamics, the analysis never imports ``measures``. Yet the analysis pages show which
measures act on a dynamic, the gaps (dynamics no option and no measure addresses) and, in
the review, the measures that acted between two rounds. ``measures`` connects a receiver
in its ``AppConfig.ready()``; without one, the analysis knows of no measures
(``selectors.acting_measures`` collects the answers).
"""

from dataclasses import dataclass

from django.dispatch import Signal


@dataclass(frozen=True)
class ActingMeasure:
    dynamic_id: int
    title: str
    effect: str  # "strengthens" / "weakens"
    url: str
    status: str  # the status label a reader of the page may see


# Sent with ``dynamic_ids`` (None: all), ``user`` (None: the public, as the council sees
# it) and ``between`` ((start, end) or None: keep the measures whose period overlaps it).
# Each receiver answers a list of ActingMeasure, in one query whatever the count.
measures_acting_on_dynamics = Signal()
