"""What the analysis views share: the capabilities they ask for, paging, the search box."""

from analysis.forms import SearchForm
from peine.lib.pagination import capped_page
from peine.roles import Capability

READ = Capability.READ_CONSULTATIONS
RUN = Capability.RUN_CONSULTATIONS


# Rows a page of the dynamics or the workshops shows.
PER_PAGE = 25


def paged(request, queryset) -> dict:
    """One numbered page of ``queryset`` in the names ``includes/pagination.html`` reads."""
    page = capped_page(request, queryset, per_page=PER_PAGE)
    return {"paginator": page.paginator, "page_obj": page, "is_paginated": page.has_other_pages()}


def search_term(request, name="q") -> str:
    form = SearchForm({"q": request.GET.get(name, "")})
    return form.cleaned_data["q"] if form.is_valid() else ""
