"""Building the POST of the one-page interview form."""

from consultations.models import Interview


def interview_post(
    *,
    round_,
    held_on,
    stakeholders,
    interviewer,
    findings=(),
    notes="",
    summary="",
    contact_persons=(),
    district=None,
    version="",
    extra=None,
):
    data = {
        "round": str(round_.pk),
        "held_on": held_on.isoformat() if hasattr(held_on, "isoformat") else held_on,
        "format": Interview.Format.IN_PERSON,
        "stakeholders": [str(s.pk) for s in stakeholders],
        "contact_persons": [str(p.pk) for p in contact_persons],
        "interviewer": str(interviewer.pk),
        "district": str(district.pk) if district else "",
        "notes": notes,
        "summary": summary,
        "confidentiality": Interview.Confidentiality.CONFIDENTIAL,
        "version": version,
        "findings-TOTAL_FORMS": str(len(findings)),
        "findings-INITIAL_FORMS": "0",
        "findings-MIN_NUM_FORMS": "0",
        "findings-MAX_NUM_FORMS": "1000",
    }
    for index, finding in enumerate(findings):
        for key, value in finding.items():
            data[f"findings-{index}-{key}"] = value
    data.update(extra or {})
    return data


def finding_data(statement, sector, kind="need", district=None, assessment=""):
    return {
        "statement": statement,
        "sector": str(sector.pk),
        "kind": kind,
        "district": str(district.pk) if district else "",
        "assessment": assessment,
    }
