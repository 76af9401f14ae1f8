"""Permission matrix rows of this app: see tests/matrix.py.

Reviewers read rounds, interviews (without notes), findings and options; the council reads
released summaries only; admins see nothing of the consultations.
"""

from tests.factories import (
    ActionOptionFactory,
    DraftFactory,
    InterviewFactory,
    RoundFactory,
    RoundSummaryFactory,
)
from tests.matrix import row


def _round():
    return {"pk": RoundFactory().pk}


def _interview():
    return {"pk": InterviewFactory().pk}


def _option():
    return {"pk": ActionOptionFactory().pk}


def _summary():
    return {"pk": RoundSummaryFactory().pk}


READ = {"officer": 200, "reviewer": 200}
ALL_READERS = {"officer": 200, "reviewer": 200, "council": 200}

MATRIX = {
    "consultations:round_list": row(**READ),
    "consultations:round_create": row(officer=200),
    "consultations:round_detail": row(**READ, kwargs=_round),
    "consultations:round_update": row(officer=200, kwargs=_round),
    "consultations:round_evaluation": row(officer=200, kwargs=_round),
    # GET shows the confirmation (running -> closed).
    "consultations:round_transition": row(
        officer=200, kwargs=lambda: {"pk": RoundFactory().pk, "to": "closed"}
    ),
    "consultations:interview_plan": row(officer=200, kwargs=_round),
    "consultations:finding_board": row(**READ, kwargs=_round),
    "consultations:findings_link": row(officer=405, kwargs=_round),
    "consultations:option_list": row(**READ, kwargs=_round),
    "consultations:option_create": row(officer=200, kwargs=_round),
    "consultations:summary_release": row(officer=200, kwargs=_round),
    "consultations:interview_create": row(officer=200),
    "consultations:interview_detail": row(**READ, kwargs=_interview),
    "consultations:interview_update": row(officer=200, kwargs=_interview),
    # GET shows the confirmation; only the officer may delete an interview.
    "consultations:interview_delete": row(officer=200, kwargs=_interview),
    "consultations:option_detail": row(**READ, kwargs=_option),
    "consultations:option_update": row(officer=200, kwargs=_option),
    "consultations:option_status": row(
        officer=200, kwargs=lambda: {"pk": ActionOptionFactory().pk, "to": "adopted"}
    ),
    "consultations:search": row(**READ),
    "consultations:summary_list": row(**ALL_READERS),
    "consultations:summary_detail": row(**ALL_READERS, kwargs=_summary),
    # Autosave of the interview form: POST only (GET 405 for officers), JSON 401 when the
    # session has expired (the script says so); POST rows are in test_drafts.py.
    "consultations:interview_create_draft": row(anonymous=401, officer=405),
    "consultations:interview_update_draft": row(anonymous=401, officer=405, kwargs=_interview),
    "consultations:interview_draft_discard": row(
        officer=405, kwargs=lambda: {"pk": DraftFactory().pk}
    ),
    # Search-as-you-type of the interview form's pickers (JSON).
    "consultations:interview_stakeholder_options": row(officer=200, query="?q=verein"),
    "consultations:interview_person_options": row(officer=200),
}
