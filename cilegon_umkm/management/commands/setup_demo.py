"""`make run`'s set-up: which database, its migrations, then the demo data (seed_demo), one
line per step with what it did and how long it took."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cilegon_umkm.management.commands.seed_demo import require_demo_data_allowed
from cilegon_umkm.management.steps import Steps


class Command(BaseCommand):
    help = "Migrate the database and load the demo data, saying what each step does."

    def handle(self, *args, **options):
        require_demo_data_allowed()
        step = Steps(self.stdout)
        with step("Database"):
            step.done(_database_description())
        with step("Migrations"):
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
            call_command("migrate", interactive=False, verbosity=0)
            step.done(f"{len(pending)} applied" if pending else "up to date")
        call_command("seed_demo", stdout=self.stdout)


def _database_description() -> str:
    database = connection.settings_dict
    version = connection.pg_version
    where = f"{database['NAME']} on {database['HOST'] or 'localhost'}"
    if database["ENGINE"] == "cilegon_umkm.local_postgres":
        from cilegon_umkm import local_postgres  # a development install only

        return f"{where}, the project's own: {local_postgres.binaries().origin}"
    return f"{where} (DATABASE_URL), PostgreSQL {version // 10000}.{version % 100}"
