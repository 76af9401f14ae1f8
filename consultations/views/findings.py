"""The findings board of a round, linking findings to options, and the search."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from consultations import selectors, services
from consultations.filters import FindingFilter
from consultations.forms import LinkFindingsForm, SearchForm
from consultations.models import ConsultationRound, Finding
from peine.lib.pagination import capped_page
from peine.lib.views import FilteredListView
from peine.roles import Capability, guard, has_capability

BOARD_PER_GROUP = 5
# Options offered in the board's "link to option" <select>: a round has tens; beyond this
# the page says so, and an option's own page opens the board with it chosen (?option=).
BOARD_OPTIONS = 50


class FindingBoardView(FilteredListView):
    """Findings of one round grouped by sector and kind, with counts; CSV/XLSX export."""

    model = Finding
    filterset_class = FindingFilter
    capabilities = (Capability.READ_CONSULTATIONS,)
    template_name = "consultations/finding_board.html"
    keyset = True
    keyset_ordering = ["pk"]  # a group's own page: oldest first, index (round, sector, kind, id)
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

    def single_group(self) -> bool:
        """One sector and one kind chosen: the group's own page, paginated by keyset."""
        form = self.filterset.form
        return self.filterset.is_valid() and bool(
            form.cleaned_data.get("sector") and form.cleaned_data.get("kind")
        )

    def get_paginate_by(self, queryset):
        # The board shows at most BOARD_PER_GROUP findings per sector and kind; a group's
        # own page is paginated.
        return settings.LIST_PAGE_SIZE if self.single_group() else None

    def get_context_data(self, **kwargs):
        findings = self.object_list
        context = super().get_context_data(**kwargs)
        context["round"] = self.round
        context["counts"] = selectors.board_counts(findings)
        context["total"] = sum(entry["total"] for entry in context["counts"].values())
        context["kinds"] = Finding.Kind.labels
        context["single_group"] = self.single_group()
        if context["single_group"]:
            cleaned = self.filterset.form.cleaned_data
            context["group_sector"] = cleaned["sector"]
            context["group_kind"] = Finding.Kind(cleaned["kind"]).label
        else:
            first = selectors.board_first(findings, BOARD_PER_GROUP)
            context["groups"] = selectors.board_groups(context["counts"], first)
            context["per_group"] = BOARD_PER_GROUP
        if has_capability(self.request.user, Capability.RUN_CONSULTATIONS):
            context.update(self._options())
        return context

    def _options(self) -> dict:
        """The first BOARD_OPTIONS options by title, plus the one ``?option=`` names."""
        options = self.round.options.only("id", "title").order_by("title", "id")
        shown = list(options[: BOARD_OPTIONS + 1])
        more = len(shown) > BOARD_OPTIONS
        shown = shown[:BOARD_OPTIONS]
        chosen = self.request.GET.get("option", "")
        chosen = int(chosen) if chosen.isdecimal() and len(chosen) < 10 else None
        if chosen and chosen not in {option.pk for option in shown}:
            shown += list(options.filter(pk=chosen))
        return {
            "options": shown,
            "more_options": more,
            "chosen_option": chosen,
            "options_limit": BOARD_OPTIONS,
        }


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
        page = capped_page(request, selectors.search_findings(query), per_page=25, search=True)
        summaries = selectors.search_summaries(query, selectors.released_summaries())[:20]
        findings = page.object_list
    return render(
        request,
        "consultations/search.html",
        {"form": form, "findings": findings, "summaries": summaries, "page_obj": page},
    )
