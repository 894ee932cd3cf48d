"""Fabriek settings: everything that differs between machines comes from the environment.

Defaults give a working development set-up on SQLite; `DEBUG=false` turns on the production hardening
that `manage.py check --deploy` asks for. See README.md, "Configuration".
"""

import importlib.util
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def _package_dir(name: str) -> Path:
    """Where an installed package lies, without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ImproperlyConfigured(f"the package {name} is not installed (pip install -r requirements.txt)")
    return Path(spec.origin).parent


# django-ninja is not an installed app: as one, every process would import it (pydantic with it) while Django
# starts, about a third of the start-up of a command such as `manage.py report` (issue 8). All it brought as
# an app are its Swagger UI template and files, found through TEMPLATES and STATICFILES_DIRS (`config.api`).
NINJA_DIR = _package_dir("ninja")


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is false")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "fabriek.core",
    "fabriek.accounts",
    "fabriek.programmes",
    "fabriek.mail",
    "fabriek.companies",
    "fabriek.participation",
    "fabriek.metrics",
    "fabriek.partners",
    "fabriek.mentoring",
    "fabriek.events",
    "fabriek.intake",
    "fabriek.surveys",
    "fabriek.spaces",
    "fabriek.reporting",
    "fabriek.imports",
    "fabriek.deletions",
    "fabriek.privacy",
    "fabriek.people",
    "fabriek.homes",
    "fabriek.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # after WhiteNoise: static files keep their long cache lifetime, everything else is no-store
    "fabriek.core.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fabriek.core.middleware.LanguageMiddleware",
    # refuses control characters and unreadable bodies before anything runs; API errors always JSON
    "fabriek.core.middleware.RequestGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor
    "django_otp.middleware.OTPMiddleware",
    # after authentication: a logged-in user's own language replaces the cookie's
    "fabriek.core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "fabriek.accounts.sessions.SessionTimeoutMiddleware",
    "fabriek.core.middleware.DownloadAuditMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "fabriek.accounts.middleware.AccessRuleMiddleware",
    # after the access rules' own middleware: a session that still owes its second factor sees only the
    # pages that let it give one (or set one up)
    "fabriek.accounts.two_factor_middleware.SecondFactorMiddleware",
    # it calls the view (again once, when a write lost a race with another one): after every other
    # process_view; django-axes has none, so it can stay last as it asks
    "fabriek.core.middleware.ConflictRetryMiddleware",
    # last, as django-axes asks: turns a locked-out login into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "fabriek" / "templates", NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "fabriek.accounts.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at the start of a transaction, so two writers never both read
    # a free slot and then both write: SQLite's stand-in for select_for_update().
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            # readers are not blocked while a large import commits
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The reports run thousands of short index probes in one query; PostgreSQL's JIT compiler costs far
    # more time compiling them than it saves (measured: jobs created 640 ms with JIT, 210 ms without).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTHENTICATION_BACKENDS = [
    # first: refuses a locked-out account or address before the password is even checked
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- login throttling (fabriek/accounts/lockout.py) -------------------------------------------------------
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
# the account and, separately, the client address
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# attempts while locked out are refused without extending the lock, so "try again after HH:MM" holds
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "fabriek.accounts.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "fabriek.accounts.lockout.client_ip"
AXES_VERBOSE = False
# Failed logins are in the app's audit log; axes' own log of every successful login is not needed.
AXES_DISABLE_ACCESS_LOG = True
#: How long a new API token works unless its maker chooses otherwise, and the longest they may choose.
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "90"))
# Second factor (TOTP, django-otp): required in production for the roles below (and superusers); the
# demo of `make run` (DEBUG) does not ask for it, so its printed logins work at once.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", not DEBUG)
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", "staff,location_manager,funder")
TWO_FACTOR_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Fabriek")
API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "365"))
#: Unknown or expired API tokens from one client address before its token calls are refused (429).
API_TOKEN_FAILURE_LIMIT = int(os.environ.get("API_TOKEN_FAILURE_LIMIT", "20"))

# --- sessions (fabriek/accounts/sessions.py) -------------------------------------------------------------
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(30 * 60)))
SESSION_ABSOLUTE_TIMEOUT = int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT", str(12 * 60 * 60)))
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

PASSWORD_RESET_TIMEOUT = 60 * 60  # a reset link works for an hour

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
# The second holds the Dutch of the indicator definitions (docstrings, which makemessages cannot extract);
# it must not be named "locale", or makemessages would send the reporting app's strings there.
LOCALE_PATHS = [BASE_DIR / "fabriek" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
# Selects say "Choose a location" ("Kies een locatie"), not "---------" (fabriek/core/forms.py).
FORM_RENDERER = "fabriek.core.forms.SentenceChoicesRenderer"
# British English and Dutch dates, times and numbers (fabriek/formats), not Django's US English defaults.
FORMAT_MODULE_PATH = ["fabriek.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "fabriek" / "static", NINJA_DIR / "static"]
# Serve straight from the app folders when nothing was collected (development, tests).
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Mail: every message the app sends (Django's send_mail, EmailMessage.send(), the password reset) is
# written to the outbox (fabriek.mail) in the sender's transaction; the worker delivers it through
# MAIL_DELIVERY_BACKEND, over SMTP with the settings below. See docs/architecture.md, "Background work".
EMAIL_BACKEND = "fabriek.mail.backends.OutboxBackend"
MAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "fabriek@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
#: Minutes to wait before the 2nd, 3rd, ... delivery attempt of a message; after the last it is failed.
MAIL_RETRY_MINUTES = [1, 5, 30, 120, 360]
#: The address people reach the app at, for links in mail (the worker has no request to take it from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background work: Django's tasks API (the django-tasks backport) with the database backend; the worker
# is `manage.py run_worker` (make run starts one beside the web server). See docs/architecture.md.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
#: A worker that has not written a heartbeat for this many seconds is taken for dead: its running tasks
#: are marked failed and the jobs behind them retried or failed (fabriek.core.worker).
WORKER_DEAD_AFTER_SECONDS = int(os.environ.get("WORKER_DEAD_AFTER_SECONDS", "120"))
#: Periodic jobs the workers enqueue, each at most once per slot however many workers run
#: (fabriek.core.schedule). "every": seconds; "offset": seconds after midnight UTC where slots start.
PERIODIC_TASKS = {
    "mail.deliver": {"task": "fabriek.mail.tasks.deliver_outbox", "every": 60},
    # the report pages' default figures, computed after a change before anyone waits for them
    "reporting.refresh": {"task": "fabriek.reporting.tasks.refresh_figures", "every": 60},
    "imports.recover": {"task": "fabriek.imports.tasks.recover_import_jobs", "every": 60},
    "tasks.prune": {"task": "fabriek.core.tasks.prune_task_results", "every": 86400, "offset": 3 * 3600},
    "imports.purge_files": {"task": "fabriek.imports.tasks.purge_import_files", "every": 86400, "offset": 5 * 3600},
    "surveys.send_due": {"task": "fabriek.surveys.tasks.send_due_surveys", "every": 86400, "offset": 6 * 3600},
    # reminders the day before an event (idempotent: each registration is marked as it is mailed)
    "events.reminders": {"task": "fabriek.events.tasks.send_event_reminders", "every": 86400, "offset": 7 * 3600},
    # the two-year clock mails at 21 and 23 months (idempotent: one StayClockNotice per stay and milestone)
    "spaces.stay_clock": {
        "task": "fabriek.spaces.tasks.send_stay_clock_mails",
        "every": 86400,
        "offset": 6 * 3600 + 1800,
    },
    "intake.anonymise": {
        "task": "fabriek.intake.tasks.anonymise_expired_applications",
        "every": 86400,
        "offset": 4 * 3600,
    },
}

# The KvK register (KVK's Zoeken, Basisprofiel and Vestigingsprofiel APIs). Without a key the lookup is off
# and the forms say so; answers are kept for a day so a second lookup costs KVK nothing.
KVK_API_URL = os.environ.get("KVK_API_URL", "https://api.kvk.nl")
KVK_API_KEY = os.environ.get("KVK_API_KEY", "")
KVK_TIMEOUT_SECONDS = float(os.environ.get("KVK_TIMEOUT_SECONDS", "5"))
KVK_ATTEMPTS = int(os.environ.get("KVK_ATTEMPTS", "3"))
KVK_BACKOFF_SECONDS = float(os.environ.get("KVK_BACKOFF_SECONDS", "0.5"))  # doubled after each failed try
KVK_CACHE_SECONDS = int(os.environ.get("KVK_CACHE_SECONDS", str(24 * 60 * 60)))

# Intake: how long the personal details of applicants who were not admitted are kept (see docs/rules.md).
INTAKE_RETENTION_WITHOUT_CONSENT_DAYS = int(os.environ.get("INTAKE_RETENTION_WITHOUT_CONSENT_DAYS", "90"))
INTAKE_RETENTION_DAYS = int(os.environ.get("INTAKE_RETENTION_DAYS", str(3 * 365)))
# Events: public registrations one client address may make per hour (page and API together).
EVENT_REGISTRATIONS_PER_ADDRESS_PER_HOUR = int(os.environ.get("EVENT_REGISTRATIONS_PER_ADDRESS_PER_HOUR", "20"))
INTAKE_APPLICATIONS_PER_ADDRESS_PER_HOUR = int(os.environ.get("INTAKE_APPLICATIONS_PER_ADDRESS_PER_HOUR", "5"))

# Fixing mistakes and personal data: how long a deletion can be undone (its snapshot stays in the audit log),
# and how long an uploaded import file is kept when it is never applied (an applied one is removed at once).
FABRIEK_UNDO_DAYS = int(os.environ.get("FABRIEK_UNDO_DAYS", "30"))
FABRIEK_IMPORT_FILE_DAYS = int(os.environ.get("FABRIEK_IMPORT_FILE_DAYS", "30"))

BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    # Only behind a proxy that sets (and overwrites) X-Forwarded-Proto; otherwise a client could claim https.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

# --- browser security headers (fabriek/core/headers.py) ------------------------------------------------
CONTENT_SECURITY_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
]
API_DOCS_PATH = "/api/v1/docs"
# The API's schema and browsable docs answer anonymous visitors only in development.
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", DEBUG)

# Imports (fabriek/imports/reading.py): the largest file, for a workbook its unpacked size, and the most rows
# a file may hold; both are checked before the rows are parsed, so memory stays bounded whatever is uploaded.
IMPORTS_MAX_UNCOMPRESSED_BYTES = int(os.environ.get("IMPORTS_MAX_UNCOMPRESSED_BYTES", str(200 * 1024 * 1024)))
IMPORTS_MAX_ROWS = int(os.environ.get("IMPORTS_MAX_ROWS", "2000000"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
