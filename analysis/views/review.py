"""The review: two rounds compared, and the comparison released to the council."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from analysis import selectors, services
from analysis.charts import paired_chart
from analysis.forms import CompareForm
from analysis.views.common import READ
from peine.roles import Capability, guard


@guard(READ)
@require_GET
def review(request):
    form = CompareForm(request.GET or None)
    comparison = None
    if form.is_bound and form.is_valid():
        comparison = selectors.compare(
            form.cleaned_data["later"], form.cleaned_data["earlier"], user=request.user
        )
    return render(
        request,
        "analysis/review.html",
        {"form": form, "comparison": comparison, **comparison_context(comparison)},
    )


def comparison_context(comparison) -> dict:
    """Charts and table sections of a comparison (live or released)."""
    if not comparison:
        return {"charts": {}, "sections": []}
    earlier, later = comparison["earlier"]["title"], comparison["later"]["title"]
    headings = (
        ("by_dynamic", _("Findings by dynamic")),
        ("by_sector", _("Findings by sector")),
        ("by_district", _("Findings by district")),
        ("by_kind", _("Findings by kind")),
    )
    charts = {
        name: paired_chart(
            title=title, rows=comparison[name], earlier_label=earlier, later_label=later
        )
        for name, title in headings
        if name != "by_district"
    }
    return {
        "charts": charts,
        "sections": [(name, title, comparison[name]) for name, title in headings],
    }


@guard(Capability.RELEASE_SUMMARIES)
@require_POST
def review_release(request):
    form = CompareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose two different rounds."))
        return redirect("analysis:review")
    release = services.release_comparison(
        later=form.cleaned_data["later"], earlier=form.cleaned_data["earlier"], user=request.user
    )
    messages.success(request, _("The comparison has been released to the council."))
    return redirect(release)
