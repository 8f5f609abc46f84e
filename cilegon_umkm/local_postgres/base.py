"""Django's PostgreSQL backend, starting the project's own server on the first connection a
process makes. Settings without DATABASE_URL name this package as their ENGINE, so that
commands that never connect (check, collectstatic, mypy's Django plugin) start nothing."""

from django.db.backends.postgresql import base

from cilegon_umkm import local_postgres


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        local_postgres.ensure_started()
        return super().get_new_connection(conn_params)
