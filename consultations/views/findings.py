"""The findings board of a round, linking findings to options, and the search."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from consultations import selectors, services
from consultations.filters import FindingFilter
from consultations.forms import LinkFindingsForm, SearchForm
from consultations.models import ConsultationRound, Finding
from peine.lib.views import FilteredListView
from peine.roles import Capability, guard, has_capability


class FindingBoardView(FilteredListView):
    """Findings of one round grouped by sector and kind, with counts; CSV/XLSX export."""

    model = Finding
    filterset_class = FindingFilter
    capabilities = (Capability.READ_CONSULTATIONS,)
    template_name = "consultations/finding_board.html"
    paginate_by = None
    export_columns = [
        (gettext_lazy("sector"), lambda f: f.sector.name),
        (gettext_lazy("kind"), lambda f: f.get_kind_display()),
        (gettext_lazy("district"), lambda f: f.district.name if f.district else ""),
        (gettext_lazy("statement"), lambda f: f.statement),
        (gettext_lazy("assessment"), lambda f: f.assessment),
        (
            gettext_lazy("options for action"),
            lambda f: "; ".join(option.title for option in f.options.all()),
        ),
    ]
    export_filename = "erkenntnisse"

    @cached_property
    def round(self):
        return get_object_or_404(ConsultationRound, pk=self.kwargs["pk"])

    def get_queryset(self):
        return selectors.findings_for_board(self.round)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        findings = context["object_list"]
        context["round"] = self.round
        context["counts"] = selectors.board_counts(findings)
        context["total"] = sum(entry["total"] for entry in context["counts"].values())
        context["kinds"] = Finding.Kind.labels
        if has_capability(self.request.user, Capability.RUN_CONSULTATIONS):
            context["options"] = self.round.options.only("id", "title")
        return context


@guard(Capability.RUN_CONSULTATIONS)
@require_POST
def findings_link(request, pk: int):
    round_ = get_object_or_404(ConsultationRound, pk=pk)
    form = LinkFindingsForm(request.POST, consultation_round=round_)
    if form.is_valid():
        count = services.findings_link(
            option=form.cleaned_data["option"], findings=list(form.cleaned_data["findings"])
        )
        messages.success(
            request,
            _("%(count)s findings linked to “%(option)s”.")
            % {"count": count, "option": form.cleaned_data["option"].title},
        )
    else:
        messages.error(request, _("Choose an option for action and at least one finding."))
    return redirect("consultations:finding_board", pk=round_.pk)


@guard(Capability.READ_CONSULTATIONS)
@require_GET
def search(request):
    """German full-text search over findings and released summaries."""
    form = SearchForm(request.GET or None)
    findings = summaries = None
    page = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"]
        page = Paginator(selectors.search_findings(query), 25).get_page(request.GET.get("page"))
        summaries = selectors.search_summaries(query, selectors.released_summaries())[:20]
        findings = page.object_list
    return render(
        request,
        "consultations/search.html",
        {"form": form, "findings": findings, "summaries": summaries, "page_obj": page},
    )
