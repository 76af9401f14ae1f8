"""Settings of the integration planning portal.

Production differs from development only through environment variables; see
``docs/operations.md`` for the list. Safe defaults: DEBUG is off unless set, and without
DEBUG the portal refuses to start without a SECRET_KEY.
"""

from datetime import date, timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from peine.lib import localdb
from peine.lib.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", default=False)
SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY and envstr("SECRET_KEY_FILE"):
    SECRET_KEY = Path(envstr("SECRET_KEY_FILE")).read_text().strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-not-secret"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")
# Each web worker loads WeasyPrint, its stylesheets and fonts when it starts (peine/wsgi.py),
# so that the first PDF it serves costs what every other one does (about 1 s less).
PDF_WARM_UP = envbool("PDF_WARM_UP", default=True)

# The floors (docs/architecture.md): the ground floor, the domain (each app imports only
# those before it), then the roof apps that read the domain through its selectors.
INSTALLED_APPS = [
    "peine",
    "stakeholders",
    "consultations",
    "analysis",
    "measures",
    "council",
    "privacy",
    "oparl",
    "demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.socialaccount",
    "peine.directory.oidc",
    "django_filters",
    "pgtrigger",
    "pghistory",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "peine.lib.caching.NoStoreForSignedInMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "peine.lib.characters.CleanInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "peine.middleware.AccessSnapshotMiddleware",
    "peine.middleware.AbsoluteSessionTimeoutMiddleware",
    "peine.middleware.IdleSessionTimeoutMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "peine.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "peine.lib.clear_site_data.ClearSiteDataOnLogoutMiddleware",
    "peine.middleware.RequestDeadlineMiddleware",
    # A form sent twice creates once (peine/lib/submissions.py); inside the deadline's transaction.
    "peine.lib.submissions.OnceOnlySubmissionMiddleware",
]
# A request still running after this many seconds is stopped (and a POST rolled back) with
# a page saying so; below gunicorn's timeout (deploy/gunicorn.conf.py), which kills the worker.
REQUEST_DEADLINE_SECONDS = envint("REQUEST_DEADLINE_SECONDS", 25)

# Uploads beyond the cap are dropped while they arrive, not after (peine/lib/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "peine.lib.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

ROOT_URLCONF = "peine.urls"
# The benchmark (scripts/bench.py) adds its two reference pages through its own URLconf;
# never set in production.
if envbool("PEINE_BENCH_URLS", default=False):
    ROOT_URLCONF = "scripts.bench_urls"
WSGI_APPLICATION = "peine.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "peine.context_processors.navigation",
                "peine.display.display_context",
            ],
        },
    },
]

