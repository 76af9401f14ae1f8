"""Options for action (Handlungsoptionen) of a round."""

import contextlib

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from consultations import selectors, services
from consultations.forms import ActionOptionForm
from consultations.models import ActionOption, ConsultationRound
from consultations.signals import option_detail_panels
from consultations.views.mixins import VersionedFormMixin
from peine.lib.concurrency import ConflictError
from peine.lib.pagination import CappedPaginator
from peine.roles import Capability, GuardMixin, guard, has_capability


class RoundMixin:
    """The round of the URL, loaded when first used (after the guard)."""

    @cached_property
    def round(self):
        return get_object_or_404(ConsultationRound, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(round=self.round, **kwargs)


class OptionListView(GuardMixin, RoundMixin, ListView):
    """The round's options by title, 25 a page."""

    capabilities = (Capability.READ_CONSULTATIONS,)
    template_name = "consultations/option_list.html"
    context_object_name = "options"
    paginate_by = 25
    paginator_class = CappedPaginator

    def get_queryset(self):
        return selectors.options_for(self.round).order_by("title", "id")


class OptionCreateView(GuardMixin, RoundMixin, CreateView):
    capabilities = (Capability.RUN_CONSULTATIONS,)
    form_class = ActionOptionForm
    template_name = "consultations/option_form.html"

    def get_initial(self):
        # Findings ticked on the board arrive as ?findings=1&findings=2.
        ids = [i for i in self.request.GET.getlist("findings") if i.isdigit()]
        return {"findings": ids} if ids else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "consultation_round": self.round}

    def form_valid(self, form):
        try:
            self.object = services.option_save(form=form, consultation_round=self.round)
        except ConflictError:  # pragma: no cover - a new record has no rival
            form.add_conflict_error()
            return self.form_invalid(form)
        messages.success(self.request, _("The option for action has been created."))
        return redirect(self.object)


class OptionDetailView(GuardMixin, DetailView):
    capabilities = (Capability.READ_CONSULTATIONS,)
    template_name = "consultations/option_detail.html"
    context_object_name = "option"

    def get_queryset(self):
        return ActionOption.objects.select_related("round").prefetch_related("sectors")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["findings"] = self.object.findings.select_related("sector", "district")
        context["measure_url"] = ""
        if has_capability(
            self.request.user, Capability.PROPOSE_MEASURES, Capability.RUN_CONSULTATIONS
        ):
            # The measures app owns "turn this option into a measure"; linked once it exists.
            with contextlib.suppress(NoReverseMatch):
                context["measure_url"] = reverse(
                    "measures:create_from_option", kwargs={"option_pk": self.object.pk}
                )
        # Later apps (the analysis: workshops and dynamics) add their sections here.
        answers = option_detail_panels.send(ActionOption, request=self.request, option=self.object)
        context["panels"] = [html for _receiver, html in answers if html]
        context["statuses"] = [
            status for status in ActionOption.Status if status != self.object.status
        ]
        return context


class OptionUpdateView(GuardMixin, VersionedFormMixin, UpdateView):
    capabilities = (Capability.RUN_CONSULTATIONS,)
    model = ActionOption
    form_class = ActionOptionForm
    template_name = "consultations/option_form.html"
    context_object_name = "option"
    success_message = _("The option for action has been saved.")
    save = staticmethod(services.option_save)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "consultation_round": self.object.round}

    def get_context_data(self, **kwargs):
        return super().get_context_data(round=self.object.round, **kwargs)


@guard(Capability.RUN_CONSULTATIONS)
@require_http_methods(["GET", "POST"])
def option_status(request, pk: int, to: str):
    """GET: the confirmation; POST: sets open / adopted / discarded."""
    if to not in ActionOption.Status.values:
        raise Http404
    option = get_object_or_404(ActionOption.objects.select_related("round"), pk=pk)
    target = ActionOption.Status(to)
    if request.method == "POST":
        try:
            services.option_set_status(option=option, to=target)
        except services.ConsultationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("The option is now “%(status)s”.") % {"status": target.label}
            )
        return redirect(option)
    return render(request, "consultations/option_status.html", {"option": option, "target": target})
