"""The test suite (pytest). Same database as dev: DATABASE_URL, else the project's own
PostgreSQL; pytest-django makes test_<name> (test_<name>_gw<N> per xdist worker) on it."""

from .base import *

DATABASES = {
    "default": postgres_database(DATABASE_URL) if DATABASE_URL else project_postgres_database()
}

SECRET_KEY = SECRET_KEY or "django-insecure-test-only"
ALLOWED_HOSTS = ["*"]
DEBUG = False
# Hashing with the real algorithm would make every login in the suite slow.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"
DEMO_DATA_ALLOWED = True
# Serve static files from the app folders, as in development, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
