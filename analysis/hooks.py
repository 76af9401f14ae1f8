"""What later apps tell the analysis about dynamics, without the analysis importing them.

Dependencies point one way (DESIGN.md): ``measures`` may point to dynamics, the analysis
never imports ``measures``. Yet the analysis pages show which measures act on a dynamic,
the gaps (dynamics no option and no measure addresses) and, in the review, the measures
that acted between two rounds. ``measures`` registers a provider here in its
``AppConfig.ready()``; without one, the analysis simply knows of no measures.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ActingMeasure:
    dynamic_id: int
    title: str
    effect: str  # "strengthens" / "weakens"
    url: str
    status: str  # the status label a reader of the page may see


# provider(dynamic_ids, user, between) -> list[ActingMeasure]; one query, whatever the count.
Provider = Callable[
    [Iterable[int] | None, object, tuple[datetime.date, datetime.date] | None], list
]
_PROVIDERS: list[Provider] = []


def register_measure_provider(provider: Provider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def acting_measures(dynamic_ids=None, *, user=None, between=None) -> dict[int, list[ActingMeasure]]:
    """The measures acting on the given dynamics (all when None), by dynamic id.
    ``between`` (start, end) keeps those whose period overlaps it."""
    result: dict[int, list[ActingMeasure]] = {}
    for provider in _PROVIDERS:
        for measure in provider(dynamic_ids, user, between):
            result.setdefault(measure.dynamic_id, []).append(measure)
    return result
