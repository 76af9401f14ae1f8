"""The register: list with filters and exports, detail, create, edit, archive."""

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from peine.lib.concurrency import ConflictError
from peine.lib.history import history_page
from peine.lib.pagination import section_page
from peine.lib.picker import search_view
from peine.lib.views import FilteredListView
from peine.roles import Capability, guard
from stakeholders.filters import StakeholderFilter
from stakeholders.forms import StakeholderForm
from stakeholders.models import Stakeholder
from stakeholders.selectors import (
    STAKEHOLDER_PICKER,
    can_see_details,
    contacts_for,
    relationships_query,
    stakeholders_for,
)
from stakeholders.services import stakeholder_create, stakeholder_set_active, stakeholder_update
from stakeholders.signals import stakeholder_detail_panels


def _names(items) -> str:
    return ", ".join(item.name for item in items.all())


COUNCIL_COLUMNS = [
    (gettext_lazy("Name"), lambda s: s.name),
    (gettext_lazy("Kind"), lambda s: s.get_kind_display()),
    (gettext_lazy("Sectors"), lambda s: _names(s.sectors)),
    (gettext_lazy("Districts"), lambda s: _names(s.districts)),
]
FULL_COLUMNS = [
    *COUNCIL_COLUMNS,
    (gettext_lazy("Description"), lambda s: s.description),
    (gettext_lazy("Website"), lambda s: s.website),
    (gettext_lazy("Street and number"), lambda s: s.street),
    (gettext_lazy("Postcode"), lambda s: s.postcode),
    (gettext_lazy("Town"), lambda s: s.town),
    (gettext_lazy("Influence"), lambda s: s.influence),
    (gettext_lazy("Interest"), lambda s: s.interest),
    (gettext_lazy("Active"), lambda s: s.active),
]
# Sort keys end with the id (keyset pages); each sort has its index (Stakeholder.Meta).
COUNCIL_SORTS = {
    "name": ["name", "pk"],
    "-name": ["-name", "-pk"],
    "kind": ["kind", "name", "pk"],
    "-kind": ["-kind", "name", "pk"],
}
FULL_SORTS = {
    **COUNCIL_SORTS,
    "influence": ["influence", "name", "pk"],
    "-influence": ["-influence", "name", "pk"],
    "interest": ["interest", "name", "pk"],
    "-interest": ["-interest", "name", "pk"],
}


class StakeholderListView(FilteredListView):
    """The register. For the council the rows carry name, kind, sectors, districts only."""

    model = Stakeholder
    filterset_class = StakeholderFilter
    capabilities = (Capability.VIEW_STAKEHOLDERS,)
    template_name = "stakeholders/list.html"
    default_sort = "name"
    export_filename = "akteure"
    keyset = True

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.full = can_see_details(request.user)
        self.sort_fields = FULL_SORTS if self.full else COUNCIL_SORTS

    def get_queryset(self):
        self.queryset = stakeholders_for(self.request.user)
        return super().get_queryset()

    def get_export_columns(self):
        return FULL_COLUMNS if self.full else COUNCIL_COLUMNS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["full"] = self.full
        return context


# The picker's JSON: at most 20 names matching ?q= (the council may read names too).
stakeholder_picker = search_view(STAKEHOLDER_PICKER)


# A hub of the city (the administration, a welfare association) has hundreds.
RELATIONSHIPS_PER_PAGE = 25


@guard(Capability.VIEW_STAKEHOLDERS)
@require_http_methods(["GET"])
def stakeholder_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    stakeholder = get_object_or_404(stakeholders_for(user), pk=pk)
    context = {"stakeholder": stakeholder, "full": can_see_details(user)}
    if context["full"]:
        context["contacts"] = list(contacts_for(user).filter(stakeholder=stakeholder))
        page = section_page(
            request,
            relationships_query(stakeholder),
            RELATIONSHIPS_PER_PAGE,
            "relationships",
            "relationships",
        )
        context["relationship_page"] = page
        context["relationships"] = [
            {
                "relationship": relationship,
                "outgoing": relationship.source_id == stakeholder.pk,
                "other": relationship.target
                if relationship.source_id == stakeholder.pk
                else relationship.source,
            }
            for relationship in page
        ]
        context["history"] = history_page(request, stakeholder)
    # Interviews and measures come from apps this one does not know (stakeholders.signals).
    answers = stakeholder_detail_panels.send(Stakeholder, request=request, stakeholder=stakeholder)
    context["panels"] = [html for _receiver, html in answers if html]
    return render(request, "stakeholders/detail.html", context)


def _save_form(request, form, stakeholder=None):
    """Run the service for a valid form; returns the saved stakeholder or None (errors
    are then on the form, with everything the person typed)."""
    data = form.cleaned_data
    try:
        if stakeholder is None:
            return stakeholder_create(
                fields=data, sectors=data["sectors"], districts=data["districts"]
            )
        return stakeholder_update(
            stakeholder=stakeholder,
            fields=data,
            sectors=data["sectors"],
            districts=data["districts"],
            expected_version=form.expected_version,
        )
    except ConflictError:
        form.add_conflict_error()
    except IntegrityError:
        # Someone saved the same name between the form's check and this save.
        form.add_error("name", _("A stakeholder with this name already exists."))
    return None


@guard(Capability.EDIT_STAKEHOLDERS)
@require_http_methods(["GET", "POST"])
def stakeholder_create_view(request: HttpRequest) -> HttpResponse:
    form = StakeholderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        stakeholder = _save_form(request, form)
        if stakeholder is not None:
            messages.success(request, _("The stakeholder has been created."))
            return redirect("stakeholders:detail", pk=stakeholder.pk)
    return render(request, "stakeholders/form.html", {"form": form, "stakeholder": None})


@guard(Capability.EDIT_STAKEHOLDERS)
@require_http_methods(["GET", "POST"])
def stakeholder_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = get_object_or_404(Stakeholder, pk=pk)
    # The form writes what was typed into the instance; headings keep the saved name.
    saved_name = stakeholder.name
    form = StakeholderForm(request.POST or None, instance=stakeholder)
    if request.method == "POST" and form.is_valid():
        saved = _save_form(request, form, stakeholder)
        if saved is not None:
            messages.success(request, _("Your changes have been saved."))
            return redirect("stakeholders:detail", pk=saved.pk)
    return render(
        request,
        "stakeholders/form.html",
        {"form": form, "stakeholder": stakeholder, "saved_name": saved_name},
    )


@guard(Capability.EDIT_STAKEHOLDERS)
@require_http_methods(["GET", "POST"])
def stakeholder_archive_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST archives (or reactivates) the stakeholder."""
    stakeholder = get_object_or_404(Stakeholder.objects.only("id", "name", "active"), pk=pk)
    if request.method == "POST":
        stakeholder = stakeholder_set_active(stakeholder=stakeholder, active=not stakeholder.active)
        messages.success(
            request,
            _("The stakeholder is active again.")
            if stakeholder.active
            else _("The stakeholder has been archived."),
        )
        return redirect("stakeholders:detail", pk=stakeholder.pk)
    return render(request, "stakeholders/archive_confirm.html", {"stakeholder": stakeholder})
