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
}
