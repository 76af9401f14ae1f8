"""The stakeholder register: organisations, their contact persons and relationships."""

from datetime import date

import factory

from stakeholders.models import ContactPerson, Relationship, Stakeholder


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Verein Nummer {n:05d} e.V.")
    kind = Stakeholder.Kind.INITIATIVE
    description = "Ein Verein in Peine."
    influence = 3
    interest = 3


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    stakeholder = factory.SubFactory(StakeholderFactory)
    name = factory.Sequence(lambda n: f"Person Nummer {n}")
    function = "Vorsitz"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "05171 123456"
    consent_given_on = date(2025, 1, 1)
    consent_purpose = "Kontakt im Rahmen des Integrationskonzepts"


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    source = factory.SubFactory(StakeholderFactory)
    target = factory.SubFactory(StakeholderFactory)
    kind = Relationship.Kind.COOPERATES
    note = "Gemeinsames Sommerfest."
