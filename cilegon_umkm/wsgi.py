"""WSGI entry point for gunicorn: `gunicorn cilegon_umkm.wsgi`. Production settings by default."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cilegon_umkm.settings.production")

application = get_wsgi_application()
