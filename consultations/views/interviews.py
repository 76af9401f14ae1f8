"""Interviews: the one-page log with inline findings, planning, and the detail page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.forms.utils import ErrorDict, ErrorList
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from consultations import selectors, services
from consultations.forms import (
    FindingFormSet,
    InterviewDeleteForm,
    InterviewForm,
    PlanInterviewForm,
    clean_search_text,
)
from consultations.models import ConsultationRound, Interview, InterviewDraft
from consultations.signals import notes_read
from consultations.views.mixins import (
    draft_querydict,
    owner_token,
    pop_stashed_post,
    stash_post_and_login,
)
from peine.lib.concurrency import ConflictError
from peine.lib.history import history_page
from peine.lib.picker import search_view
from peine.roles import Capability, guard, has_capability


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


def _interview_form(request, interview: Interview, *, template: str):
    new = interview.pk is None
    draft = None
    data = request.POST if request.method == "POST" else None
    if request.method == "GET":
        # A form kept over an expired session becomes this user's server draft.
        stashed = pop_stashed_post(request)
        if stashed is not None:
            try:
                services.interview_draft_save(
                    author=request.user, interview=None if new else interview, data=stashed
                )
            except services.DraftTooLarge:
                data = stashed
        draft = selectors.interview_draft_for(request.user, interview)
        if draft is not None and data is None:
            data = draft_querydict(draft.data)
    form = InterviewForm(data, instance=interview, user=request.user)
    findings = FindingFormSet(data, instance=interview, prefix="findings")
    searching = request.method == "POST" and SEARCH_BUTTON in request.POST
    stakeholder_query = (
        clean_search_text(request.POST.get("stakeholder_q", "")) if searching else ""
    )
    if request.method == "GET" and data is not None:
        _silence(form, findings)  # a restored draft shows as typed, checked on saving
    elif searching:
        # Not a save: show the typed form again with the matching stakeholders, no errors.
        _silence(form, findings)
    elif request.method == "POST" and form.is_valid() and findings.is_valid():
        try:
            interview = services.interview_save(form=form, findings=findings)
        except ConflictError:
            form.add_conflict_error()
        else:
            services.interview_draft_discard(
                author=request.user, interview=None if new else interview
            )
            messages.success(request, _("The interview has been saved."))
            return redirect(interview)
    form.offer_choices(stakeholder_query)
    response = render(
        request,
        template,
        {
            "form": form,
            "findings": findings,
            "interview": interview,
            "draft": draft,
            "restored": data is not None and request.method == "GET",
            "stakeholder_query": stakeholder_query,
            "draft_owner": owner_token(request.user),
            "autosave_url": reverse("consultations:interview_create_draft")
            if new
            else reverse("consultations:interview_update_draft", args=[interview.pk]),
        },
    )
    # Older versions kept drafts of notes in localStorage: the form's page tells the
    # browser to drop this site's storage (the portal keeps nothing there any more).
    response["Clear-Site-Data"] = '"storage"'
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
    searching = request.method == "POST" and SEARCH_BUTTON in request.POST
    stakeholder_query = (
        clean_search_text(request.POST.get("stakeholder_q", "")) if searching else ""
    )
    if searching:
        form._errors = ErrorDict()  # not a save: the typed form again, with the matches
    elif request.method == "POST" and form.is_valid():
        services.interview_plan(form=form, consultation_round=round_)
        messages.success(request, _("The interview has been planned."))
        return redirect(round_)
    form.offer_choices(stakeholder_query)
    return render(
        request,
        "consultations/interview_plan.html",
        {"form": form, "round": round_, "stakeholder_query": stakeholder_query},
    )


@guard(Capability.READ_CONSULTATIONS)
@require_http_methods(["GET"])
def interview_detail(request, pk: int):
    """Officers read everything; reviewers neither the notes nor who was present."""
    try:
        interview = selectors.interview_for(request.user, pk)
    except Interview.DoesNotExist:
        raise Http404 from None
    may_read_notes = has_capability(request.user, Capability.READ_NOTES)
    if may_read_notes:
        notes_read.send(Interview, user=request.user, interview_ids=[interview.pk], channel="page")
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
            # Officers only; the notes stay out of the history table (they are above).
            "history": history_page(request, interview, hidden_fields={"notes"})
            if may_read_notes
            else None,
        },
    )


def _draft_signed_out(request):
    """A signed-out browser gets 401 JSON, so the autosave script can say so."""
    return JsonResponse(
        {
            "saved": False,
            "message": _(
                "Your session has expired: the draft is not being saved. "
                "Save the form: what you typed is kept over the sign-in."
            ),
        },
        status=401,
    )


@guard(Capability.RUN_CONSULTATIONS, anonymous=_draft_signed_out)
def interview_draft_autosave(request, pk: int | None = None):
    """Keeps the interview form's current text as the officer's server draft (JSON).

    Called every few seconds by the form's script while something changed; POST only,
    with the CSRF token. A signed-out browser gets 401 so the script can say so.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    interview = get_object_or_404(Interview, pk=pk) if pk else None
    too_large = _("The draft is too large to be kept (more than %(mb)s MB).") % {
        "mb": services.DRAFT_MAX_BYTES // 1_000_000
    }
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > services.DRAFT_MAX_BYTES:
        return JsonResponse({"saved": False, "message": too_large}, status=413)
    try:
        draft = services.interview_draft_save(
            author=request.user, interview=interview, data=request.POST
        )
    except services.DraftTooLarge:
        return JsonResponse({"saved": False, "message": too_large}, status=413)
    saved_at = timezone.localtime(draft.updated_at)
    return JsonResponse(
        {
            "saved": True,
            "saved_at": saved_at.isoformat(),
            "message": _("Draft saved at %(time)s.")
            % {"time": formats.time_format(saved_at, "H:i")},
        }
    )


