"""Options for action (Handlungsoptionen) of a round."""

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from consultations import selectors, services
from consultations.forms import ActionOptionForm
from consultations.models import ActionOption, ConsultationRound
from consultations.views.mixins import VersionedFormMixin
from peine.lib.concurrency import ConflictError


class RoundMixin:
    """Loads the round of the URL once the permission is checked."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(self.permission_required):
            self.round = get_object_or_404(ConsultationRound, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(round=self.round, **kwargs)


class OptionListView(PermissionRequiredMixin, RoundMixin, ListView):
    permission_required = "consultations.view_actionoption"
    template_name = "consultations/option_list.html"
    context_object_name = "options"

    def get_queryset(self):
        return selectors.options_for(self.round)


class OptionCreateView(PermissionRequiredMixin, RoundMixin, CreateView):
    permission_required = "consultations.add_actionoption"
    form_class = ActionOptionForm
    template_name = "consultations/option_form.html"

    def get_initial(self):
        # Findings ticked on the board arrive as ?findings=1&findings=2.
        ids = [i for i in self.request.GET.getlist("findings") if i.isdigit()]
        return {"findings": ids} if ids else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "consultation_round": self.round}

    def form_valid(self, form):
        form.instance.round = self.round
        try:
            self.object = services.versioned_save(form=form)
        except ConflictError:  # pragma: no cover - a new record has no rival
            form.add_conflict_error()
            return self.form_invalid(form)
        messages.success(self.request, _("The option for action has been created."))
        return redirect(self.object)


class OptionDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "consultations.view_actionoption"
    template_name = "consultations/option_detail.html"
    context_object_name = "option"

    def get_queryset(self):
        return ActionOption.objects.select_related("round").prefetch_related("sectors")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["findings"] = self.object.findings.select_related("sector", "district")
        context["measure_url"] = ""
        if self.request.user.has_perm("measures.add_measure"):
            # The measures app owns "turn this option into a measure"; linked once it exists.
            with contextlib.suppress(NoReverseMatch):
                context["measure_url"] = reverse(
                    "measures:create_from_option", kwargs={"option_pk": self.object.pk}
                )
        context["statuses"] = [
            status for status in ActionOption.Status if status != self.object.status
        ]
        return context


class OptionUpdateView(PermissionRequiredMixin, VersionedFormMixin, UpdateView):
    permission_required = "consultations.change_actionoption"
    model = ActionOption
    form_class = ActionOptionForm
    template_name = "consultations/option_form.html"
    context_object_name = "option"
    success_message = _("The option for action has been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "consultation_round": self.object.round}

    def get_context_data(self, **kwargs):
        return super().get_context_data(round=self.object.round, **kwargs)


@login_required
@permission_required("consultations.change_actionoption", raise_exception=True)
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
