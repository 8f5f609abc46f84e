"""Local development: `make run`. SQLite unless DATABASE_URL is set; never for production."""

from .base import *

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "django-insecure-local-development-only-never-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=True)
