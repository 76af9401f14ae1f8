"""The findings board's "link to option" <select> offers at most 50 options of the round
(by title); beyond that the page says so, and an option's page opens the board with it
chosen."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.models import ActionOption
from consultations.views.findings import BOARD_OPTIONS
from tests.factories import FindingFactory, InterviewFactory, RoundFactory

pytestmark = pytest.mark.django_db


def _options(round_, n: int, start: int = 0) -> list[ActionOption]:
    return ActionOption.objects.bulk_create(
        ActionOption(round=round_, title=f"Option {i:03}") for i in range(start, start + n)
    )


def _offered(html: str) -> list[str]:
    select = html.split('<select name="option" id="link-option"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="(\d+)"', select)


def test_a_round_with_tens_of_options_offers_them_all_without_a_note(officer_client):
    round_ = RoundFactory()
    options = _options(round_, 12)
    html = officer_client.get(reverse("consultations:finding_board", args=[round_.pk]))
    html = html.content.decode()
    assert _offered(html) == [str(option.pk) for option in options]
    assert "link-option-more" not in html


def test_more_than_fifty_options_offer_the_first_fifty_and_say_where_the_others_are(
    officer_client,
):
    round_ = RoundFactory()
    FindingFactory(interview=InterviewFactory(round=round_))
    options = _options(round_, 5)
    url = reverse("consultations:finding_board", args=[round_.pk])
    officer_client.get(url)  # the worker's first request reads the filter choices once
    with CaptureQueriesContext(connection) as few:
        officer_client.get(url)
    options += _options(round_, 200, start=5)
    with CaptureQueriesContext(connection) as many:
        html = officer_client.get(url).content.decode()
    assert len(many) == len(few)
    assert _offered(html) == [str(option.pk) for option in options[:BOARD_OPTIONS]]
    assert BOARD_OPTIONS == 50
    assert "die ersten 50 Handlungsoptionen nach Titel" in html
    assert reverse("consultations:option_list", args=[round_.pk]) in html
    # From option 150's own page: the board with it offered and chosen.
    late = options[150]
    detail = officer_client.get(reverse("consultations:option_detail", args=[late.pk]))
    link = f"{url}?option={late.pk}"
    assert link in detail.content.decode()
    html = officer_client.get(link).content.decode()
    assert _offered(html)[-1] == str(late.pk)
    assert f'<option value="{late.pk}" selected>' in html
    assert len(_offered(html)) == BOARD_OPTIONS + 1


def test_an_option_of_another_round_or_garbage_is_not_offered(officer_client):
    round_ = RoundFactory()
    _options(round_, 60)
    foreign = _options(RoundFactory(), 1, start=500)[0]
    url = reverse("consultations:finding_board", args=[round_.pk])
    for value in (str(foreign.pk), "abc", "99999999999"):
        response = officer_client.get(url, {"option": value})
        assert response.status_code == 200
        assert len(_offered(response.content.decode())) == BOARD_OPTIONS
