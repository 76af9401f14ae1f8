"""Consultation rounds: interviews, findings, options for action, released summaries."""

import datetime

import factory
from django.utils import timezone

from consultations.models import (
    ActionOption,
    ConsultationRound,
    Finding,
    Interview,
    InterviewDraft,
    RoundSummary,
)
from tests.factories.people import UserFactory, sector
from tests.factories.stakeholders import StakeholderFactory

NOTES_MARKER = "GEHEIMNOTIZ-7Q4X"
PERSON_MARKER = "Gesprächsperson Quendolin Markerfeld"


def today() -> datetime.date:
    return timezone.localdate()


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationRound
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Gesprächsrunde {n}")
    guiding_question = "Was wollen wir werden?"
    starts_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=60))
    ends_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=60))
    status = ConsultationRound.Status.RUNNING


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    held_on = factory.LazyAttribute(lambda o: o.round.starts_on + datetime.timedelta(days=1))
    interviewer = factory.SubFactory(UserFactory, role="officer")
    district = None
    notes = f"Vertraulich: {NOTES_MARKER}"
    summary = "Ein Gespräch über Nachbarschaft."
    confidentiality = Interview.Confidentiality.INTERNAL

    @factory.post_generation
    def stakeholders(self, create, extracted, **kwargs):
        if create:
            self.stakeholders.set(extracted or [StakeholderFactory()])


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    interview = factory.SubFactory(InterviewFactory)
    round = factory.LazyAttribute(lambda o: o.interview.round)
    statement = "Im Quartier fehlen Orte, an denen sich Nachbarn begegnen."
    sector = factory.LazyFunction(sector)
    kind = Finding.Kind.NEED


class ActionOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionOption
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    title = factory.Sequence(lambda n: f"Begegnungscafé {n}")
    description = "Ein offenes Café im Stadtteilzentrum."


class RoundSummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoundSummary

    round = factory.SubFactory(RoundFactory, status=ConsultationRound.Status.EVALUATED)
    version = 1
    evaluation = "Die Runde zeigt großen Bedarf an Begegnung und Sprachkursen."
    content = factory.LazyAttribute(
        lambda o: {
            "title": o.round.title,
            "guiding_question": o.round.guiding_question,
            "starts_on": o.round.starts_on.isoformat(),
            "ends_on": o.round.ends_on.isoformat(),
            "interview_count": 0,
            "by_stakeholder_kind": [],
            "by_format": [],
            "finding_count": 0,
            "findings_by_sector": [],
            "options": [],
        }
    )
    released_on = factory.LazyFunction(today)
    released_by = factory.SubFactory(UserFactory, role="officer")


class DraftFactory(factory.django.DjangoModelFactory):
    """A server draft of the interview form (of a new interview unless one is given)."""

    class Meta:
        model = InterviewDraft

    author = factory.SubFactory(UserFactory, role="officer")
    interview = None
    data = factory.LazyFunction(
        lambda: {"notes": [f"Entwurf {NOTES_MARKER}"], "findings-TOTAL_FORMS": ["0"]}
    )
