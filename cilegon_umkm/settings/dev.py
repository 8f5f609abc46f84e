"""Local development: `make run`. The project's own PostgreSQL unless DATABASE_URL is set;
never for production."""

from cilegon_umkm import local_postgres

from .base import *

DATABASES = {"default": postgres_database(DATABASE_URL or local_postgres.url())}
if not DATABASE_URL:
    DATABASES["default"]["ENGINE"] = local_postgres.ENGINE  # starts it on first connection

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "django-insecure-local-development-only-never-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=True)
