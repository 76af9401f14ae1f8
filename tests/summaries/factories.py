"""Small factories for the records the council summaries read."""

import datetime
from decimal import Decimal

import factory

from consultations.models import ActionOption, ConsultationRound, Finding, Interview, RoundSummary
from measures.models import BudgetLine, Expenditure, Measure, Review
from peine.summaries.models import ReportEdition
from stakeholders.models import ContactPerson, Stakeholder
from tests.factories import UserFactory, funding_source, sector


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    name = factory.Sequence(lambda n: f"Verein {n} Peine")
    kind = Stakeholder.Kind.INITIATIVE


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    stakeholder = factory.SubFactory(StakeholderFactory)
    name = factory.Sequence(lambda n: f"Kontakt {n}")
    email = factory.Sequence(lambda n: f"kontakt{n}@verein.example")
    phone = "05171 000000"


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationRound

    title = factory.Sequence(lambda n: f"Gesprächsrunde {n}")
    guiding_question = "Was wollen wir werden?"
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2026, 6, 30)
    status = ConsultationRound.Status.EVALUATED


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    round = factory.SubFactory(RoundFactory)
    held_on = datetime.date(2026, 2, 1)
    interviewer = factory.SubFactory(UserFactory)
    notes = "vertraulich"
    summary = ""


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    interview = factory.SubFactory(InterviewFactory)
    round = factory.SelfAttribute("interview.round")
    statement = factory.Sequence(lambda n: f"Aussage {n}")
    sector = factory.LazyFunction(sector)
    kind = Finding.Kind.NEED


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionOption

    round = factory.SubFactory(RoundFactory)
    title = factory.Sequence(lambda n: f"Option {n}")


class RoundSummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoundSummary

    round = factory.SubFactory(RoundFactory)
    version = 1
    evaluation = "Die Runde zeigt einen großen Bedarf an Sprachkursen."
    content = factory.LazyFunction(lambda: {"interviews_held": 12})
    released_on = datetime.date(2026, 7, 15)
    released_by = factory.SubFactory(UserFactory)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    status = Measure.Status.IN_PROGRESS
    starts_on = datetime.date(2026, 3, 1)
    ends_on = datetime.date(2027, 12, 31)
    proposed_by = factory.SubFactory(UserFactory)

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
    amount = Decimal("10000.00")


class ExpenditureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expenditure

    measure = factory.SubFactory(MeasureFactory)
    funding_source = factory.LazyFunction(funding_source)
    spent_on = datetime.date(2026, 5, 1)
    amount = Decimal("1234.50")
    recorded_by = factory.SubFactory(UserFactory)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    measure = factory.SubFactory(MeasureFactory)
    reviewer = factory.SubFactory(UserFactory)
    decision = Review.Decision.APPROVE
    old_status = Measure.Status.IN_REVIEW
    new_status = Measure.Status.APPROVED
    reason = "intern"


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportEdition

    kind = ReportEdition.Kind.DASHBOARD
    title = "Ratsübersicht (Stand: 12.03.2027)"
    meeting_date = datetime.date(2027, 3, 12)
    data_as_of = factory.LazyFunction(
        lambda: datetime.datetime(2027, 3, 1, 9, 0, tzinfo=datetime.UTC)
    )
    content = "<p>eingefroren</p>"
    figures = factory.LazyFunction(dict)
    created_by = factory.SubFactory(UserFactory)
