"""One env-driven settings module. SQLite by default; PostgreSQL with DATABASE_URL.

CASEREVIEW_ENV is `development` (default), `test` or `production`. Production refuses
the demo shortcut, DEBUG, a missing SECRET_KEY or AUDIT_HMAC_KEY, insecure cookies and
SMTP without TLS (docs/production.md).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, minimum: int = 0, maximum: int | None = None) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum or (maximum is not None and number > maximum):
        upper = "" if maximum is None else f" and at most {maximum}"
        raise ImproperlyConfigured(f"{name} must be at least {minimum}{upper}, not {number}")
    return number


ENVIRONMENT = os.environ.get("CASEREVIEW_ENV", "development")
if ENVIRONMENT not in {"development", "test", "production"}:
    raise ImproperlyConfigured(
        f"CASEREVIEW_ENV must be development, test or production, not {ENVIRONMENT!r}"
    )
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_flag("CASEREVIEW_DEBUG", default=ENVIRONMENT == "development")
# Demo shortcut: the second-factor page shows the current code of the demo user's TOTP
# device so that a newcomer can sign in without an authenticator app.
DEMO_SHOW_CODES = env_flag("CASEREVIEW_DEMO")

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("CASEREVIEW_DEBUG cannot be on in production")
    if DEMO_SHOW_CODES:
        raise ImproperlyConfigured("CASEREVIEW_DEMO cannot be on in production")
    if not os.environ.get("SECRET_KEY"):
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    if len(os.environ.get("AUDIT_HMAC_KEY", "")) < 32:
        raise ImproperlyConfigured(
            "AUDIT_HMAC_KEY must be set in production, at least 32 random characters"
        )

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-" + "x" * 40)
# The audit chain is keyed (HMAC-SHA256) with this key, kept outside the database, and
# `casereview audit checkpoint` signs the chain's head into AUDIT_CHECKPOINT_FILE (below).
AUDIT_HMAC_KEY = os.environ.get("AUDIT_HMAC_KEY") or "dev-only-audit-key-not-secret"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "casereview.lib",
    "casereview.audit",
    "casereview.accounts",
    "casereview.procedure",
    "casereview.cases",
    "casereview.reviews",
    "casereview.reviews.panel",
    "casereview.reviews.reports",
    "casereview.reviews.family",
    "casereview.reviews.support",
    "casereview.chronology",
    "casereview.learning",
    "casereview.publication",
    "casereview.national",
    "casereview.api",
    "casereview.documents",
    "casereview.ops",
    "casereview.demo",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "casereview.accounts.middleware.SessionLimitsMiddleware",
    "casereview.accounts.middleware.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "casereview.accounts.middleware.NoStoreMiddleware",
    "casereview.audit.middleware.AuditReadMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "casereview.urls"
WSGI_APPLICATION = "casereview.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "casereview" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casereview.accounts.context.navigation",
            ],
        },
    },
]
FORM_RENDERER = "casereview.lib.forms.GovukFormRenderer"

# Database: SQLite in WAL mode with immediate transactions, or DATABASE_URL.
DATA_DIR = Path(os.environ.get("CASEREVIEW_DATA_DIR", BASE_DIR / "var"))
# Signed checkpoints of the audit chain's head; in production, somewhere the database's
# users cannot rewrite (docs/production.md).
AUDIT_CHECKPOINT_FILE = Path(
    os.environ.get("AUDIT_CHECKPOINT_FILE") or DATA_DIR / "audit-checkpoints.log"
)
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "casereview.sqlite3",
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                " PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks (Django's tasks API): kept in the database and run by a worker,
# `python -m casereview db_worker` (docs/production.md); the tests run them at once.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id at OWASP's parameters (accounts/hashers.py); Django's defaults cost three times
# as much CPU and twice the memory per sign-in. Older hashes verify and are upgraded.
PASSWORD_HASHERS = [
    "casereview.accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"

# Lockout: 5 failures within 15 minutes lock the username for 15 minutes, whether or
# not the account exists, so the answers for known and unknown users are the same.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "casereview.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_SENSITIVE_PARAMETERS = ["username", "password"]
# The client address for lockouts and the audit trail: behind TRUSTED_PROXIES reverse
# proxies, from X-Forwarded-For; with 0, the header is ignored (docs/production.md).
TRUSTED_PROXIES = env_int("CASEREVIEW_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "casereview.lib.client_address.client_ip"
# axes.W006 asks to lock by IP address too; many staff of one council share an address,
# so one person's mistakes would lock out their colleagues. Locking is by username.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

OTP_TOTP_ISSUER = "casereview"

# Sessions: database-backed; idle and absolute limits enforced by SessionLimitsMiddleware.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
# How long before the idle timeout pages warn, with a button to stay signed in (WCAG 2.2.1).
SESSION_WARNING = timedelta(minutes=2)
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Security headers.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    if TRUSTED_PROXIES:
        # Only a proxy of ours may say the request came over HTTPS (it overwrites the
        # header, docs/production.md); with none, a client's own header would be believed.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Uploaded documents: outside the web root (never under STATIC_ROOT or a MEDIA_ROOT), served
# only through the access-checked download view.
DOCUMENTS_ROOT = Path(os.environ.get("CASEREVIEW_DOCUMENTS_ROOT") or DATA_DIR / "documents")
DOCUMENT_MAX_BYTES = int(os.environ.get("CASEREVIEW_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))
# ClamAV's daemon, which scans every upload when set (docs/uploads.md): a Unix socket, or a
# host and port. Unreachable when set, it refuses uploads rather than let them through.
CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET", "")
CLAMD_HOST = os.environ.get("CLAMD_HOST", "")
CLAMD_PORT = int(os.environ.get("CLAMD_PORT", 3310))
CLAMD_TIMEOUT = float(os.environ.get("CLAMD_TIMEOUT", 30))
STATICFILES_DIRS = [BASE_DIR / "frontend" / "dist"]
# Outside production WhiteNoise serves the front end straight from where it is built, so
# that `make run` (debugging off) works from a fresh clone without `collectstatic`.
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Mail goes to the console (SMTP in production) unless EMAIL_BACKEND names another backend.
# SMTP takes EMAIL_HOST, EMAIL_PORT, EMAIL_USERNAME, EMAIL_PASSWORD and one of EMAIL_USE_TLS
# (STARTTLS) or EMAIL_USE_SSL (implicit TLS); the server's certificate and name are always
# checked (casereview.lib.mail). Production refuses SMTP without TLS (docs/production.md).
# Lower-case names: Django refuses the old EMAIL_* settings beside MAILERS.
_smtp_backends = {"casereview.lib.mail.SMTPBackend", "django.core.mail.backends.smtp.EmailBackend"}
_mail_backend = os.environ.get(
    "EMAIL_BACKEND",
    "casereview.lib.mail.SMTPBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
MAILERS = {"default": {"BACKEND": _mail_backend, "OPTIONS": {}}}
if _mail_backend in _smtp_backends:
    _starttls, _implicit_tls = env_flag("EMAIL_USE_TLS"), env_flag("EMAIL_USE_SSL")
    if _starttls and _implicit_tls:
        raise ImproperlyConfigured(
            "Set only one of EMAIL_USE_TLS (STARTTLS) and EMAIL_USE_SSL (implicit TLS)"
        )
    if PRODUCTION and not (_starttls or _implicit_tls):
        raise ImproperlyConfigured(
            "Mail in production must be encrypted: set EMAIL_USE_TLS=1 (STARTTLS, usually "
            "port 587) or EMAIL_USE_SSL=1 (implicit TLS, usually port 465)"
        )
    if os.environ.get("EMAIL_SSL_KEYFILE") and not os.environ.get("EMAIL_SSL_CERTFILE"):
        raise ImproperlyConfigured("EMAIL_SSL_KEYFILE needs EMAIL_SSL_CERTFILE (the certificate)")
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 465 if _implicit_tls else 587 if _starttls else 25, 1, 65535),
        "username": os.environ.get("EMAIL_USERNAME", ""),
        "password": os.environ.get("EMAIL_PASSWORD", ""),
        "use_tls": _starttls,
        "use_ssl": _implicit_tls,
        "timeout": 30,  # seconds: a relay that hangs must not hold a worker for ever
        # A client certificate, for relays that ask for one; optional.
        "ssl_certfile": os.environ.get("EMAIL_SSL_CERTFILE") or None,
        "ssl_keyfile": os.environ.get("EMAIL_SSL_KEYFILE") or None,
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "casereview@localhost")

# Logs never carry personal data: no request bodies, no query strings; user ids only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

SERVICE_NAME = "Serious Case Reviews"
# send-reminders covers obligations overdue or due within this many working days.
REMINDER_WITHIN_WORKING_DAYS = int(os.environ.get("REMINDER_WITHIN_WORKING_DAYS", "5"))
