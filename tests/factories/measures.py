"""Measures: budget lines, expenditures, indicators and their progress, reviews."""

import datetime
from decimal import Decimal

import factory

from measures.models import BudgetLine, Expenditure, Indicator, Measure, ProgressEntry, Review
from tests.factories.people import UserFactory, funding_source


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    description = "Beschreibung der Maßnahme."
    status = Measure.Status.DRAFT
    proposed_by = factory.SubFactory(UserFactory, role="officer")
    starts_on = datetime.date(2026, 4, 1)
    ends_on = datetime.date(2027, 3, 31)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)

    @factory.post_generation
    def districts(self, create, extracted, **kwargs):
        if create and extracted:
            self.districts.set(extracted)


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


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    measure = factory.SubFactory(MeasureFactory)
    reviewer = factory.SubFactory(UserFactory, role="reviewer")
    decision = Review.Decision.APPROVE
    old_status = Measure.Status.IN_REVIEW
    new_status = Measure.Status.APPROVED
    reason = "intern"
