"""Rounds: list with progress, detail, create and edit, status changes, evaluation."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from consultations import selectors, services
from consultations.forms import EvaluationForm, RoundForm
from consultations.models import ConsultationRound, Interview
from consultations.views.mixins import VersionedFormMixin
from peine.lib.history import history_page
from peine.lib.pagination import CappedPaginator, section_page
from peine.roles import Capability, GuardMixin, guard


class RoundListView(GuardMixin, ListView):
    """Rounds newest first, 25 a page (numbered: a district has a few hundred rounds)."""

    capabilities = (Capability.READ_CONSULTATIONS,)
    template_name = "consultations/round_list.html"
    context_object_name = "rounds"
    paginate_by = 25
    paginator_class = CappedPaginator

    def get_queryset(self):
        return selectors.rounds_with_progress().order_by("-starts_on", "-id")


class RoundDetailView(GuardMixin, DetailView):
    """The round with its progress; planned and held interviews each in pages of 25, paged
    by their own parameter (``?planned=2``, ``?held=3``) so one table keeps its page while
    the other turns."""

    capabilities = (Capability.READ_CONSULTATIONS,)
    template_name = "consultations/round_detail.html"
    context_object_name = "round"
    interviews_per_page = 25

    def get_queryset(self):
        return selectors.rounds_with_progress()

    def _page(self, queryset, param: str, anchor: str):
        return section_page(self.request, queryset, self.interviews_per_page, param, anchor)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.object
        interviews = selectors.interviews_for(self.request.user, round_).order_by("-held_on", "-id")
        context.update(
            planned_interviews=self._page(
                interviews.filter(status=Interview.Status.PLANNED), "planned", "planned-interviews"
            ),
            held_interviews=self._page(
                interviews.filter(status=Interview.Status.HELD), "held", "held-interviews"
            ),
            progress=selectors.round_progress(round_),
            transitions=[
                ConsultationRound.Status(to)
                for old, to in sorted(services.ROUND_TRANSITIONS)
                if old == round_.status
            ],
            summaries=round_.summaries.only("id", "version", "released_on", "round_id"),
            history=history_page(self.request, round_),
        )
        return context


class RoundCreateView(GuardMixin, CreateView):
    capabilities = (Capability.RUN_CONSULTATIONS,)
    form_class = RoundForm
    template_name = "consultations/round_form.html"

    def form_valid(self, form):
        self.object = services.round_save(form=form)
        messages.success(self.request, _("The consultation round has been created."))
        return HttpResponseRedirect(reverse("consultations:round_detail", args=[self.object.pk]))


class RoundUpdateView(GuardMixin, VersionedFormMixin, UpdateView):
    capabilities = (Capability.RUN_CONSULTATIONS,)
    model = ConsultationRound
    form_class = RoundForm
    template_name = "consultations/round_form.html"
    context_object_name = "round"
    success_message = _("The consultation round has been saved.")
    save = staticmethod(services.round_save)


class RoundEvaluationView(GuardMixin, VersionedFormMixin, UpdateView):
    capabilities = (Capability.RUN_CONSULTATIONS,)
    model = ConsultationRound
    form_class = EvaluationForm
    template_name = "consultations/round_evaluation.html"
    context_object_name = "round"
    success_message = _("The evaluation has been saved.")
    save = staticmethod(services.round_save)


@guard(Capability.RUN_CONSULTATIONS)
@require_http_methods(["GET", "POST"])
def round_transition(request, pk: int, to: str):
    """GET: the confirmation; POST: the status change."""
    if to not in ConsultationRound.Status.values:
        raise Http404
    round_ = get_object_or_404(ConsultationRound, pk=pk)
    target = ConsultationRound.Status(to)
    allowed = (round_.status, target) in services.ROUND_TRANSITIONS
    if request.method == "POST":
        try:
            services.round_transition(consultation_round=round_, to=target)
        except services.ConsultationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("The round is now “%(status)s”.") % {"status": target.label}
            )
        return redirect("consultations:round_detail", pk=round_.pk)
    return render(
        request,
        "consultations/round_transition.html",
        {"round": round_, "target": target, "allowed": allowed},
    )
