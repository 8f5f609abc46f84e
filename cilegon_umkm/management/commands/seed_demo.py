"""Fill the database with deterministic demo data and one demo user per role.

Each app contributes its own part; this command only decides the order. Safe to run
again: every part updates what exists instead of adding a second copy."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from cilegon_umkm.accounts.demo import DEMO_PASSWORD, DEMO_USERS, seed_demo_users
from cilegon_umkm.dashboard.demo import seed_targets
from cilegon_umkm.management.steps import Steps
from lending.demo import seed_lending
from mentoring.demo import seed_mentoring
from mentoring.models import Mentor, Referral, Visit
from registry.demo import seed_registry
from registry.services import duplicates_refresh
from training.demo import seed_training


def require_demo_data_allowed() -> None:
    if not settings.DEMO_DATA_ALLOWED:
        raise CommandError(
            "Demo data is switched off here (DEMO_DATA_ALLOWED=false): it would create "
            "users with a published password."
        )


class Command(BaseCommand):
    help = "Create demo data and demo users (one per role). Idempotent; --seed picks the data."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument(
            "--umkm", type=int, default=34_000, help="number of businesses (default 34000)"
        )
        parser.add_argument(
            "--loans", type=int, default=3_000, help="number of loans (default 3000)"
        )

    def handle(self, *args, seed: int, umkm: int, loans: int, **options):
        require_demo_data_allowed()
        step = Steps(self.stdout)
        with step("Demo users"), transaction.atomic():
            step.done(f"{len(seed_demo_users())} users")
        with step("Businesses"):
            registry = seed_registry(seed=seed, count=umkm)
            step.done(
                f"{registry.created} created, {registry.updated} updated, "
                f"{registry.unchanged} unchanged, {registry.rejected} rejected"
            )
        with step("Duplicate check"):
            step.done(f"{duplicates_refresh().found} possible duplicates for staff to check")
        with step("Loans"):
            created = seed_lending(seed=seed, loans=loans)
            step.done(f"{created} created" if created else "already there")
        with step("Mentoring"):
            seed_mentoring(seed=seed)
            step.done(
                f"{Mentor.objects.count()} mentors, {Visit.objects.count()} visits, "
                f"{Referral.objects.count()} referrals"
            )
        with step("Training"):
            enrolled = seed_training(seed=seed)
            step.done(f"{enrolled} enrolments made" if enrolled else "already there")
        with step("Dashboard targets"):
            step.done(f"{seed_targets()} created")
        with step("Planner statistics"), connection.cursor() as cursor:
            # Fresh statistics for the planner: autovacuum may take a while to look at
            # tables that were just filled, and until then joins are planned for empty ones.
            cursor.execute("ANALYZE")
            step.done("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (seed {seed}, {step.total})."))
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write(f"\nDemo users (password for all: {DEMO_PASSWORD})")
        width = max(len(demo.username) for demo in DEMO_USERS)
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username.ljust(width)}  {demo.role.value}")
