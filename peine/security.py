"""Security-relevant account changes: recorded in the audit trail and mailed.

Every grant of the officer or admin role, every password an admin sets for another
person, every reset of a second factor and every deactivation is written as a
``SecurityEvent`` (who, when, whom, what). Role grants and password resets are mailed
to every officer and to the person affected; a reset second factor to the person.
"""

import logging
from smtplib import SMTPException

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from peine.models import SecurityEvent, User
from peine.roles import ROLE_LABELS, Role

logger = logging.getLogger(__name__)

# Granting one of these roles is announced to every officer and to the person.
WATCHED_ROLES = {Role.OFFICER, Role.ADMIN}


def record(actor, subject, action: str, detail: str = "") -> SecurityEvent:
    return SecurityEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_email=getattr(actor, "email", "") or "",
        subject=subject,
        subject_email=subject.email,
        action=action,
        detail=detail[:200],
    )


def _officer_emails() -> list[str]:
    return list(
        User.objects.filter(groups__name=Role.OFFICER, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _mail(recipients, subject: str, body: str) -> bool:
    """One message per recipient; False when the mail server failed (the change stands)."""
    sent = True
    for recipient in dict.fromkeys(recipients):
        try:
            send_mail(subject=subject, message=body, from_email=None, recipient_list=[recipient])
        except (SMTPException, OSError):
            logger.exception("Security notice to %s could not be sent", recipient)
            sent = False
    return sent


def _describe(event: SecurityEvent) -> str:
    with override(settings.LANGUAGE_CODE):
        return _(
            "%(action)s\nPerson affected: %(subject)s\nBy: %(actor)s\nWhen: %(when)s\n%(detail)s"
        ) % {
            "action": event.get_action_display(),
            "subject": event.subject_email,
            "actor": event.actor_email or "-",
            "when": timezone.localtime(event.created_at).strftime("%d.%m.%Y %H:%M"),
            "detail": ROLE_LABELS.get(event.detail, event.detail),
        }


def _notify(event: SecurityEvent, *, officers: bool) -> bool:
    recipients = [*(_officer_emails() if officers else []), event.subject_email]
    with override(settings.LANGUAGE_CODE):
        subject = _("Integration portal: %(action)s") % {"action": event.get_action_display()}
        body = _describe(event)
    return _mail(recipients, subject, body)


def roles_granted(actor, user, roles: set[str]) -> bool:
    """Record and announce each watched role ``user`` newly got. False if a mail failed."""
    sent = True
    for role in sorted(set(roles) & WATCHED_ROLES):
        event = record(actor, user, SecurityEvent.Action.ROLE_GRANTED, detail=role)
        sent = _notify(event, officers=True) and sent
    return sent


def password_set_by_admin(actor, user) -> bool:
    event = record(actor, user, SecurityEvent.Action.PASSWORD_SET_BY_ADMIN)
    return _notify(event, officers=True)


def end_all_sessions(user) -> int:
    """Delete every session of ``user`` (database sessions). Returns how many."""
    from allauth.usersessions.models import UserSession

    keys = set(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            keys.add(session.session_key)
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)


@transaction.atomic
def reset_second_factor(actor, user) -> bool:
    """Delete all of ``user``'s authenticators (app, recovery codes, keys), end their
    sessions, record it and mail the person. They set up a new factor at next sign-in."""
    from allauth.mfa.models import Authenticator

    count, _deleted = Authenticator.objects.filter(user=user).delete()
    end_all_sessions(user)
    event = record(
        actor,
        user,
        SecurityEvent.Action.SECOND_FACTOR_RESET,
        detail=_("%(count)d authenticator(s) deleted") % {"count": count},
    )
    return _notify(event, officers=False)


def account_deactivated(actor, user) -> int:
    ended = end_all_sessions(user)
    record(actor, user, SecurityEvent.Action.ACCOUNT_DEACTIVATED)
    return ended


def _remember_active(sender, instance, update_fields=None, **kwargs):
    if instance.pk and (update_fields is None or "is_active" in update_fields):
        instance._was_active = (
            User.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
        )


def _end_sessions_on_deactivation(sender, instance, created, **kwargs):
    """However an account is deactivated (admin, shell, service), its sessions end."""
    if not created and getattr(instance, "_was_active", False) and not instance.is_active:
        account_deactivated(getattr(instance, "_changed_by", None), instance)
    instance._was_active = instance.is_active


def _start_session_clocks(sender, request, user, **kwargs):
    """Sign-in starts the idle and absolute clocks, so later requests need no write."""
    import time

    from peine.middleware import SESSION_LAST_SEEN_KEY, SESSION_STARTED_KEY, idle_seconds_for

    now = time.time()
    request.session[SESSION_STARTED_KEY] = now
    request.session[SESSION_LAST_SEEN_KEY] = now
    request.session.set_expiry(idle_seconds_for(user))


def connect_signals() -> None:
    from django.contrib.auth.signals import user_logged_in
    from django.db.models.signals import post_save, pre_save

    user_logged_in.connect(_start_session_clocks, dispatch_uid="peine_session_clocks")

    pre_save.connect(_remember_active, sender=User, dispatch_uid="peine_remember_active")
    post_save.connect(_end_sessions_on_deactivation, sender=User, dispatch_uid="peine_end_sessions")
