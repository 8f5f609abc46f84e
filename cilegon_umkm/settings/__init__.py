"""Settings modules: dev (the default of manage.py), test (pytest) and production (wsgi)."""