# Database: DATABASE_URL, or the project's own local cluster (peine/lib/localdb.py).
if envstr("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config(conn_max_age=envint("DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {"default": localdb.database_settings()}
DATABASES["default"].setdefault("TEST", {})
# Persistent connections in every mode (the local cluster included): a new connection per
# request costs more than most pages; health checks drop a connection the server closed.
DATABASES["default"]["CONN_MAX_AGE"] = envint("DB_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if envstr("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"]["NAME"] = envstr("TEST_DATABASE_NAME")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# allauth's login rate limits count in the cache; it must be shared by all gunicorn
# workers, so it is Django's database cache (created by a migration).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "peine_cache",
    },
    # The council's computed figures, keyed by the version of the data they count
    # (council/figure_cache.py): an entry is never stale, only unused once the data
    # changes, so it may live a day; its own table keeps culling away from the rate limits.
    "figures": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "peine_figure_cache",
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

AUTH_USER_MODEL = "peine.User"
# Local passwords (allauth's e-mail backend over Django's), refused where switched off.
AUTHENTICATION_BACKENDS = ["peine.directory.backends.LocalPasswordBackend"]

# --- sign-in through the city's directory (peine.directory; docs/operations.md) ----------
# Everything here is off by default: without these variables only local passwords work.
# Directory groups -> portal roles, "group=role" entries separated by ";" (a group may be
# an LDAP DN with commas and "="; the role is after the last "="). Applied at every sign-in.
DIRECTORY_ROLE_MAP = envstr("DIRECTORY_ROLE_MAP", "")
# OpenID Connect (Keycloak, ADFS, Entra ID): authorization code flow with PKCE and a nonce.
DIRECTORY_OIDC_ISSUER = envstr("DIRECTORY_OIDC_ISSUER", "")
DIRECTORY_OIDC_CLIENT_ID = envstr("DIRECTORY_OIDC_CLIENT_ID", "")
DIRECTORY_OIDC_CLIENT_SECRET = envstr("DIRECTORY_OIDC_CLIENT_SECRET", "")
DIRECTORY_OIDC_SCOPES = envlist("DIRECTORY_OIDC_SCOPES", ["openid", "profile", "email"])
DIRECTORY_OIDC_GROUPS_CLAIM = envstr("DIRECTORY_OIDC_GROUPS_CLAIM", "groups")
DIRECTORY_OIDC_NAME = envstr("DIRECTORY_OIDC_NAME", "Städtisches Konto")
# amr or acr values of the ID token accepted as a second factor (empty: none is; officer,
# reviewer and admin then set up the portal's own).
DIRECTORY_OIDC_MFA_AMR = envlist("DIRECTORY_OIDC_MFA_AMR", [])
DIRECTORY_OIDC_MFA_ACR = envlist("DIRECTORY_OIDC_MFA_ACR", [])
# LDAP / Active Directory (django-auth-ldap): people sign in with their e-mail address and
# directory password; off while LDAP_SERVER_URI is empty.
LDAP_SERVER_URI = envstr("LDAP_SERVER_URI", "")
LDAP_START_TLS = envbool("LDAP_START_TLS", default=False)
LDAP_CA_FILE = envstr("LDAP_CA_FILE", "")
LDAP_BIND_DN = envstr("LDAP_BIND_DN", "")
LDAP_BIND_PASSWORD = envstr("LDAP_BIND_PASSWORD", "")
LDAP_USER_SEARCH_BASE = envstr("LDAP_USER_SEARCH_BASE", "")
LDAP_USER_FILTER = envstr("LDAP_USER_FILTER", "(mail=%(user)s)")
LDAP_GROUP_SEARCH_BASE = envstr("LDAP_GROUP_SEARCH_BASE", "")
LDAP_GROUP_TYPE = envstr("LDAP_GROUP_TYPE", "groupOfNames")  # or "activedirectory"
# Roles whose members may not sign in with a local password (they use the directory);
# the e-mail addresses in LOCAL_PASSWORD_BREAK_GLASS always may (the emergency admin).
LOCAL_PASSWORD_DISABLED_ROLES = envlist("LOCAL_PASSWORD_DISABLED_ROLES", [])
LOCAL_PASSWORD_BREAK_GLASS = envlist("LOCAL_PASSWORD_BREAK_GLASS", [])
# deactivate_idle_accounts: accounts without a sign-in for this many days are deactivated;
# the admins are told this many days before.
ACCOUNT_IDLE_DAYS = envint("ACCOUNT_IDLE_DAYS", 90)
ACCOUNT_IDLE_NOTICE_DAYS = envint("ACCOUNT_IDLE_NOTICE_DAYS", 7)
if LDAP_SERVER_URI:
    AUTHENTICATION_BACKENDS.append("peine.directory.backends.DirectoryLDAPBackend")
SOCIALACCOUNT_ADAPTER = "peine.directory.adapters.DirectorySocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # never attach to a local account by e-mail
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_PROVIDERS = {}
if DIRECTORY_OIDC_ISSUER:
    SOCIALACCOUNT_PROVIDERS["directory_oidc"] = {
        "APPS": [
            {
                "provider_id": "stadt",
                "name": DIRECTORY_OIDC_NAME,
                "client_id": DIRECTORY_OIDC_CLIENT_ID,
                "secret": DIRECTORY_OIDC_CLIENT_SECRET,
                "settings": {
                    "server_url": DIRECTORY_OIDC_ISSUER,
                    "oauth_pkce_enabled": True,
                    "token_auth_method": "client_secret_post",
                },
            }
        ],
        "SCOPE": DIRECTORY_OIDC_SCOPES,
    }
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

# allauth: email and password; nobody signs up by themselves.
ACCOUNT_ADAPTER = "peine.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_PREVENT_ENUMERATION = True
# How many reverse proxies in front of the portal append to X-Forwarded-For (and may be
# trusted): 0 without a proxy, 1 behind one nginx. Rate limits count per client address.
ALLAUTH_TRUSTED_PROXY_COUNT = envint("ALLAUTH_TRUSTED_PROXY_COUNT", 0)
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
}

# Sessions. The idle timeout depends on the role: officer, reviewer and admin (who see
# personal data or manage accounts) are signed out after SESSION_IDLE_SECONDS without a
# request (default 60 minutes); the council, who reads released figures only, after
# SESSION_IDLE_SECONDS_COUNCIL (default 10 hours). Nobody stays signed in longer than
# SESSION_ABSOLUTE_SECONDS (default 12 hours). The session is not written on every
# request: peine.middleware.IdleSessionTimeoutMiddleware renews its expiry at most once
# every SESSION_REFRESH_SECONDS.
SESSION_IDLE_SECONDS = envint("SESSION_IDLE_SECONDS", int(timedelta(minutes=60).total_seconds()))
SESSION_IDLE_SECONDS_COUNCIL = envint(
    "SESSION_IDLE_SECONDS_COUNCIL", int(timedelta(hours=10).total_seconds())
)
SESSION_ABSOLUTE_SECONDS = envint(
    "SESSION_ABSOLUTE_SECONDS", int(timedelta(hours=12).total_seconds())
)
SESSION_REFRESH_SECONDS = 60
SESSION_COOKIE_AGE = max(SESSION_IDLE_SECONDS, SESSION_IDLE_SECONDS_COUNCIL)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = False

