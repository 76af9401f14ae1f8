"""Permission matrix rows of the analysis: see tests/matrix.py.

The officer edits, the reviewer reads, the council reads released versions only, the
admin sees nothing of the analysis.
"""

from tests.factories import (
    DynamicFactory,
    InfluenceFactory,
    OptionLinkFactory,
    ReleaseFactory,
    WorkshopFactory,
)
from tests.matrix import row


def _dynamic():
    return {"pk": DynamicFactory().pk}


def _influence():
    return {"pk": InfluenceFactory().pk}


def _workshop():
    return {"pk": WorkshopFactory().pk}


def _release():
    return {"pk": ReleaseFactory().pk}


def _link():
    link = OptionLinkFactory()
    return {"pk": link.dynamic_id, "link_pk": link.pk}


READ = {"officer": 200, "reviewer": 200}
ALL_READERS = {"officer": 200, "reviewer": 200, "council": 200}

MATRIX = {
    "analysis:dynamic_list": row(**READ),
    "analysis:dynamic_create": row(officer=200),
    "analysis:dynamic_detail": row(**READ, kwargs=_dynamic),
    "analysis:dynamic_update": row(officer=200, kwargs=_dynamic),
    # POST only: GET is 405 for the officer, who may post.
    "analysis:dynamic_assign": row(officer=405, kwargs=_dynamic),
    "analysis:dynamic_unassign": row(officer=405, kwargs=_dynamic),
    "analysis:suggestion_dismiss": row(officer=405, kwargs=_dynamic),
    "analysis:option_link": row(officer=405, kwargs=_dynamic),
    "analysis:option_unlink": row(officer=405, kwargs=_link),
    "analysis:actor_set": row(officer=405, kwargs=_dynamic),
    "analysis:actor_remove": row(officer=405, kwargs=lambda: {"pk": 1, "actor_pk": 1}),
    "analysis:influence_create": row(officer=200),
    "analysis:influence_update": row(officer=200, kwargs=_influence),
    "analysis:influence_delete": row(officer=200, kwargs=_influence),
    "analysis:map": row(**READ),
    "analysis:map_release": row(officer=200),
    "analysis:workshop_list": row(**READ),
    "analysis:workshop_create": row(officer=200),
    "analysis:workshop_detail": row(**READ, kwargs=_workshop),
    "analysis:workshop_update": row(officer=200, kwargs=_workshop),
    "analysis:workshop_participants": row(officer=405, kwargs=_workshop),
    "analysis:workshop_participant_remove": row(officer=405, kwargs=_workshop),
    "analysis:workshop_option": row(officer=405, kwargs=_workshop),
    "analysis:workshop_option_remove": row(officer=405, kwargs=lambda: {"pk": 1, "item_pk": 1}),
    # The pickers' JSON (titles only): the influence form's dynamics (officer), the rounds
    # of the review and the workshop form (whoever reads the consultations).
    "analysis:dynamic_picker": row(officer=200, query="?q=Dynamik"),
    "analysis:round_picker": row(**READ, query="?q=Runde"),
    "analysis:review": row(**READ),
    "analysis:review_release": row(officer=405),
    "analysis:release_list": row(**ALL_READERS),
    "analysis:release_detail": row(**ALL_READERS, kwargs=_release),
}
