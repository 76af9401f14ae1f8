"""Permission matrix rows of this app: see tests/matrix.py.

Officer edits; reviewer reads everything including contact persons; the council reads
names, kinds, sectors and districts only (no map, network or contacts); admin has no access.
"""

from tests.factories import (
    ContactPersonFactory,
    RelationshipFactory,
    StakeholderFactory,
)
from tests.matrix import row


def _stakeholder():
    return {"pk": StakeholderFactory().pk}


def _contact():
    return {"pk": ContactPersonFactory().pk}


def _relationship():
    return {"pk": RelationshipFactory().pk}


READ_ALL = {"officer": 200, "reviewer": 200, "council": 200}
READ_DETAILS = {"officer": 200, "reviewer": 200}
EDIT = {"officer": 200}

MATRIX = {
    "stakeholders:list": row(**READ_ALL),
    "stakeholders:create": row(**EDIT),
    # The picker's JSON (names only): whoever may read the register.
    "stakeholders:picker": row(**READ_ALL, query="?q=Verein"),
    "stakeholders:map": row(**READ_DETAILS),
    "stakeholders:import": row(**EDIT),
    # POST only: a GET is refused with 405 once the permission is checked.
    "stakeholders:import_confirm": row(officer=405),
    "stakeholders:import_template": row(**EDIT, query="?format=csv"),
    "stakeholders:detail": row(**READ_ALL, kwargs=_stakeholder),
    "stakeholders:edit": row(**EDIT, kwargs=_stakeholder),
    "stakeholders:archive": row(**EDIT, kwargs=_stakeholder),
    "stakeholders:network": row(**READ_DETAILS, kwargs=_stakeholder),
    "stakeholders:contact_create": row(**EDIT, kwargs=_stakeholder),
    "stakeholders:relationship_create": row(**EDIT, kwargs=_stakeholder),
    "stakeholders:contact_detail": row(**READ_DETAILS, kwargs=_contact),
    "stakeholders:contact_edit": row(**EDIT, kwargs=_contact),
    "stakeholders:contact_withdraw": row(**EDIT, kwargs=_contact),
    "stakeholders:contact_erase": row(**EDIT, kwargs=_contact),
    "stakeholders:relationship_delete": row(**EDIT, kwargs=_relationship),
}
