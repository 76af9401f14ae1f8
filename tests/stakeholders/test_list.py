"""The register's list: filters, German search and sorting, exports, fixed query counts."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from stakeholders.models import Stakeholder
from tests.factories import ContactPersonFactory, StakeholderFactory, district, sector

LIST = reverse("stakeholders:list")

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [s.name for s in response.context["object_list"]]


def _make(count: int) -> None:
    schools = sector("sprache-bildung")
    core = district("kernstadt")
    for stakeholder in StakeholderFactory.create_batch(count):
        stakeholder.sectors.add(schools)
        stakeholder.districts.add(core)
        ContactPersonFactory(stakeholder=stakeholder)


# Queries of one list page (12): session, user, the user's roles (1, see peine.roles),
# the capped count, the sector and district choices of the filter form (2), the page's
# rows, their sectors, their districts, and the session save (savepoint, update, release).
@pytest.mark.parametrize("client_name", ["officer_client", "council_client"])
def test_list_runs_the_same_queries_for_10_and_500_rows(request, client_name):
    client = request.getfixturevalue(client_name)
    _make(10)
    client.get(
        LIST
    )  # the worker's first request reads the filter choices once (peine/taxonomy_cache.py)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    _make(490)
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST).status_code == 200
    assert len(few) == len(many)


def test_list_query_count_is_fixed(officer_client, django_assert_num_queries):
    _make(500)
    # (8: the session is no longer saved on every request, and roles and second factor
    # are read once per session, see peine/middleware.py)
    # (7: the filter choices are kept per taxonomy version, peine/taxonomy_cache.py)
    officer_client.get(
        LIST
    )  # the worker's first request reads the filter choices once (peine/taxonomy_cache.py)
    with django_assert_num_queries(7):
        officer_client.get(LIST + "?q=Verein&kind=initiative&sort=-influence&has_consent=1")


def test_export_runs_the_same_queries_for_10_and_500_rows(officer_client):
    _make(10)
    officer_client.get(
        LIST + "?format=csv"
    )  # the worker's first request reads the filter choices once (peine/taxonomy_cache.py)
    with CaptureQueriesContext(connection) as few:
        officer_client.get(LIST + "?format=csv")
    _make(490)
    with CaptureQueriesContext(connection) as many:
        response = officer_client.get(LIST + "?format=csv")
    assert len(few) == len(many)
    assert response.content.decode("utf-8-sig").count("\n") == 501


def test_search_finds_inflected_german_words(officer_client):
    StakeholderFactory(name="Berufsbildende Schulen Peine", description="")
    StakeholderFactory(name="Sportverein", description="Kooperation mit zwei Schulen")
    StakeholderFactory(name="Grundschule Südstadt", description="")
    StakeholderFactory(name="Tafel Peine", description="Lebensmittel")
    response = officer_client.get(LIST, {"q": "Schule"})
    assert sorted(_names(response)) == [
        "Berufsbildende Schulen Peine",
        "Grundschule Südstadt",
        "Sportverein",
    ]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Türk", "Türkisch-Islamische Gemeinde Peine (DİTİB)"),
        ("Радуга", "Elternverein „Радуга“ e.V."),
        ("الثقافية", "Syrischer Kulturverein – الجمعية الثقافية السورية"),
        ("Straße", "Initiative Große Straße"),
    ],
)
def test_search_finds_names_in_every_script(officer_client, query, found):
    for name in (
        "Türkisch-Islamische Gemeinde Peine (DİTİB)",
        "Elternverein „Радуга“ e.V.",
        "Syrischer Kulturverein – الجمعية الثقافية السورية",
        "Initiative Große Straße",
    ):
        StakeholderFactory(name=name, description="")
    assert _names(officer_client.get(LIST, {"q": query})) == [found]


def test_search_with_syntax_characters_gives_no_error(officer_client):
    StakeholderFactory(name="AWO Peine")
    for text in ["AWO & | ! ( ) :*", "'", "\\", "<script>", "x" * 200, "%_"]:
        assert officer_client.get(LIST, {"q": text}).status_code == 200


def test_names_sort_in_german_order(officer_client):
    for name in ["Zentrum", "Öffentliche Bücherei", "Arbeitskreis", "Ärztekammer", "obst e.V."]:
        StakeholderFactory(name=name)
    assert _names(officer_client.get(LIST, {"sort": "name"})) == [
        "Arbeitskreis",
        "Ärztekammer",
        "obst e.V.",
        "Öffentliche Bücherei",
        "Zentrum",
    ]


def test_filters_by_kind_sector_district_active_and_consent(officer_client):
    school = StakeholderFactory(name="Schule A", kind=Stakeholder.Kind.EDUCATION)
    school.sectors.add(sector("sprache-bildung"))
    school.districts.add(district("stederdorf"))
    ContactPersonFactory(stakeholder=school)
    club = StakeholderFactory(name="Verein B", kind=Stakeholder.Kind.SPORTS, active=False)
    withdrawn = ContactPersonFactory(stakeholder=club)
    withdrawn.consent_withdrawn_on = withdrawn.consent_given_on
    withdrawn.save()
    assert _names(officer_client.get(LIST, {"kind": "education"})) == ["Schule A"]
    assert _names(officer_client.get(LIST, {"sector": sector("sprache-bildung").pk})) == [
        "Schule A"
    ]
    assert _names(officer_client.get(LIST, {"district": district("stederdorf").pk})) == ["Schule A"]
    assert _names(officer_client.get(LIST, {"active": "0"})) == ["Verein B"]
    assert _names(officer_client.get(LIST, {"has_consent": "1"})) == ["Schule A"]
    assert _names(officer_client.get(LIST, {"has_consent": "0"})) == ["Verein B"]


@pytest.mark.parametrize(
    ("query", "status"),
    [({"kind": "nonsense"}, 200), ({"sector": "abc"}, 200), ({"district": "999999"}, 200),
     ({"sort": "password"}, 200), ({"active": "maybe"}, 200),
     # keyset pages: a page number means nothing (the first page), a forged cursor gives
     # the first page with a message
     ({"page": "x"}, 200), ({"page": "99999"}, 200), ({"after": "forged"}, 200)],
)  # fmt: skip
def test_bad_filter_input_never_gives_a_500(officer_client, query, status):
    StakeholderFactory()
    assert officer_client.get(LIST, query).status_code == status


def test_council_list_never_selects_contact_or_description_columns(council_client):
    ContactPersonFactory(stakeholder=StakeholderFactory(description="Geheimer Vermerk"))
    with CaptureQueriesContext(connection) as queries:
        response = council_client.get(LIST)
    sql = " ".join(query["sql"] for query in queries)
    assert "contactperson" not in sql
    assert '"description"' not in sql.replace('"peine_sector"."description"', "")
    assert "Geheimer Vermerk" not in response.content.decode()
    assert b"has_consent" not in response.content


def test_council_export_has_names_kinds_sectors_districts_only(council_client):
    stakeholder = StakeholderFactory(name="Caritas Peine", description="intern")
    stakeholder.sectors.add(sector("sprache-bildung"))
    response = council_client.get(LIST + "?format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Name", "Art", "Handlungsfelder", "Ortsteile"]
    assert rows[1] == ["Caritas Peine", "Initiative", "Sprache und Bildung", ""]


def test_export_contains_exactly_the_filtered_rows(officer_client):
    StakeholderFactory(name="Schule Ä", kind=Stakeholder.Kind.EDUCATION)
    StakeholderFactory(name="Verein", kind=Stakeholder.Kind.SPORTS)
    response = officer_client.get(LIST, {"kind": "education", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Schule Ä"]


def test_exports_keep_umlauts_and_neutralise_formulas(officer_client):
    StakeholderFactory(name='=HYPERLINK("http://evil")', description="+cmd")
    StakeholderFactory(name="Öztürk Çiçek Ğüß Ахмед أحمد")
    csv_text = officer_client.get(LIST + "?format=csv&sort=name").content
    assert csv_text.startswith("\ufeff".encode())
    text = csv_text.decode("utf-8-sig")
    assert "Öztürk Çiçek Ğüß Ахмед أحمد" in text
    assert "'=HYPERLINK" in text
    assert ";'+cmd;" in text
    sheet = load_workbook(
        io.BytesIO(officer_client.get(LIST + "?format=xlsx&sort=name").content)
    ).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Öztürk Çiçek Ğüß Ахмед أحمد" in cells
    assert '\'=HYPERLINK("http://evil")' in cells


def test_list_sends_no_store(officer_client):
    assert "no-store" in officer_client.get(LIST)["Cache-Control"]
