"""Dynamics: findings assigned, suggestions computed in PostgreSQL, dismissed ones stay away."""

import pytest
from django.urls import reverse

from analysis import selectors
from analysis.models import ActorEffect, DismissedSuggestion, Dynamic, OptionLink, WorkshopOption
from tests.conftest import client_for
from tests.factories import (
    ActionOptionFactory,
    DynamicFactory,
    FindingFactory,
    InterviewFactory,
    OptionLinkFactory,
    StakeholderFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db

CLUB = "Die Sportvereine ziehen sich in ihre eigenen Vereinsstrukturen zurück."
CLUB2 = "Viele Vereine bleiben unter sich; neue Mitglieder aus zugewanderten Familien fehlen."
CLUB3 = "Der Verein im Ortsteil hat kaum noch Kontakt zu anderen Vereinen."
OTHER = "Die Wartelisten der Integrationskurse sind lang."


def _findings():
    interview = InterviewFactory()
    return {
        text: FindingFactory(interview=interview, statement=text)
        for text in (CLUB, CLUB2, CLUB3, OTHER)
    }


def test_officer_creates_a_dynamic_and_sees_suggestions(officer):
    findings = _findings()
    client = client_for(officer)
    response = client.post(
        reverse("analysis:dynamic_create"),
        {
            "title": "Rückzug in eigene Vereinsstrukturen",
            "description": "Vereine bleiben unter sich.",
        },
    )
    dynamic = Dynamic.objects.get()
    assert response.status_code == 302
    page = client.get(dynamic.get_absolute_url()).content.decode()
    assert CLUB in page
    assert CLUB2 in page
    suggested = [f.pk for f in selectors.suggestions(dynamic)]
    assert findings[CLUB].pk in suggested
    assert findings[OTHER].pk not in suggested


def test_accepting_and_dismissing_suggestions(officer):
    findings = _findings()
    dynamic = DynamicFactory(title="Rückzug in eigene Vereinsstrukturen", description="Vereine")
    client = client_for(officer)
    client.post(
        reverse("analysis:dynamic_assign", args=[dynamic.pk]), {"findings": [findings[CLUB].pk]}
    )
    assert list(dynamic.findings.all()) == [findings[CLUB]]
    client.post(
        reverse("analysis:suggestion_dismiss", args=[dynamic.pk]), {"finding": findings[CLUB3].pk}
    )
    assert DismissedSuggestion.objects.filter(dynamic=dynamic, finding=findings[CLUB3]).exists()
    suggested = [f.pk for f in selectors.suggestions(dynamic)]
    assert findings[CLUB].pk not in suggested  # already assigned
    assert findings[CLUB3].pk not in suggested  # dismissed: does not come back
    assert findings[CLUB2].pk in suggested


def test_a_finding_can_belong_to_several_dynamics(officer):
    finding = FindingFactory()
    first, second = DynamicFactory(), DynamicFactory()
    client = client_for(officer)
    for dynamic in (first, second):
        client.post(
            reverse("analysis:dynamic_assign", args=[dynamic.pk]), {"findings": [finding.pk]}
        )
    assert set(finding.dynamics.all()) == {first, second}


def test_duplicate_title_is_a_german_error_next_to_the_field(officer):
    DynamicFactory(title="Strukturwandel schwächt Nachbarschaftstreffs")
    response = client_for(officer).post(
        reverse("analysis:dynamic_create"),
        {"title": "Strukturwandel schwächt Nachbarschaftstreffs", "description": "neu getippt"},
    )
    assert response.status_code == 200
    assert "neu getippt" in response.content.decode()
    assert response.context["form"].errors["title"]


def test_reviewer_reads_but_cannot_assign(reviewer):
    dynamic = DynamicFactory()
    finding = FindingFactory()
    client = client_for(reviewer)
    assert client.get(dynamic.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("analysis:dynamic_assign", args=[dynamic.pk]), {"findings": [finding.pk]}
    )
    assert response.status_code == 403
    assert not dynamic.findings.exists()


@pytest.mark.parametrize("size", [2, 12])
def test_dynamic_page_queries_do_not_grow_with_findings(officer, size, django_assert_num_queries):
    dynamic = DynamicFactory(title="Vereine unter sich")
    interview = InterviewFactory()
    findings = [FindingFactory(interview=interview, statement=f"{CLUB} {i}") for i in range(size)]
    dynamic.findings.set(findings[: size // 2])
    for i in range(size):
        FindingFactory(interview=interview, statement=f"{CLUB2} Nummer {i}")
    client = client_for(officer)
    client.get(dynamic.get_absolute_url())  # warm the session and caches
    with django_assert_num_queries(QUERIES_DYNAMIC_PAGE):
        client.get(dynamic.get_absolute_url())


QUERIES_DYNAMIC_PAGE = 11


# --- removals: POST removes, says so and goes back; another record's link is not found -----


def _removal(client, url, back):
    """Posts a removal; returns the page it redirects to."""
    response = client.post(url, follow=True)
    assert response.redirect_chain == [(back, 302)]
    return response.content.decode()


def test_removing_an_option_link_and_a_stakeholder_from_a_dynamic(officer):
    client = client_for(officer)
    link = OptionLinkFactory()
    dynamic = link.dynamic
    actor = ActorEffect.objects.create(
        dynamic=dynamic, stakeholder=StakeholderFactory(), effect="strengthens"
    )
    other = DynamicFactory()
    back = reverse("analysis:dynamic_detail", args=[dynamic.pk])
    unlink = reverse("analysis:option_unlink", args=[dynamic.pk, link.pk])
    remove = reverse("analysis:actor_remove", args=[dynamic.pk, actor.pk])
    assert client.get(unlink).status_code == 405
    assert (
        client.post(reverse("analysis:option_unlink", args=[other.pk, link.pk])).status_code == 404
    )
    assert (
        client.post(reverse("analysis:actor_remove", args=[other.pk, actor.pk])).status_code == 404
    )
    assert "Die Verknüpfung wurde entfernt." in _removal(client, unlink, back)
    assert not OptionLink.objects.filter(pk=link.pk).exists()
    assert "Der Akteur wurde von dieser Dynamik entfernt." in _removal(client, remove, back)
    assert not ActorEffect.objects.filter(pk=actor.pk).exists()


def test_removing_an_option_from_a_workshop(officer):
    client = client_for(officer)
    workshop = WorkshopFactory()
    item = WorkshopOption.objects.create(workshop=workshop, option=ActionOptionFactory())
    url = reverse("analysis:workshop_option_remove", args=[workshop.pk, item.pk])
    assert (
        client.post(
            reverse("analysis:workshop_option_remove", args=[WorkshopFactory().pk, item.pk])
        ).status_code
        == 404
    )
    back = reverse("analysis:workshop_detail", args=[workshop.pk])
    assert "Die Handlungsoption wurde aus dem Workshop entfernt." in _removal(client, url, back)
    assert not WorkshopOption.objects.filter(pk=item.pk).exists()
