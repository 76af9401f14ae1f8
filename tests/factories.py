"""Factories for the shared models. Each app's factories live in tests/<app>/factories.py."""

import factory
from django.contrib.auth.models import Group

from peine.models import District, FundingSource, Goal, Sector, TargetGroup, User
from peine.roles import Role

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@peine.example")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=Role(extracted).value))
            if extracted == Role.ADMIN:
                self.is_staff = True
                self.save(update_fields=["is_staff"])


def district(slug: str = "kernstadt") -> District:
    return District.objects.get(slug=slug)


def sector(slug: str = "sprache-bildung") -> Sector:
    return Sector.objects.get(slug=slug)


def target_group(slug: str = "familien") -> TargetGroup:
    return TargetGroup.objects.get(slug=slug)


def funding_source(slug: str = "eu-amif") -> FundingSource:
    return FundingSource.objects.get(slug=slug)


def goal(code: str = "1.1") -> Goal:
    return Goal.objects.get(code=code)
