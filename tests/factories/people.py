"""People (users with a role and a second factor) and the taxonomy look-ups."""

import time

import factory
from django.contrib.auth.models import Group

from peine.models import District, FundingSource, Goal, Sector, TargetGroup, User
from peine.roles import Role

TEST_PASSWORD = "correct-horse-battery-staple"
# The authenticator-app secret (base32) of every factory user of a role that must use a
# second factor; compute a code with ``totp_code(TEST_TOTP_SECRET)``.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
MFA_ROLES = {Role.OFFICER, Role.REVIEWER, Role.ADMIN}


def totp_code(secret: str = TEST_TOTP_SECRET, *, step: int = 0) -> str:
    """The authenticator-app code for ``secret`` (allauth's own TOTP helper): the current
    one, or with ``step=1`` the next period's (the portal accepts one period either side,
    and refuses a code used before, so a second sign-in within 30 s needs the next one)."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


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
        self._factory_role = extracted
        if create and extracted:
            self.groups.add(Group.objects.get(name=Role(extracted).value))
            if extracted == Role.ADMIN:
                self.is_staff = True
                self.save(update_fields=["is_staff"])

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        """Officer, reviewer and admin get an authenticator app (TEST_TOTP_SECRET) unless
        ``mfa=False``; ``mfa=True`` gives one to any role."""
        wanted = extracted if extracted is not None else self._factory_role in MFA_ROLES
        if create and wanted:
            from allauth.mfa.totp.internal.auth import TOTP

            TOTP.activate(self, TEST_TOTP_SECRET)


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
