"""Contact persons: personal data, for signed-in people only, so never cached
(``peine.lib.caching``)."""

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from peine.lib.concurrency import ConflictError
from peine.lib.history import history_page
from peine.roles import Capability, guard, has_capability
from stakeholders.forms import ContactPersonForm
from stakeholders.models import ContactPerson, Stakeholder
from stakeholders.selectors import contacts_for
from stakeholders.services import (
    StakeholderError,
    contact_create,
    contact_erase,
    contact_update,
    contact_withdraw_consent,
)


@guard(Capability.SEE_CONTACT_DETAILS)
@require_http_methods(["GET"])
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(contacts_for(request.user).select_related("stakeholder"), pk=pk)
    officer = has_capability(request.user, Capability.EDIT_STAKEHOLDERS)
    history = history_page(request, contact) if officer else None
    return render(
        request,
        "stakeholders/contact_detail.html",
        {"contact": contact, "history": history, "officer": officer},
    )


@guard(Capability.EDIT_STAKEHOLDERS)
@require_http_methods(["GET", "POST"])
def contact_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = get_object_or_404(Stakeholder.objects.only("id", "name"), pk=pk)
    form = ContactPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact_create(stakeholder=stakeholder, fields=form.cleaned_data)
        messages.success(request, _("The contact person has been added."))
        return redirect("stakeholders:detail", pk=stakeholder.pk)
    return render(
        request,
        "stakeholders/contact_form.html",
        {"form": form, "stakeholder": stakeholder, "contact": None},
    )


@guard(Capability.EDIT_STAKEHOLDERS)
@require_http_methods(["GET", "POST"])
def contact_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(ContactPerson.objects.select_related("stakeholder"), pk=pk)
    form = ContactPersonForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            contact_update(
                contact=contact, fields=form.cleaned_data, expected_version=form.expected_version
            )
        except ConflictError:
            form.add_conflict_error()
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect("stakeholders:contact_detail", pk=contact.pk)
    return render(
        request,
        "stakeholders/contact_form.html",
        {"form": form, "stakeholder": contact.stakeholder, "contact": contact},
    )


@guard(Capability.EDIT_STAKEHOLDERS)
@require_http_methods(["GET", "POST"])
def contact_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST records that consent was withdrawn today."""
    contact = get_object_or_404(ContactPerson.objects.select_related("stakeholder"), pk=pk)
    if request.method == "POST":
        try:
            contact_withdraw_consent(contact=contact, on=timezone.localdate())
        except StakeholderError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The withdrawal of consent has been recorded; the details are now hidden."),
            )
        return redirect("stakeholders:contact_detail", pk=contact.pk)
    return render(
        request,
        "stakeholders/contact_confirm.html",
        {"contact": contact, "action": "withdraw", "today": date.today()},
    )


@guard(Capability.EDIT_STAKEHOLDERS)
@require_http_methods(["GET", "POST"])
def contact_erase_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST erases the person and their change history."""
    contact = get_object_or_404(ContactPerson.objects.select_related("stakeholder"), pk=pk)
    if request.method == "POST":
        stakeholder_pk = contact.stakeholder_id
        contact_erase(contact=contact)
        messages.success(request, _("The contact person and their history have been erased."))
        return redirect("stakeholders:detail", pk=stakeholder_pk)
    return render(
        request, "stakeholders/contact_confirm.html", {"contact": contact, "action": "erase"}
    )
