"""Factories for measures and the few stakeholders and options they point to."""

import datetime
from decimal import Decimal

import factory

from consultations.models import ActionOption, ConsultationRound
from measures.models import BudgetLine, Expenditure, Indicator, Measure, ProgressEntry
from stakeholders.models import Stakeholder
from tests.factories import UserFactory, funding_source


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    name = factory.Sequence(lambda n: f"Verein Nummer {n} e. V.")
    kind = Stakeholder.Kind.INITIATIVE


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationRound

    title = factory.Sequence(lambda n: f"Gesprächsrunde {n}")
    starts_on = datetime.date(2026, 1, 15)
    ends_on = datetime.date(2026, 3, 31)


class ActionOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionOption

    round = factory.SubFactory(RoundFactory)
    title = factory.Sequence(lambda n: f"Sprachcafé im Quartier {n}")
    description = "Ein offener Treffpunkt zum Deutschüben mit Kinderbetreuung."


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    description = "Beschreibung der Maßnahme."
    proposed_by = factory.SubFactory(UserFactory, role="officer")
    starts_on = datetime.date(2026, 4, 1)
    ends_on = datetime.date(2027, 3, 31)


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    measure = factory.SubFactory(MeasureFactory)
    funding_source = factory.LazyFunction(funding_source)
    amount = Decimal("1000.00")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    measure = factory.SubFactory(MeasureFactory)
    name = "Teilnehmende"
    unit = "Personen"
    baseline = Decimal("0")
    target = Decimal("40")


class ProgressEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressEntry

    indicator = factory.SubFactory(IndicatorFactory)
    recorded_on = datetime.date(2026, 5, 1)
    value = Decimal("12")
    recorded_by = factory.SubFactory(UserFactory, role="reviewer")


class ExpenditureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expenditure

    measure = factory.SubFactory(MeasureFactory)
    funding_source = factory.LazyFunction(funding_source)
    spent_on = datetime.date(2026, 5, 1)
    amount = Decimal("100.00")
    recorded_by = factory.SubFactory(UserFactory, role="reviewer")
