"""The role groups' Django permissions, pinned: what ``sync_groups()`` gives each group.

Taken from the permission model as it stood when roles and capabilities were two tables;
one table now derives the groups, and this proves they did not move. A permission a role
gains or loses is a decision: change it here on purpose.
"""

import pytest
from django.contrib.auth.models import Group

from peine.roles import GRANTS, Role, sync_groups

PINNED = {
    Role.OFFICER: {
        "consultations.add_actionoption",
        "consultations.add_consultationround",
        "consultations.add_finding",
        "consultations.add_interview",
        "consultations.add_roundsummary",
        "consultations.change_actionoption",
        "consultations.change_consultationround",
        "consultations.change_finding",
        "consultations.change_interview",
        "consultations.change_roundsummary",
        "consultations.delete_finding",
        "consultations.delete_interview",
        "consultations.release_roundsummary",
        "consultations.view_actionoption",
        "consultations.view_consultationround",
        "consultations.view_finding",
        "consultations.view_interview",
        "consultations.view_interview_notes",
        "consultations.view_released_summary",
        "consultations.view_roundsummary",
        "measures.add_measure",
        "measures.change_measure",
        "measures.submit_measure",
        "measures.view_expenditure",
        "measures.view_indicator",
        "measures.view_measure",
        "measures.view_progressentry",
        "measures.view_review",
        "peine.add_reportedition",
        "peine.view_dashboard",
        "peine.view_internal_figures",
        "peine.view_reportedition",
        "privacy.handle_requests",
        "privacy.view_notereadlog",
        "privacy.view_records",
        "stakeholders.add_contactperson",
        "stakeholders.add_relationship",
        "stakeholders.add_stakeholder",
        "stakeholders.change_contactperson",
        "stakeholders.change_relationship",
        "stakeholders.change_stakeholder",
        "stakeholders.delete_contactperson",
        "stakeholders.delete_relationship",
        "stakeholders.view_contactperson",
        "stakeholders.view_relationship",
        "stakeholders.view_stakeholder",
    },
    Role.REVIEWER: {
        "consultations.view_actionoption",
        "consultations.view_consultationround",
        "consultations.view_finding",
        "consultations.view_interview",
        "consultations.view_released_summary",
        "consultations.view_roundsummary",
        "measures.add_expenditure",
        "measures.add_indicator",
        "measures.add_measure",
        "measures.add_progressentry",
        "measures.add_review",
        "measures.change_expenditure",
        "measures.change_indicator",
        "measures.change_measure",
        "measures.change_progressentry",
        "measures.change_review",
        "measures.delete_expenditure",
        "measures.delete_indicator",
        "measures.delete_progressentry",
        "measures.review_measure",
        "measures.submit_measure",
        "measures.view_expenditure",
        "measures.view_indicator",
        "measures.view_measure",
        "measures.view_progressentry",
        "measures.view_review",
        "peine.add_reportedition",
        "peine.view_dashboard",
        "peine.view_internal_figures",
        "peine.view_reportedition",
        "stakeholders.view_contactperson",
        "stakeholders.view_relationship",
        "stakeholders.view_stakeholder",
    },
    Role.COUNCIL: {
        "consultations.view_released_summary",
        "measures.view_expenditure",
        "measures.view_indicator",
        "measures.view_measure",
        "measures.view_progressentry",
        "peine.view_dashboard",
        "peine.view_reportedition",
        "stakeholders.view_stakeholder",
    },
    Role.ADMIN: {
        "auth.view_group",
        "peine.add_district",
        "peine.add_fundingsource",
        "peine.add_goal",
        "peine.add_sector",
        "peine.add_targetgroup",
        "peine.add_user",
        "peine.change_district",
        "peine.change_fundingsource",
        "peine.change_goal",
        "peine.change_sector",
        "peine.change_targetgroup",
        "peine.change_user",
        "peine.delete_district",
        "peine.delete_fundingsource",
        "peine.delete_goal",
        "peine.delete_sector",
        "peine.delete_targetgroup",
        "peine.view_district",
        "peine.view_fundingsource",
        "peine.view_goal",
        "peine.view_sector",
        "peine.view_targetgroup",
        "peine.view_user",
        "privacy.view_notereadlog",
        "privacy.view_records",
    },
}


@pytest.mark.django_db
def test_sync_groups_gives_each_role_exactly_its_pinned_permissions():
    Group.objects.filter(name__in=[role.value for role in Role]).delete()
    sync_groups()
    for role in Role:
        group = Group.objects.get(name=role.value)
        granted = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert granted == PINNED[role], role


def test_each_permission_comes_from_one_capability_so_its_holders_are_plain_to_see():
    granted = [permission for grant in GRANTS.values() for permission in grant.permissions]
    assert len(granted) == len(set(granted))
