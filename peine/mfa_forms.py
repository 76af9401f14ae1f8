"""allauth's WebAuthn forms, hardened: a malformed key answer is a form error, never a 500.

allauth turns the ``TypeError``/``ValueError`` of fido2's parsers into "Incorrect code",
but a hand-made answer that lacks a field (``rawId``, ``clientDataJSON``, ...) raises a
``KeyError`` (or worse) from deep inside fido2. Whatever fido2 cannot read is treated the
same way here. Wired in through ``MFA_FORMS`` (peine/settings.py).
"""

from allauth.mfa.adapter import get_adapter
from allauth.mfa.webauthn.forms import (
    AddWebAuthnForm,
    AuthenticateWebAuthnForm,
    ReauthenticateWebAuthnForm,
)
from django.core.exceptions import ValidationError

# What fido2 raises on an answer of the wrong shape (missing keys, wrong types, bad
# base64 or CBOR, short byte strings).
MALFORMED = (KeyError, TypeError, ValueError, AttributeError, IndexError, LookupError)


def _read_or_reject(method):
    try:
        return method()
    except ValidationError:
        raise
    except MALFORMED as error:
        raise get_adapter().validation_error("incorrect_code") from error


class SafeAddWebAuthnForm(AddWebAuthnForm):
    def clean(self):
        return _read_or_reject(super().clean)


class SafeAuthenticateWebAuthnForm(AuthenticateWebAuthnForm):
    def clean_credential(self):
        return _read_or_reject(super().clean_credential)


class SafeReauthenticateWebAuthnForm(ReauthenticateWebAuthnForm):
    def clean_credential(self):
        return _read_or_reject(super().clean_credential)
