"""Permission matrix rows of this app: see tests/matrix.py.

officer and reviewer see the internal dashboard, the council the released figures; the
IT administration has no business with them. Editions are frozen by officer and reviewer.
"""

from tests.matrix import row


def _sector():
    # get_or_create: live-server tests flush the tables, and the migrations' taxonomies
    # are not always restored before this runs (see the report to the lead).
    from peine.models import Sector

    Sector.objects.get_or_create(slug="sprache-bildung", defaults={"name": "Sprache und Bildung"})
    return {"subject": "sprache-bildung"}


def _district():
    from peine.models import District

    District.objects.get_or_create(
        slug="stederdorf", defaults={"name": "Stederdorf", "kind": "village"}
    )
    return {"subject": "stederdorf"}


def _released_round():
    from tests.factories import RoundSummaryFactory

    return {"subject": RoundSummaryFactory().round_id}


def _edition():
    from tests.factories import EditionFactory

    return {"pk": EditionFactory().pk}


READ = {"officer": 200, "reviewer": 200, "council": 200}

MATRIX = {
    "council:dashboard": row(**READ),
    "council:dashboard_pdf": row(**READ),
    "council:dashboard_csv": row(**READ),
    "council:report_index": row(**READ),
    "council:sector_report": row(**READ, kwargs=_sector),
    "council:sector_report_pdf": row(**READ, kwargs=_sector),
    "council:sector_report_csv": row(**READ, kwargs=_sector),
    "council:district_report": row(**READ, kwargs=_district),
    "council:district_report_pdf": row(**READ, kwargs=_district),
    "council:district_report_csv": row(**READ, kwargs=_district),
    "council:round_report": row(**READ, kwargs=_released_round),
    "council:round_report_pdf": row(**READ, kwargs=_released_round),
    "council:round_report_csv": row(**READ, kwargs=_released_round),
    "council:edition_list": row(**READ),
    "council:edition_create": row(officer=200, reviewer=200),
    "council:edition_detail": row(**READ, kwargs=_edition),
    "council:edition_pdf": row(**READ, kwargs=_edition),
    "council:edition_csv": row(**READ, kwargs=_edition),
}
