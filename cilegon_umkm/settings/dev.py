"""Local development: `make run`. The project's own PostgreSQL unless DATABASE_URL is set;
never for production."""

from .base import *

DATABASES = {
    "default": postgres_database(DATABASE_URL) if DATABASE_URL else project_postgres_database()
}

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "django-insecure-local-development-only-never-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=True)
