"""A stakeholder's page shows its interviews and measures, registered by those apps."""

import datetime

import pytest
from django.urls import reverse

from consultations.models import Interview
from measures.models import Measure
from tests.conftest import client_for
from tests.factories import MeasureFactory, RoundFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stakeholder_with_work(officer):
    stakeholder = StakeholderFactory(name="Caritas Migrationsdienst")
    consultation_round = RoundFactory()
    interview = Interview.objects.create(
        round=consultation_round,
        held_on=datetime.date(2026, 2, 3),
        interviewer=officer,
        notes="NOTIZMARKER vertraulich",
    )
    interview.stakeholders.add(stakeholder)
    MeasureFactory(title="Sprachcafé", lead=stakeholder, status=Measure.Status.IN_PROGRESS)
    MeasureFactory(title="Entwurf Lotsen", lead=stakeholder, status=Measure.Status.DRAFT)
    partner = MeasureFactory(title="Sportfest", status=Measure.Status.APPROVED)
    partner.partners.add(stakeholder)
    return stakeholder


def _page(user, stakeholder) -> str:
    response = client_for(user).get(reverse("stakeholders:detail", args=[stakeholder.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_officer_sees_interviews_and_all_measures_of_a_stakeholder(officer, stakeholder_with_work):
    html = _page(officer, stakeholder_with_work)
    assert "03.02.2026" in html
    assert "Sprachcafé" in html
    assert "Sportfest" in html
    assert "Entwurf Lotsen" in html
    assert "NOTIZMARKER" not in html


def test_reviewer_sees_interviews_without_notes(reviewer, stakeholder_with_work):
    html = _page(reviewer, stakeholder_with_work)
    assert "03.02.2026" in html
    assert "NOTIZMARKER" not in html


def test_council_sees_measures_but_no_interviews_and_no_drafts(council, stakeholder_with_work):
    html = _page(council, stakeholder_with_work)
    assert "Sprachcafé" in html
    assert "Sportfest" in html
    assert "Entwurf Lotsen" not in html
    assert "03.02.2026" not in html
    assert "Gespräche" not in html


def test_panels_come_in_the_order_of_the_apps_and_empty_answers_leave_no_trace(
    officer, council, stakeholder_with_work
):
    html = _page(officer, stakeholder_with_work)
    # consultations before measures in INSTALLED_APPS, so interviews before measures.
    assert html.index('id="stakeholder-interviews"') < html.index('id="stakeholder-measures"')
    html = _page(council, stakeholder_with_work)
    assert 'id="stakeholder-interviews"' not in html
    assert 'id="stakeholder-measures"' in html


def test_each_receiver_is_connected_once_however_often_the_apps_get_ready():
    from django.apps import apps

    from stakeholders.signals import stakeholder_detail_panels

    before = len(stakeholder_detail_panels.receivers)
    apps.get_app_config("consultations").ready()
    apps.get_app_config("measures").ready()
    assert len(stakeholder_detail_panels.receivers) == before == 2
