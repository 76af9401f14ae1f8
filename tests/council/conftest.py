import datetime
from decimal import Decimal

import pytest

from consultations import services
from measures.models import Measure
from stakeholders.models import Relationship
from tests.factories import (
    ActionOptionFactory,
    BudgetLineFactory,
    ContactPersonFactory,
    ExpenditureFactory,
    FindingFactory,
    InterviewFactory,
    MeasureFactory,
    ReviewFactory,
    RoundFactory,
    RoundSummaryFactory,
    StakeholderFactory,
    UserFactory,
    district,
    funding_source,
    sector,
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
    "confidential": "VERTRAULICHMARKER",
    "planned": "GEPLANTMARKER",
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
    released = RoundFactory(
        title="Runde Zusammenleben",
        status="closed",
        evaluation="Die Runde zeigt einen großen Bedarf an Sprachkursen.",
    )
    # An older release written under the old rules: its content is never read as text.
    RoundSummaryFactory(
        round=released,
        content={"contact_persons": [MARKERS["content"]], "statements": [MARKERS["content"]]},
    )
    interview = InterviewFactory(
        round=released, notes=MARKERS["notes"], district=district(), confidentiality="releasable"
    )
    interview.stakeholders.add(lead)
    interview.contact_persons.add(lead.contacts.first())
    FindingFactory(
        interview=interview,
        sector=sector(),
        kind="need",
        district=district(),
        statement="Mehr Sprachkurse am Abend.",
    )
    FindingFactory(interview=interview, sector=sector(), kind="tension")
    FindingFactory(interview=interview, sector=sector("arbeit-wirtschaft"), kind="resource")
    # Said in confidence: counted for the council, never quoted.
    secret = InterviewFactory(round=released, district=district(), confidentiality="confidential")
    FindingFactory(
        interview=secret,
        sector=sector("arbeit-wirtschaft"),
        kind="tension",
        district=district(),
        statement=MARKERS["confidential"],
    )
    # Only planned, not held: neither counted nor quoted.
    planned = InterviewFactory(round=released, status="planned", confidentiality="releasable")
    FindingFactory(interview=planned, sector=sector(), kind="need", statement=MARKERS["planned"])
    services.summary_release(consultation_round=released, user=UserFactory())
    unreleased = RoundFactory(title=MARKERS["unreleased"], status="running")
    FindingFactory(interview=InterviewFactory(round=unreleased), sector=sector(), kind="need")
    option = ActionOptionFactory(round=released)
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
        status=Measure.Status.DRAFT,
    )
    BudgetLineFactory(measure=draft, amount=Decimal("99999.00"))
    in_review = MeasureFactory(
        title="Maßnahme in Prüfung",
        sectors=[sector()],
        districts=[district()],
        status=Measure.Status.IN_REVIEW,
    )
    BudgetLineFactory(measure=in_review, amount=Decimal("5000.00"))
    return {
        "released": released,
        "unreleased": unreleased,
        "measures": measures,
        "overdue": overdue,
        "draft": draft,
        "in_review": in_review,
        "option": option,
    }


@pytest.fixture
def world(db):
    return make_world()
