"""The test factories: one factory per model, one default each, for every test folder.

``from tests.factories import UserFactory, MeasureFactory, sector, ...``; the modules
below group them by app.
"""

from tests.factories.analysis import (
    DynamicFactory,
    InfluenceFactory,
    OptionLinkFactory,
    ReleaseFactory,
    WorkshopFactory,
)
from tests.factories.consultations import (
    NOTES_MARKER,
    PERSON_MARKER,
    ActionOptionFactory,
    DraftFactory,
    FindingFactory,
    InterviewFactory,
    RoundFactory,
    RoundSummaryFactory,
    today,
)
from tests.factories.measures import (
    BudgetLineFactory,
    ExpenditureFactory,
    IndicatorFactory,
    MeasureFactory,
    ProgressEntryFactory,
    ReviewFactory,
)
from tests.factories.people import (
    MFA_ROLES,
    TEST_PASSWORD,
    TEST_TOTP_SECRET,
    UserFactory,
    district,
    funding_source,
    goal,
    sector,
    target_group,
    totp_code,
)
from tests.factories.stakeholders import (
    ContactPersonFactory,
    RelationshipFactory,
    StakeholderFactory,
)
from tests.factories.summaries import EditionFactory

__all__ = [
    "MFA_ROLES",
    "NOTES_MARKER",
    "PERSON_MARKER",
    "TEST_PASSWORD",
    "TEST_TOTP_SECRET",
    "ActionOptionFactory",
    "BudgetLineFactory",
    "ContactPersonFactory",
    "DraftFactory",
    "DynamicFactory",
    "EditionFactory",
    "ExpenditureFactory",
    "FindingFactory",
    "IndicatorFactory",
    "InfluenceFactory",
    "InterviewFactory",
    "MeasureFactory",
    "OptionLinkFactory",
    "ProgressEntryFactory",
    "RelationshipFactory",
    "ReleaseFactory",
    "ReviewFactory",
    "RoundFactory",
    "RoundSummaryFactory",
    "StakeholderFactory",
    "UserFactory",
    "WorkshopFactory",
    "district",
    "funding_source",
    "goal",
    "sector",
    "target_group",
    "today",
    "totp_code",
]
