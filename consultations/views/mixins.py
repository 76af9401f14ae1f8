"""Behaviour the consultation views share: optimistic locking, draft safety."""

import datetime
import time
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.http import HttpResponseRedirect, QueryDict
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from consultations import services
from peine.lib.concurrency import ConflictError

DRAFT_SESSION_KEY = "consultations_drafts"
OWNER_FIELD = "draft_owner"
OWNER_SALT = "consultations.draft-owner"


class VersionedFormMixin:
    """Saves through the service; a colleague's newer save keeps this person's text."""

    success_message = ""
    # The service that saves the form: ``save(form=form)`` (a staticmethod of the view).
    save = None

    def form_valid(self, form):
        try:
            self.object = self.save(form=form)
        except ConflictError:
            form.add_conflict_error()
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()


def _owner_hash(user_pk) -> str:
    return salted_hmac(OWNER_SALT, str(user_pk), algorithm="sha256").hexdigest()


def owner_token(user) -> str:
    """A signed mark of ``user`` for the interview form (hidden field ``draft_owner``).

    When the session has expired, the POST still carries it: the kept form is tied to this
    user, and only this user gets it back after signing in. It is valid as long as a
    draft is (INTERVIEW_DRAFT_DAYS).
    """
    return signing.dumps(_owner_hash(user.pk), salt=OWNER_SALT)


def _owner_from(token: str) -> str | None:
    try:
        return signing.loads(
            token, salt=OWNER_SALT, max_age=datetime.timedelta(days=services.draft_days())
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None


def _expired(entry, now: float) -> bool:
    return now - entry.get("saved", 0) > services.draft_days() * 86_400


def stash_post_and_login(request):
    """A POST whose session has expired: keep what was typed, then ask to sign in.

    The form data goes into the new (anonymous) session with the hash of its author taken
    from the signed ``draft_owner`` field; signing in keeps the session's data (Django
    cycles the key), and the form view hands it back with ``pop_stashed_post`` only to that
    author, who finds it as their server draft. Only the form's own fields are kept (never
    the CSRF token), at most ``DRAFT_MAX_BYTES`` per session; nothing is logged.
    """
    owner = _owner_from(request.POST.get(OWNER_FIELD, ""))
    data = services.interview_draft_data(request.POST)
    stashes = {
        path: entry
        for path, entry in request.session.get(DRAFT_SESSION_KEY, {}).items()
        if path != request.path
    }
    if owner is None:
        messages.warning(
            request,
            _(
                "Your session had expired. Sign in again: the form then shows the draft "
                "saved last while you typed, if there is one."
            ),
        )
    elif services.draft_size({**stashes, request.path: data}) > services.DRAFT_MAX_BYTES:
        messages.error(
            request,
            _(
                "Your session had expired, and what you typed is too large to be kept "
                "(more than %(mb)s MB). Sign in again: the form then shows the draft saved "
                "last while you typed, if there is one."
            )
            % {"mb": services.DRAFT_MAX_BYTES // 1_000_000},
        )
    else:
        stashes[request.path] = {"owner": owner, "saved": time.time(), "data": data}
        request.session[DRAFT_SESSION_KEY] = stashes
        messages.warning(
            request,
            _(
                "Your session had expired. What you typed has been kept: sign in again "
                "and the form shows it, ready to save."
            ),
        )
    return redirect_to_login(request.path)


def pop_stashed_post(request) -> QueryDict | None:
    """The form kept at ``request.path`` over an expired session, if the signed-in user
    typed it and it has not expired; it is removed from the session in any case."""
    stashes = request.session.get(DRAFT_SESSION_KEY)
    if not stashes or request.path not in stashes:
        return None
    entry = stashes.pop(request.path)
    request.session[DRAFT_SESSION_KEY] = stashes
    if entry.get("owner") != _owner_hash(request.user.pk) or _expired(entry, time.time()):
        return None
    return draft_querydict(entry.get("data", {}))


def draft_querydict(data) -> QueryDict:
    restored = QueryDict(mutable=True)
    for key, values in data.items():
        restored.setlist(key, values)
    return restored


def forget_foreign_stashes(sender, request, user, **kwargs) -> None:
    """On sign-in: forms kept in this browser by another person are dropped unseen."""
    stashes = request.session.get(DRAFT_SESSION_KEY) if request is not None else None
    if not stashes:
        return
    mine = _owner_hash(user.pk)
    request.session[DRAFT_SESSION_KEY] = {
        path: entry for path, entry in stashes.items() if entry.get("owner") == mine
    }


def purge_expired_stashes(now: float | None = None) -> int:
    """Removes expired kept forms from the sessions in the database, and expired sessions.

    Returns the number of kept forms removed. Only for session engines with a model (the
    portal's default database sessions); others keep them until the session ends.
    """
    now = time.time() if now is None else now
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    store_class.clear_expired()
    if not hasattr(store_class, "get_model_class"):
        return 0
    removed = 0
    store = store_class()
    for session in store_class.get_model_class().objects.filter(expire_date__gt=timezone.now()):
        data = store.decode(session.session_data)
        stashes = data.get(DRAFT_SESSION_KEY)
        if not stashes:
            continue
        kept = {path: entry for path, entry in stashes.items() if not _expired(entry, now)}
        if len(kept) != len(stashes):
            removed += len(stashes) - len(kept)
            data[DRAFT_SESSION_KEY] = kept
            session.session_data = store.encode(data)
            session.save(update_fields=["session_data"])
    return removed
