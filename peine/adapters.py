from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up by themselves: an admin creates or invites every account."""

    def is_open_for_signup(self, request):
        return False


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
