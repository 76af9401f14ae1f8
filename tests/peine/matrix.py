import datetime
import itertools

from tests.matrix import public, row

MATRIX = {
    # The council starts on its dashboard.
    "home": row(officer=200, reviewer=200, council=302, admin=200),
    "healthz": public(),
    "accessibility": public(),
    "accessibility_feedback": public(),
    "privacy": public(),
    "imprint": public(),
    # Django's language switch accepts POST only; a GET is redirected back.
    "set_language": public(302),
    # The display switches (text size, contrast) change a cookie: POST only.
    "display_settings": public(405),
    # allauth: sign-in pages for everyone; signed-in people are sent on.
    "account_login": row(200, 302, 302, 302, 302),
    "account_logout": row(302, 200, 200, 200, 200),
    "account_inactive": public(200),
    "account_signup": row(200, 302, 302, 302, 302),
    "account_reauthenticate": row(officer=200, reviewer=200, council=200, admin=200),
    "account_request_reauthentication_code": row(302, 302, 302, 302, 302),
    "account_confirm_reauthentication_code": row(302, 302, 302, 302, 302),
    "account_email": row(officer=200, reviewer=200, council=200, admin=200),
    "account_email_verification_sent": public(200),
    "account_change_password": row(officer=200, reviewer=200, council=200, admin=200),
    "account_set_password": row(302, 302, 302, 302, 302),
    "account_reset_password": public(200),
    "account_confirm_login_code": public(302),
    "account_confirm_email": public(200, kwargs=lambda: {"key": "unknown"}),
    "account_reset_password_from_key_done": public(200),
    "account_reset_password_from_key": public(
        200, kwargs=lambda: {"uidb36": "zz", "key": "invalid-key"}
    ),
    "account_reset_password_done": public(200),
    # allauth.socialaccount (directory sign-in, peine/directory/): with no directory
    # configured in the tests, an unknown provider is not found.
    "directory_oidc_login": public(404, kwargs=lambda: {"provider_id": "stadt"}),
    "directory_oidc_callback": public(404, kwargs=lambda: {"provider_id": "stadt"}),
    "socialaccount_connections": row(officer=200, reviewer=200, council=200, admin=200),
    "socialaccount_signup": public(302),
    "socialaccount_login_cancelled": public(200),
    # allauth answers its sign-in error page with 401.
    "socialaccount_login_error": public(401),
    # allauth.mfa: factory officer, reviewer and admin have an authenticator app (no
    # recovery codes); the council has none. Changes ask to confirm access first.
    "mfa_index": row(officer=200, reviewer=200, council=200, admin=200),
    "mfa_authenticate": row(302, 302, 302, 302, 302),
    "mfa_reauthenticate": row(officer=200, reviewer=200, council=302, admin=200),
    "mfa_activate_totp": row(302, 302, 302, 302, 302),
    "mfa_deactivate_totp": row(officer=302, reviewer=302, council=404, admin=302),
    "mfa_view_recovery_codes": row(officer=404, reviewer=404, council=404, admin=404),
    "mfa_generate_recovery_codes": row(302, 302, 302, 302, 302),
    "mfa_download_recovery_codes": row(officer=404, reviewer=404, council=404, admin=404),
    # Security keys (allauth.mfa WebAuthn): everyone sees their own list; adding,
    # renaming and removing ask to confirm access first (302), before the key is even
    # looked up, so another person's key gives nothing away. Confirming with a key
    # leads to another way to confirm when the person has none (the factory users).
    "mfa_list_webauthn": row(officer=200, reviewer=200, council=200, admin=200),
    "mfa_add_webauthn": row(302, 302, 302, 302, 302),
    "mfa_reauthenticate_webauthn": row(302, 302, 302, 302, 302),
    "mfa_edit_webauthn": row(302, 302, 302, 302, 302, kwargs=lambda: _someones_key()),
    "mfa_remove_webauthn": row(302, 302, 302, 302, 302, kwargs=lambda: _someones_key()),
    # allauth.usersessions: everyone sees their own sessions.
    "usersessions_list": row(officer=200, reviewer=200, council=200, admin=200),
}


# The OParl endpoint (oparl/): public open data, the same 200 for everyone.
def _oparl_body():
    return {"body": "peine"}


_meetings = itertools.count()


def _oparl_edition():
    """A new edition for a meeting of its own: a second edition for the same meeting would
    withdraw the first (OParl answers 410 for it)."""
    from tests.factories import EditionFactory

    meeting = datetime.date(2027, 3, 12) + datetime.timedelta(days=next(_meetings))
    return {"source": "edition", "pk": EditionFactory(meeting_date=meeting).pk}


def _oparl_summary():
    from tests.factories import RoundSummaryFactory

    return {"source": "summary", "pk": RoundSummaryFactory().pk}


MATRIX |= {
    "oparl:system": public(),
    "oparl:body_list": public(),
    "oparl:body": public(kwargs=_oparl_body),
    "oparl:body_organizations": public(kwargs=_oparl_body),
    "oparl:body_persons": public(kwargs=_oparl_body),
    "oparl:body_meetings": public(kwargs=_oparl_body),
    "oparl:body_papers": public(kwargs=_oparl_body),
    "oparl:paper": public(kwargs=_oparl_summary),
    "oparl:file": public(kwargs=_oparl_edition),
    "oparl:file_access": public(kwargs=_oparl_summary),
    "oparl:file_download": public(kwargs=_oparl_edition),
    # Anything else under /oparl/v1.1/ is a JSON 404 with the CORS header.
    "oparl:not_found": public(404, kwargs=lambda: {"rest": "gibt-es-nicht/"}),
}


def _someones_key():
    """A security key of a person who is none of the matrix's personas."""
    from allauth.mfa.models import Authenticator

    from tests.factories import UserFactory

    key = Authenticator.objects.create(
        user=UserFactory(email=f"key{next(_keys)}@peine.example"),
        type=Authenticator.Type.WEBAUTHN,
        data={"name": "Schlüssel", "credential": {}},
    )
    return {"pk": key.pk}


_keys = itertools.count()
