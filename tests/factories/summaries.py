"""Frozen editions of the council's reports."""

import datetime

import factory

from council.models import ReportEdition
from tests.factories.people import UserFactory


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
