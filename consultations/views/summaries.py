"""Released summaries: the release by the officer and what the council reads."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, ListView

from consultations import selectors, services
from consultations.forms import SearchForm, SummaryReleaseForm
from consultations.models import ConsultationRound, RoundSummary
from peine.lib.pagination import CappedPaginator
from peine.roles import Capability, GuardMixin, guard


class SummaryListView(GuardMixin, ListView):
    """The council's entry point: every released version, newest first; searchable."""

    capabilities = (Capability.READ_SUMMARIES,)
    template_name = "consultations/summary_list.html"
    context_object_name = "summaries"
    paginate_by = 25
    paginator_class = CappedPaginator

    def get_queryset(self):
        queryset = selectors.released_summaries()
        self.search_form = SearchForm(self.request.GET or None)
        if self.search_form.is_valid() and self.search_form.cleaned_data["q"].strip():
            return selectors.search_summaries(self.search_form.cleaned_data["q"], queryset)
        return queryset.order_by("-released_on", "-id")

    def get_context_data(self, **kwargs):
        return super().get_context_data(search_form=self.search_form, **kwargs)


class SummaryDetailView(GuardMixin, DetailView):
    """A released summary exactly as it was released (the frozen content)."""

    capabilities = (Capability.READ_SUMMARIES,)
    template_name = "consultations/summary_detail.html"
    context_object_name = "summary"

    def get_queryset(self):
        return RoundSummary.objects.select_related("round").only(
            "id",
            "version",
            "evaluation",
            "content",
            "released_on",
            "round__id",
            "round__title",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["content"] = selectors.readable_content(self.object.content)
        context["other_versions"] = (
            RoundSummary.objects.filter(round_id=self.object.round_id)
            .exclude(pk=self.object.pk)
            .only("id", "version", "released_on")
            .order_by("-version")
        )
        return context


@guard(Capability.RELEASE_SUMMARIES)
@require_http_methods(["GET", "POST"])
def summary_release(request, pk: int):
    """GET: a preview of what the council will read; POST: releases it as a new version."""
    round_ = get_object_or_404(ConsultationRound, pk=pk)
    form = SummaryReleaseForm(
        request.POST if request.method == "POST" else None, consultation_round=round_
    )
    if request.method == "POST" and form.is_valid():
        try:
            summary = services.summary_release(
                consultation_round=round_,
                user=request.user,
                release_findings=[f.pk for f in form.cleaned_data["release_findings"]],
            )
        except services.ConsultationError as error:
            messages.error(request, str(error))
            return redirect("consultations:summary_release", pk=round_.pk)
        messages.success(
            request,
            _("Version %(version)s of the summary has been released to the council.")
            % {"version": summary.version},
        )
        return redirect(summary)
    problems = []
    if round_.status not in (ConsultationRound.Status.CLOSED, ConsultationRound.Status.EVALUATED):
        problems.append(_("Close the round before releasing its summary."))
    if not round_.evaluation.strip():
        problems.append(_("Write the evaluation before releasing the summary."))
    return render(
        request,
        "consultations/summary_release.html",
        {
            "round": round_,
            "content": selectors.summary_content(round_),
            "evaluation": round_.evaluation,
            "problems": problems,
            "form": form,
            "released": round_.summaries.only("id", "version", "released_on"),
        },
    )
