"""Relationships between stakeholders: record and remove."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from peine.roles import Capability, guard
from stakeholders.forms import RelationshipForm
from stakeholders.models import Relationship, Stakeholder
from stakeholders.services import StakeholderError, relationship_create, relationship_delete


@guard(Capability.EDIT_STAKEHOLDERS)
@require_http_methods(["GET", "POST"])
def relationship_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Stakeholder.objects.only("id", "name"), pk=pk)
    form = RelationshipForm(request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            relationship_create(
                source=source,
                target=data["target"],
                kind=data["kind"],
                note=data["note"],
                since=data["since"],
                by=request.user,
            )
        except StakeholderError as error:
            form.add_error("target", str(error))
        else:
            messages.success(request, _("The relationship has been recorded."))
            return redirect("stakeholders:detail", pk=source.pk)
    return render(
        request, "stakeholders/relationship_form.html", {"form": form, "stakeholder": source}
    )


@guard(Capability.EDIT_STAKEHOLDERS)
@require_http_methods(["GET", "POST"])
def relationship_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST removes the relationship."""
    relationship = get_object_or_404(Relationship.objects.select_related("source", "target"), pk=pk)
    if request.method == "POST":
        relationship_delete(relationship=relationship)
        messages.success(request, _("The relationship has been removed."))
        return redirect("stakeholders:detail", pk=relationship.source_id)
    return render(request, "stakeholders/relationship_confirm.html", {"relationship": relationship})
