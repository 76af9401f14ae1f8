"""Writes of the directory sign-in: roles at every sign-in, linking, idle accounts."""

import logging
from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from peine.models import SecurityEvent, User
from peine.roles import ROLE_LABELS, Role
from peine.security import record

logger = logging.getLogger(__name__)


@transaction.atomic
def apply_directory_roles(user: User, roles: set[Role], source: str) -> tuple[set, set]:
    """Give ``user`` exactly the mapped ``roles`` (as the roles' Django groups); every
    grant and every removal is a security event. Returns (granted, removed)."""
    role_names = {r.value for r in Role}
    current = set(user.groups.filter(name__in=role_names).values_list("name", flat=True))
    wanted = {r.value for r in roles}
    granted, removed = wanted - current, current - wanted
    for name in sorted(granted):
        group, _created = Group.objects.get_or_create(name=name)
        user.groups.add(group)
        record(
            None,
            user,
            SecurityEvent.Action.ROLE_GRANTED,
            detail=f"{source}: {ROLE_LABELS[Role(name)]}",
        )
    for name in sorted(removed):
        user.groups.remove(Group.objects.get(name=name))
        record(
            None,
            user,
            SecurityEvent.Action.ROLE_REMOVED,
            detail=f"{source}: {ROLE_LABELS[Role(name)]}",
        )
    return granted, removed


def record_refusal(email: str, reason: str, source: str) -> None:
    """A directory sign-in refused for a reason worth an audit line (an existing local
    account with that address, no mapped role)."""
    user = User.objects.filter(email__iexact=email).first() if email else None
    SecurityEvent.objects.create(
        subject=user,
        subject_email=email or "-",
        action=SecurityEvent.Action.DIRECTORY_REFUSED,
        detail=f"{source}: {reason}"[:200],
    )


def record_link(user: User, source: str, uid: str) -> None:
    record(user, user, SecurityEvent.Action.DIRECTORY_LINKED, detail=f"{source}: {uid}")


# --- idle accounts ---------------------------------------------------------------------


def _last_activity(user: User):
    return user.last_login or user.date_joined


def _admin_emails() -> list[str]:
    return list(
        User.objects.filter(is_active=True, groups__name=Role.ADMIN)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def deactivate_idle_accounts(now=None) -> dict[str, list[str]]:
    """Deactivate accounts without a sign-in for ``ACCOUNT_IDLE_DAYS`` days; tell the
    admins ``ACCOUNT_IDLE_NOTICE_DAYS`` days before, once. Idempotent; deletes nothing
    (deactivation ends the sessions, see peine.security). Returns the e-mail addresses
    noticed and deactivated."""
    now = now or timezone.now()
    idle = timedelta(days=settings.ACCOUNT_IDLE_DAYS)
    notice = timedelta(days=settings.ACCOUNT_IDLE_NOTICE_DAYS)
    breakglass = {e.casefold() for e in settings.LOCAL_PASSWORD_BREAK_GLASS}
    noticed, deactivated = [], []
    for user in User.objects.filter(is_active=True).order_by("pk"):
        if user.email.casefold() in breakglass:
            continue
        last = _last_activity(user)
        if last <= now - idle:
            with transaction.atomic():
                user.is_active = False
                user.save(update_fields=["is_active"])
                record(
                    None,
                    user,
                    SecurityEvent.Action.IDLE_DEACTIVATED,
                    detail=_("no sign-in since %(date)s") % {"date": last.date().isoformat()},
                )
            deactivated.append(user.email)
        elif last <= now - idle + notice and (
            user.idle_notice_sent_at is None or user.idle_notice_sent_at < last
        ):
            noticed.append(user.email)
            user.idle_notice_sent_at = now
            user.save(update_fields=["idle_notice_sent_at"])
    if noticed:
        _mail_idle_notice(noticed, now + notice)
    return {"noticed": noticed, "deactivated": deactivated}


def _mail_idle_notice(emails: list[str], when) -> None:
    recipients = _admin_emails()
    if not recipients:
        return
    with override(settings.LANGUAGE_CODE):
        subject = _("Accounts to be deactivated for idleness")
        body = _(
            "These accounts have not signed in for a long time and will be deactivated "
            "on %(date)s unless their owners sign in before:\n\n%(accounts)s\n\n"
            "Nothing they wrote is deleted."
        ) % {"date": when.date().isoformat(), "accounts": "\n".join(emails)}
    try:
        send_mail(subject, body, None, recipients)
    except (SMTPException, OSError):
        logger.exception("idle-account notice could not be mailed")
