import time
from datetime import UTC, datetime

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

REAUTHENTICATION_TIMEOUT = 300  # seconds, as allauth's ACCOUNT_REAUTHENTICATION_TIMEOUT


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up by themselves: an admin creates or invites every account."""

    def is_open_for_signup(self, request):
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Someone who signed in with their password minutes ago and is now led to set up
        their first factor (and then shown its recovery codes) is not asked for the
        password a second time. Any later change to the factors asks again."""
        from allauth.account.internal.flows.login import get_authentication_records
        from allauth.core import context
        from allauth.mfa.models import Authenticator

        request = context.request
        if app == "allauth.mfa" and request is not None and request.user.is_authenticated:
            records = get_authentication_records(request, request.user)
            signed_in_at = records[-1]["at"] if records else 0
            if time.time() - signed_in_at < REAUTHENTICATION_TIMEOUT:
                earlier_factor = Authenticator.objects.filter(
                    user_id=request.user.pk,
                    type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN],
                    created_at__lt=datetime.fromtimestamp(signed_in_at, tz=UTC),
                )
                if not earlier_factor.exists():
                    return False
        return super().is_reauthentication_required(app=app, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    """Officer, reviewer and admin keep their authenticator app: they cannot remove it
    themselves (the admin resets a lost one; see docs/operations.md)."""

    def can_delete_authenticator(self, authenticator):
        from peine.middleware import requires_second_factor

        if authenticator.type == authenticator.Type.TOTP and requires_second_factor(
            authenticator.user
        ):
            return False
        return super().can_delete_authenticator(authenticator)
