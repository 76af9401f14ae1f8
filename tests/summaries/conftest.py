import datetime
from decimal import Decimal

import pytest

from measures.models import Measure
from stakeholders.models import Relationship
from tests.factories import district, funding_source, sector
from tests.summaries.factories import (
    BudgetLineFactory,
    ContactPersonFactory,
    ExpenditureFactory,
    FindingFactory,
    InterviewFactory,
    MeasureFactory,
    OptionFactory,
    ReviewFactory,
    RoundFactory,
    RoundSummaryFactory,
    StakeholderFactory,
)

# Strings that must never reach a council page, PDF or CSV file.
MARKERS = {
    "contact": "KONTAKTMARKER",
    "email": "kontaktmarker@geheim.example",
    "notes": "NOTIZMARKER",
    "reason": "BEGRUENDUNGSMARKER",
    "relationship": "BEZIEHUNGSMARKER",
    "content": "INHALTSMARKER",
    "unreleased": "UNVEROEFFENTLICHTMARKER",
    "draft": "ENTWURFMARKER",
}


def make_world(n_measures: int = 3) -> dict:
    """A released round with findings, measures in several states, budget and spending,
    and personal data/notes carrying marker strings."""
    lead = StakeholderFactory()
    other = StakeholderFactory()
    ContactPersonFactory(stakeholder=lead, name=MARKERS["contact"], email=MARKERS["email"])
    Relationship.objects.create(
        source=lead, target=other, kind="cooperates", note=MARKERS["relationship"]
    )
    released = RoundFactory(title="Runde Zusammenleben")
    interview = InterviewFactory(round=released, notes=MARKERS["notes"], district=district())
    interview.stakeholders.add(lead)
    interview.contact_persons.add(lead.contacts.first())
    FindingFactory(interview=interview, sector=sector(), kind="need", district=district())
    FindingFactory(interview=interview, sector=sector(), kind="tension")
    FindingFactory(interview=interview, sector=sector("arbeit-wirtschaft"), kind="resource")
    RoundSummaryFactory(
        round=released,
        content={
            "interviews_held": 7,
            "contact_persons": [MARKERS["content"]],
            "statements": ["Mehr Sprachkurse am Abend."],
        },
    )
    unreleased = RoundFactory(title=MARKERS["unreleased"], status="running")
    FindingFactory(interview=InterviewFactory(round=unreleased), sector=sector(), kind="need")
    option = OptionFactory(round=released)
    measures = []
    for index in range(n_measures):
        measure = MeasureFactory(
            sectors=[sector()],
            districts=[district(), district("stederdorf")],
            lead=lead,
            origin_option=option,
            status=Measure.Status.IN_PROGRESS,
            starts_on=datetime.date(2025 + index % 2, 3, 1),
        )
        BudgetLineFactory(measure=measure, amount=Decimal("10000.00"))
        BudgetLineFactory(
            measure=measure,
            funding_source=funding_source("land-niedersachsen"),
            amount=Decimal("2500.25"),
        )
        ExpenditureFactory(measure=measure, amount=Decimal("1234.50"))
        ReviewFactory(measure=measure, reason=MARKERS["reason"])
        measures.append(measure)
    overdue = MeasureFactory(
        sectors=[sector("arbeit-wirtschaft")],
        status=Measure.Status.APPROVED,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
    )
    draft = MeasureFactory(
        title=MARKERS["draft"],
        sectors=[sector()],
        districts=[district()],
        status=Measure.Status.IN_REVIEW,
    )
    BudgetLineFactory(measure=draft, amount=Decimal("99999.00"))
    return {
        "released": released,
        "unreleased": unreleased,
        "measures": measures,
        "overdue": overdue,
        "draft": draft,
        "option": option,
    }


@pytest.fixture
def world(db):
    return make_world()
