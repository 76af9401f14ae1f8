"""Behaviour the consultation views share: no caching, optimistic locking, draft safety."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect, QueryDict
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from consultations import services
from peine.lib.concurrency import ConflictError

DRAFT_SESSION_KEY = "consultations_drafts"
DRAFT_MAX_BYTES = 1_000_000


class NoStoreMixin:
    """Pages with notes or personal data are never kept in a browser or proxy cache."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        patch_cache_control(response, no_store=True, private=True)
        return response


class VersionedFormMixin:
    """Saves through the service; a colleague's newer save keeps this person's text."""

    success_message = ""

    def form_valid(self, form):
        try:
            self.object = services.versioned_save(form=form)
        except ConflictError:
            form.add_conflict_error()
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()


def stash_post_and_login(request):
    """A POST whose session has expired: keep what was typed, then ask to sign in.

    The form data goes into the new (anonymous) session; signing in keeps the session's
    data (Django cycles the key), and the form view restores it with ``pop_stashed_post``.
    Only the form's own fields are kept, never the CSRF token; nothing is logged.
    """
    data = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
    if sum(len(v) for values in data.values() for v in values) <= DRAFT_MAX_BYTES:
        drafts = request.session.get(DRAFT_SESSION_KEY, {})
        drafts[request.path] = data
        request.session[DRAFT_SESSION_KEY] = drafts
        messages.warning(
            request,
            _(
                "Your session had expired. What you typed has been kept: sign in again "
                "and the form shows it, ready to save."
            ),
        )
    return redirect_to_login(request.path)


def pop_stashed_post(request) -> QueryDict | None:
    drafts = request.session.get(DRAFT_SESSION_KEY)
    if not drafts or request.path not in drafts:
        return None
    data = drafts.pop(request.path)
    request.session[DRAFT_SESSION_KEY] = drafts
    restored = QueryDict(mutable=True)
    for key, values in data.items():
        restored.setlist(key, values)
    return restored
