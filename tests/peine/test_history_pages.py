"""The change history on detail pages is bounded: the latest 20 entries, older ones paged
by ``?history=``, with the same number of queries for 5 events as for 60."""

import re

import pghistory
import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peine.lib.history import HISTORY_PER_PAGE, history_page
from tests.factories import (
    ContactPersonFactory,
    InterviewFactory,
    MeasureFactory,
    RoundFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db


def _edit(obj, field: str, times: int, user=None) -> None:
    """``times`` updates of ``obj``, each changing ``field`` (one event each)."""
    with pghistory.context(user=user.pk if user else None):
        for n in range(times):
            setattr(obj, field, f"Fassung {n:03d}")
            obj.save()


def _rows(html: str) -> list[str]:
    table = html.split('<table class="history">', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr>\s*<th scope=\"row\">", table)


def test_history_page_shows_the_latest_twenty_and_pages_back_to_the_creation(officer):
    stakeholder = StakeholderFactory()
    _edit(stakeholder, "description", 44, officer)  # 45 events with the insert
    request = RequestFactory().get("/", {"history": "3", "relationships": "2"})
    first = history_page(RequestFactory().get("/"), stakeholder)
    assert len(first) == HISTORY_PER_PAGE == 20
    assert first[0].changes["Beschreibung"][1] == "Fassung 043"
    assert first.paginator.count == 45
    last = history_page(request, stakeholder)
    assert [change.label for change in last][-1] == "insert"
    assert len(last) == 5
    # The other tables' pages are kept in the links.
    assert last.previous_url == "?history=2&relationships=2#change-history"


def test_saves_that_changed_nothing_a_reader_sees_are_left_out_by_the_database(officer):
    stakeholder = StakeholderFactory()
    for _ in range(25):
        stakeholder.save()  # only updated_at and the version change
    _edit(stakeholder, "description", 1, officer)
    page = history_page(RequestFactory().get("/"), stakeholder)
    assert page.paginator.count == 2
    assert [change.label for change in page] == ["update", "insert"]


def test_hidden_fields_do_not_make_rows(officer):
    interview = InterviewFactory()
    _edit(interview, "notes", 3, officer)
    page = history_page(RequestFactory().get("/"), interview, hidden_fields={"notes"})
    assert [change.label for change in page] == ["insert"]


def test_a_bad_page_number_gives_the_first_or_last_page_not_an_error(officer):
    stakeholder = StakeholderFactory()
    _edit(stakeholder, "description", 25, officer)
    for value in ("x", "-1", "999999999999999999999"):
        page = history_page(RequestFactory().get("/", {"history": value}), stakeholder)
        assert len(page) in (6, 20)


def _detail_pages(officer):
    stakeholder = StakeholderFactory()
    contact = ContactPersonFactory(stakeholder=stakeholder)
    round_ = RoundFactory()
    interview = InterviewFactory(round=round_)
    return [
        (stakeholder, "description", reverse("stakeholders:detail", args=[stakeholder.pk])),
        (contact, "phone", reverse("stakeholders:contact_detail", args=[contact.pk])),
        (round_, "guiding_question", reverse("consultations:round_detail", args=[round_.pk])),
        (interview, "summary", reverse("consultations:interview_detail", args=[interview.pk])),
    ]


def test_every_detail_page_shows_twenty_entries_links_on_and_keeps_its_queries(
    officer, officer_client
):
    for obj, field, url in _detail_pages(officer):
        _edit(obj, field, 4, officer)
        with CaptureQueriesContext(connection) as few:
            html = officer_client.get(url).content.decode()
        assert len(_rows(html)) == 5, url
        assert "?history=2" not in html
        _edit(obj, field, 60, officer)
        with CaptureQueriesContext(connection) as many:
            html = officer_client.get(url).content.decode()
        assert len(_rows(html)) == HISTORY_PER_PAGE, url
        assert 'href="?history=2#change-history"' in html, url
        assert "Seite 1 von 4" in html
        assert len(many.captured_queries) == len(few.captured_queries), url
        older = officer_client.get(url, {"history": "4"}).content.decode()
        assert len(_rows(older)) == 5, url
        assert 'href="?history=3#change-history"' in older


def test_round_and_interview_open_their_history_when_it_is_paged(officer, officer_client):
    round_ = RoundFactory()
    _edit(round_, "guiding_question", 25, officer)
    url = reverse("consultations:round_detail", args=[round_.pk])
    assert '<details class="history">' in officer_client.get(url).content.decode()
    html = officer_client.get(url, {"history": "2"}).content.decode()
    assert '<details class="history" open>' in html


def test_a_measure_history_given_as_a_list_is_paged_on_the_page_too(officer, officer_client):
    measure = MeasureFactory(proposed_by=officer)
    _edit(measure, "description", 30, officer)
    url = reverse("measures:detail", args=[measure.pk])
    html = officer_client.get(url).content.decode()
    assert len(_rows(html)) == HISTORY_PER_PAGE
    assert 'href="?history=2#change-history"' in html
    older = officer_client.get(url, {"history": "2"}).content.decode()
    assert len(_rows(older)) == 11  # 30 updates and the insert
