"""Interviews: the one-page log with inline findings, planning, and the detail page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.forms.utils import ErrorDict, ErrorList
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from consultations import selectors, services
from consultations.forms import FindingFormSet, InterviewForm, PlanInterviewForm
from consultations.models import ConsultationRound, Interview
from consultations.views.mixins import pop_stashed_post, stash_post_and_login
from peine.lib.concurrency import ConflictError
from peine.lib.history import history_for
from peine.roles import Capability, guard, has_capability

CLEAR_DRAFT_SESSION_KEY = "consultations_clear_draft"


def _signed_out(request):
    """An expired session on a POST keeps what was typed (see ``stash_post_and_login``)."""
    if request.method == "POST":
        return stash_post_and_login(request)
    return redirect_to_login(request.get_full_path())


SEARCH_BUTTON = "_search_stakeholders"


def _silence(form, findings) -> None:
    """Marks the bound forms as checked without errors, so they render as typed."""
    form._errors = ErrorDict()
    findings._errors = [ErrorDict() for _ in findings.forms]
    findings._non_form_errors = ErrorList()
    for finding_form in findings.forms:
        finding_form._errors = ErrorDict()


def _draft_key(request) -> str:
    return f"peine-consultations-draft:{request.user.pk}:{request.path}"


def _interview_form(request, interview: Interview, *, template: str):
    restored = pop_stashed_post(request) if request.method == "GET" else None
    data = request.POST if request.method == "POST" else restored
    form = InterviewForm(data, instance=interview, user=request.user)
    findings = FindingFormSet(data, instance=interview, prefix="findings")
    searching = request.method == "POST" and SEARCH_BUTTON in request.POST
    stakeholder_query = request.POST.get("stakeholder_q", "").strip()[:100] if searching else ""
    if searching:
        # Not a save: show the typed form again with the matching stakeholders, no errors.
        form.narrow_stakeholders(stakeholder_query)
        _silence(form, findings)
    elif request.method == "POST" and form.is_valid() and findings.is_valid():
        try:
            interview = services.interview_save(form=form, findings=findings)
        except ConflictError:
            form.add_conflict_error()
        else:
            messages.success(request, _("The interview has been saved."))
            request.session[CLEAR_DRAFT_SESSION_KEY] = _draft_key(request)
            return redirect(interview)
    response = render(
        request,
        template,
        {
            "form": form,
            "findings": findings,
            "interview": interview,
            "restored": restored is not None,
            "stakeholder_query": stakeholder_query,
            "draft_key": _draft_key(request),
        },
    )
    patch_cache_control(response, no_store=True, private=True)
    return response


@guard(Capability.RUN_CONSULTATIONS, anonymous=_signed_out)
@require_http_methods(["GET", "POST"])
def interview_create(request):
    return _interview_form(request, Interview(), template="consultations/interview_form.html")


@guard(Capability.RUN_CONSULTATIONS, anonymous=_signed_out)
@require_http_methods(["GET", "POST"])
def interview_update(request, pk: int):
    """Edits an interview; a planned one becomes held when it is logged here."""
    interview = get_object_or_404(Interview.objects.select_related("round"), pk=pk)
    return _interview_form(request, interview, template="consultations/interview_form.html")


@guard(Capability.RUN_CONSULTATIONS, anonymous=_signed_out)
@require_http_methods(["GET", "POST"])
def interview_plan(request, pk: int):
    round_ = get_object_or_404(ConsultationRound, pk=pk)
    form = PlanInterviewForm(
        request.POST if request.method == "POST" else None,
        consultation_round=round_,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        services.interview_plan(form=form, consultation_round=round_)
        messages.success(request, _("The interview has been planned."))
        return redirect(round_)
    return render(request, "consultations/interview_plan.html", {"form": form, "round": round_})


@guard(Capability.READ_CONSULTATIONS)
@never_cache
@require_http_methods(["GET"])
def interview_detail(request, pk: int):
    """Officers read everything; reviewers neither the notes nor who was present."""
    try:
        interview = selectors.interview_for(request.user, pk)
    except Interview.DoesNotExist:
        raise Http404 from None
    may_read_notes = has_capability(request.user, Capability.READ_NOTES)
    findings = interview.findings.select_related("sector", "district").order_by(
        "sector__position", "kind", "id"
    )
    return render(
        request,
        "consultations/interview_detail.html",
        {
            "interview": interview,
            "findings": findings,
            "may_read_notes": may_read_notes,
            "show_summary": may_read_notes
            or interview.confidentiality != Interview.Confidentiality.CONFIDENTIAL,
            "clear_draft": request.session.pop(CLEAR_DRAFT_SESSION_KEY, ""),
            # Officers only; the notes stay out of the history table (they are above).
            "history": history_for(interview, hidden_fields={"notes"}) if may_read_notes else None,
        },
    )