@guard(Capability.RUN_CONSULTATIONS)
def interview_draft_discard(request, pk: int):
    """Deletes the officer's own draft (404 for anyone else's) and opens the empty form."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    draft = get_object_or_404(InterviewDraft, pk=pk, author=request.user)
    interview = draft.interview
    services.interview_draft_discard(author=request.user, interview=interview)
    messages.success(request, _("The draft has been discarded."))
    if interview is None:
        return redirect("consultations:interview_create")
    return redirect("consultations:interview_update", pk=interview.pk)


# Search-as-you-type of the interview form's checklists (JSON, bounded): the stakeholders
# matching the typed text, the persons of the ticked stakeholders.
interview_stakeholder_options = search_view(selectors.INTERVIEW_STAKEHOLDERS)
interview_person_options = search_view(selectors.INTERVIEW_PERSONS)


@guard(Capability.RUN_CONSULTATIONS)
@require_http_methods(["GET", "POST"])
def interview_delete(request, pk: int):
    """GET asks for confirmation and what becomes of the findings; POST deletes."""
    interview = get_object_or_404(Interview.objects.select_related("round"), pk=pk)
    form = InterviewDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["findings"] == InterviewDeleteForm.KEEP
        round_ = interview.round
        count = services.interview_delete(interview=interview, keep_findings=keep)
        if keep:
            text = ngettext(
                "The interview has been deleted; %(count)s finding is kept as “source deleted”.",
                "The interview has been deleted; %(count)s findings are kept as “source deleted”.",
                count,
            )
        else:
            text = ngettext(
                "The interview and %(count)s finding have been deleted.",
                "The interview and %(count)s findings have been deleted.",
                count,
            )
        messages.success(request, text % {"count": count})
        return redirect(round_)
    return render(
        request,
        "consultations/interview_delete.html",
        {"interview": interview, "form": form, "finding_count": interview.findings.count()},
    )
