"""Django's PostgreSQL backend, starting the project's own server on the first connection a
process makes. Settings without DATABASE_URL name this package as their ENGINE, so that
commands that never connect (check, collectstatic, mypy's Django plugin) start nothing."""

from typing import Any

import psycopg
from django.db.backends.postgresql import base

from cilegon_umkm import local_postgres


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        local_postgres.ensure_started()
        try:
            return super().get_new_connection(conn_params)
        except psycopg.OperationalError:
            # Killed or stopped under a running runserver: start it again rather than
            # answer every request with an error until someone restarts the portal.
            if not local_postgres.restart_if_down():
                raise
            return super().get_new_connection(conn_params)
