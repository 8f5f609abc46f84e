"""Settings shared by every environment; everything that differs comes from the environment.

dev.py, test.py and production.py import this module and change only what they must.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env (see .env.example) is read if present; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# dev.py supplies a throw-away key; production.py refuses to start without a real one.
SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "cilegon_umkm.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "simple_history",
    "axes",
    "csp",
    "django_filters",
    "django_tables2",
    "cilegon_umkm.apps.PortalConfig",
    "cilegon_umkm.accounts",
    "cilegon_umkm.dashboard",
    "registry",
    "lending",
    "mentoring",
    "training",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cilegon_umkm.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Lets audit history record who made a change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cilegon_umkm.urls"
WSGI_APPLICATION = "cilegon_umkm.wsgi.application"

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
                "cilegon_umkm.context_processors.navigation",
            ],
        },
    },
]

# One database everywhere: PostgreSQL (triggers, pg_trgm, COPY and row locks carry rules of
# the portal). DATABASE_URL names the server; dev.py and test.py start the project's own
# (cilegon_umkm/local_postgres/) when it is unset, production.py refuses to start.
DATABASE_URL = env("DATABASE_URL", default="")


def postgres_database(url: str) -> dict:
    """DATABASES["default"] for a DATABASE_URL, which must name a PostgreSQL server."""
    database = environ.Env.db_url_config(url)
    if database.get("ENGINE") != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            f"DATABASE_URL must name a PostgreSQL server (postgres://user:password@host:port/"
            f"name); it names {database.get('ENGINE') or 'something else'}. The portal runs on "
            "PostgreSQL only."
        )
    if not database.get("NAME"):
        raise ImproperlyConfigured(
            "DATABASE_URL names no database: postgres://user:password@host:port/name"
        )
    # With persistent connections, check one before reusing it: after a database restart
    # the first request of every worker would otherwise fail on a dead connection.
    return {
        **database,
        "CONN_MAX_AGE": env.int("CONN_MAX_AGE", default=0),
        "CONN_HEALTH_CHECKS": True,
        "ATOMIC_REQUESTS": False,
    }


def project_postgres_database() -> dict:
    """DATABASES["default"] without DATABASE_URL (dev.py, test.py): the project's own
    PostgreSQL, through its backend that starts the server on the first connection."""
    try:
        from cilegon_umkm import local_postgres
    except ImportError as error:  # a production install: no development tools
        raise ImproperlyConfigured(
            "DATABASE_URL is not set, and the project's own PostgreSQL needs the development "
            f"tools (pip install -r requirements-dev.lock): {error}"
        ) from error
    return {**postgres_database(local_postgres.url()), "ENGINE": local_postgres.ENGINE}


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the dashboards' figures for 5 minutes. Unset, each server process keeps
# its own (fine for one process); with several workers or servers point CACHE_URL at Redis
# (redis://127.0.0.1:6379/0) so a dashboard is computed once for all of them.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
# Argon2id (memory-hard, the Password Hashing Competition's winner), at OWASP's parameters
# (cilegon_umkm/accounts/hashers.py): a fraction of the CPU that Django's PBKDF2 takes per
# login (BENCHMARKS.md). PBKDF2 stays listed so that older hashes still verify; Django
# rehashes each at its owner's next login.
PASSWORD_HASHERS = [
    "cilegon_umkm.accounts.hashers.OfficeArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is locked out for the cool-off time; a success
# resets the count. Attempts are kept in the database (Admin > Axes), so every app server
# sees them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cilegon_umkm.accounts.lockout.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_ENABLE_ADMIN = False  # its admin pages are registered by accounts/admin.py instead
# The address counted is the visitor's, as the trusted reverse proxies report it
# (cilegon_umkm/accounts/client_address.py); 0 proxies: the address that connected.
AXES_CLIENT_IP_CALLABLE = "cilegon_umkm.accounts.client_address.client_address"
TRUSTED_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
# Wrong passwords from one address, whatever the usernames, before the address is refused
# for the cool-off time (password spraying; accounts/lockout.py). Higher than the limit per
# username: staff behind one office router share an address.
LOGIN_FAILURES_PER_ADDRESS = env.int("AXES_FAILURES_PER_ADDRESS", default=30)

# Content-Security-Policy: only the portal's own scripts, styles, fonts and images (all
# vendored under static/); no inline script or style, no plugins, no framing. Photos
# taken on a phone are previewed from blob: URLs; segno's QR codes are inline SVG.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Uploads: spreadsheets (registry import, its own limit) and visit photos (their own
# limit) are the only files; anything larger than this is streamed to a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # non-file form data

# Sessions live in the database so that several app servers can share them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = False

LANGUAGE_CODE = "id"
LANGUAGES = [
    ("id", _("Bahasa Indonesia")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way of writing a date on every page: 5 Des 2026 (cilegon_umkm/formats/__init__.py).
FORMAT_MODULE_PATH = ["cilegon_umkm.formats"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# seed_demo creates users with a published password: only where this is on (dev, test).
DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=False)

# Who signs the printed training certificate, and the office's logo on it (a file under
# static/): the office sets them in its environment (.env).
CERTIFICATE_SIGNATORY_TITLE = env(
    "CERTIFICATE_SIGNATORY_TITLE", default="Kepala Dinas Koperasi dan UMKM Kota Cilegon"
)
CERTIFICATE_SIGNATORY_NAME = env("CERTIFICATE_SIGNATORY_NAME", default="")
CERTIFICATE_SIGNATORY_NIP = env("CERTIFICATE_SIGNATORY_NIP", default="")
CERTIFICATE_LOGO = env("CERTIFICATE_LOGO", default="img/favicon.svg")
