"""Django's PostgreSQL backend, starting the project's own server on the first connection a
process makes. Settings without DATABASE_URL name this package as their ENGINE, so that
commands that never connect (check, collectstatic, mypy's Django plugin) start nothing."""

from typing import Any

from django.db.backends.postgresql import base
from psycopg import Connection

from cilegon_umkm import local_postgres


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Connection[Any]:
        local_postgres.ensure_started()
        return super().get_new_connection(conn_params)
