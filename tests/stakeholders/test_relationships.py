"""Relationships between stakeholders, shown both ways, and the network page."""

from django.urls import reverse

from stakeholders.models import Relationship
from tests.factories import RelationshipFactory, StakeholderFactory


def test_officer_records_a_relationship_shown_on_both_sides(officer_client, officer):
    caritas = StakeholderFactory(name="Caritas Peine")
    table = StakeholderFactory(name="Runder Tisch Flucht")
    response = officer_client.post(
        reverse("stakeholders:relationship_create", args=[caritas.pk]),
        {
            "kind": "member_of",
            "target": table.pk,
            "since": "2015-09-01",
            "note": "Gründungsmitglied",
        },
    )
    assert response.status_code == 302
    relationship = Relationship.objects.get()
    assert relationship.created_by == officer
    for side in (caritas, table):
        detail = officer_client.get(reverse("stakeholders:detail", args=[side.pk]))
        assert "Gründungsmitglied" in detail.content.decode()


def test_duplicate_and_self_relationships_are_refused_with_a_message(officer_client):
    relationship = RelationshipFactory()
    url = reverse("stakeholders:relationship_create", args=[relationship.source_id])
    duplicate = officer_client.post(
        url, {"kind": relationship.kind, "target": relationship.target_id, "note": "noch mal"}
    )
    assert duplicate.status_code == 200
    assert duplicate.context["form"].errors["target"]
    itself = officer_client.post(url, {"kind": "funds", "target": relationship.source_id})
    assert itself.status_code == 200
    assert Relationship.objects.count() == 1


def test_bad_relationship_input_gives_no_500(officer_client):
    source = StakeholderFactory()
    url = reverse("stakeholders:relationship_create", args=[source.pk])
    for data in [{"kind": "x", "target": "abc"}, {"kind": "funds", "target": "999999"},
                 {"kind": "funds", "target": source.pk, "since": "2025-13-45"}]:  # fmt: skip
        assert officer_client.post(url, data).status_code == 200


def test_removing_a_relationship_asks_first(officer_client):
    relationship = RelationshipFactory()
    url = reverse("stakeholders:relationship_delete", args=[relationship.pk])
    assert officer_client.get(url).status_code == 200
    assert Relationship.objects.exists()
    assert officer_client.post(url).status_code == 302
    assert not Relationship.objects.exists()
    assert officer_client.put(url).status_code == 405


def test_network_shows_neighbours_in_svg_and_table(reviewer_client):
    relationship = RelationshipFactory(kind="tension")
    response = reviewer_client.get(reverse("stakeholders:network", args=[relationship.target_id]))
    content = response.content.decode()
    assert '<svg class="stakeholder-network"' in content
    assert 'role="img"' in content
    assert content.count(relationship.source.name) >= 2  # in the picture and in the table
    assert "edge--tension" in content


def test_council_sees_no_relationships(council_client):
    relationship = RelationshipFactory(note="vertraulich")
    detail = council_client.get(reverse("stakeholders:detail", args=[relationship.source_id]))
    assert "vertraulich" not in detail.content.decode()
    network = reverse("stakeholders:network", args=[relationship.source_id])
    assert council_client.get(network).status_code == 403
