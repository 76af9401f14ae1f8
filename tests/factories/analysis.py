"""Factories of the analysis."""

import datetime

import factory

from analysis.models import Dynamic, Effect, Influence, OptionLink, Release, Workshop
from tests.factories.people import UserFactory


class DynamicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dynamic
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Dynamik {n}")
    description = "Eine Entwicklung im Zusammenleben."


class InfluenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Influence
        skip_postgeneration_save = True

    source = factory.SubFactory(DynamicFactory)
    target = factory.SubFactory(DynamicFactory)
    effect = Effect.STRENGTHENS
    strength = 2
    reason = "Weil das eine das andere verstärkt."


class OptionLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OptionLink

    dynamic = factory.SubFactory(DynamicFactory)
    option = factory.SubFactory("tests.factories.consultations.ActionOptionFactory")
    effect = Effect.WEAKENS


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Werkstatt {n}")
    held_on = datetime.date(2026, 3, 12)
    place = "Forum Peine"


class ReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Release

    kind = Release.Kind.MAP
    title = "Systemkarte"
    content = factory.LazyFunction(
        lambda: {
            "nodes": [
                {"id": 1, "title": "A", "finding_count": 1, "option_count": 0, "measure_count": 0},
                {"id": 2, "title": "B", "finding_count": 2, "option_count": 1, "measure_count": 0},
            ],
            "edges": [
                {"source": 1, "target": 2, "effect": "strengthens", "strength": 2, "reason": "x"},
                {"source": 2, "target": 1, "effect": "weakens", "strength": 1, "reason": "y"},
            ],
        }
    )
    released_on = datetime.date(2026, 4, 1)
    released_by = factory.SubFactory(UserFactory, role="officer")
