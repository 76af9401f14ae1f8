"""The figures cache counts the tables the selectors declare they read, and those are
exactly the tables the reports read: a selector that starts reading another table, or
stops reading one, fails here until its declaration says so."""

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from consultations import selectors as consultations
from council import figure_cache, reports
from council.models import ReportEdition
from council.selectors import COUNTED_MODELS
from measures import selectors as measures
from tests.council.conftest import make_world

K = ReportEdition.Kind
# Read besides the figures' data: the cache's own bookkeeping.
BOOKKEEPING = {"peine_figurechange", "peine_figure_cache"}


def test_the_counted_tables_are_those_of_the_declared_models():
    declared = {model._meta.db_table for model in COUNTED_MODELS}
    assert set(figure_cache.COUNTED_TABLES) == declared
    assert len(figure_cache.COUNTED_TABLES) == len(declared)
    assert set(measures.COUNCIL_READS) | set(consultations.COUNCIL_READS) <= set(COUNTED_MODELS)


@pytest.mark.django_db
def test_the_reports_read_exactly_the_declared_tables():
    world = make_world()
    subjects = [
        (K.DASHBOARD, ""),
        (K.SECTOR, "sprache-bildung"),
        (K.DISTRICT, "kernstadt"),
        (K.ROUND, str(world["released"].pk)),
    ]
    with CaptureQueriesContext(connection) as context:
        for kind, subject in subjects:
            for internal in (False, True):
                reports.get_report(kind, subject, internal=internal)
        for internal in (False, True):
            reports.report_index(RequestFactory().get("/rat/berichte/"), internal=internal)
    read = {
        table
        for query in context.captured_queries
        for table in re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', query["sql"])
    }
    assert read - BOOKKEEPING == set(figure_cache.COUNTED_TABLES)