# Two-factor sign-in (allauth.mfa): required for these roles (peine.middleware), offered
# to everyone else. Security keys and passkeys (WebAuthn) work as a second factor next to
# the authenticator app; signing in with a passkey alone (passwordless) stays off.
# WebAuthn needs HTTPS and the real host name (see docs/operations.md); fido2 accepts
# http://localhost for development and tests, so MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN,
# which would turn off the origin check, is never set.
MFA_REQUIRED_ROLES = {"officer", "reviewer", "admin"}
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = envstr("MFA_TOTP_ISSUER", "Integrationsportal Peine")
MFA_TOTP_TOLERANCE = 1  # a code of the previous or next 30 seconds is still accepted
MFA_RECOVERY_CODE_COUNT = 10
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_ADAPTER = "peine.adapters.MFAAdapter"
MFA_FORMS = {
    "add_webauthn": "peine.mfa_forms.SafeAddWebAuthnForm",
    "authenticate_webauthn": "peine.mfa_forms.SafeAuthenticateWebAuthnForm",
    "reauthenticate_webauthn": "peine.mfa_forms.SafeReauthenticateWebAuthnForm",
}
# Where people see and end their own sessions (allauth.usersessions).
USERSESSIONS_TRACK_ACTIVITY = False

# Production hardening: all switched on by SECURE_COOKIES / HTTPS settings.
HTTPS = envbool("HTTPS", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", default=False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [] if envbool("SECURE_HSTS_PRELOAD", default=False) else ["security.W021"]

# Content-Security-Policy: no inline scripts or styles, nothing from other hosts.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# locale/ is the portal's catalogue; locale-overrides/ addresses people formally ("Sie")
# where a library's German catalogue does not (django-allauth).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-overrides"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Mail (Django 6.1 MAILERS): the console in development, SMTP in production.
_MAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_MAIL_OPTIONS = {}
if _MAIL_BACKEND.endswith("smtp.EmailBackend"):
    _MAIL_OPTIONS = {
        "host": envstr("EMAIL_HOST", "localhost"),
        "port": envint("EMAIL_PORT", 25),
        "username": envstr("EMAIL_HOST_USER"),
        "password": envstr("EMAIL_HOST_PASSWORD"),
        "use_tls": envbool("EMAIL_USE_TLS", default=False),
        "timeout": envint("EMAIL_TIMEOUT", 20),
    }
MAILERS = {"default": {"BACKEND": _MAIL_BACKEND, "OPTIONS": _MAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "integration@peine.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Logs carry no personal data: request bodies and query strings are never logged, and
# error mails are off (they would contain POSTed notes).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"redact": {"()": "peine.lib.logging.RedactExceptionMessages"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
ADMINS = []


# Long notes must never be lost: a form with 10 MB of text reaches the form's own German
# "too long" message (and is shown again) instead of Django's bare 400 at 2.5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 16 * 1024 * 1024)

# Page size of lists. The long lists (stakeholders, measures, findings of one sector and
# kind) page by keyset (peine.lib.pagination.KeysetPaginator: ?after=<cursor>), so deep
# pages cost what the first costs; the short ones are numbered with a capped count.
LIST_PAGE_SIZE = 25

# Who receives accessibility feedback (§ 9b NBGG) and privacy questions.
ACCESSIBILITY_CONTACT_EMAIL = envstr(
    "ACCESSIBILITY_CONTACT_EMAIL", "barrierefreiheit@peine.example"
)
# The date the accessibility statement (§ 9b NBGG) was last reviewed against the tests.
ACCESSIBILITY_CHECKED_ON = date.fromisoformat(envstr("ACCESSIBILITY_CHECKED_ON", "2026-11-30"))
PRIVACY_CONTACT_EMAIL = envstr("PRIVACY_CONTACT_EMAIL", "datenschutz@peine.example")

# Unsaved drafts of the interview form (and a form kept over an expired session) are
# removed after this many days by `manage.py purge_drafts` (docs/operations.md).
INTERVIEW_DRAFT_DAYS = envint("INTERVIEW_DRAFT_DAYS", 14)


# Data protection (privacy/, docs/data-protection.md): retention periods in days.
# Confidential notes are deleted this long after their round was evaluated.
NOTES_RETENTION_DAYS = envint("NOTES_RETENTION_DAYS", 365)
# Contact persons without valid consent or not named in an interview for this long are
# listed for review, and anonymised once they have been due for REVIEW_GRACE_DAYS.
CONTACT_REVIEW_DAYS = envint("CONTACT_REVIEW_DAYS", 730)
CONTACT_REVIEW_GRACE_DAYS = envint("CONTACT_REVIEW_GRACE_DAYS", 30)
# Who read which notes is kept this long.
NOTE_READ_LOG_DAYS = envint("NOTE_READ_LOG_DAYS", 730)
# Backups (make backup): a folder outside the checkout, and how long they are kept.
BACKUP_DIR = envstr("BACKUP_DIR", str(BASE_DIR.parent / "peine-backups"))
BACKUP_KEEP_DAYS = envint("BACKUP_KEEP_DAYS", 30)
