import time

from django.core.management.base import BaseCommand

from registry.services import duplicates_refresh


class Command(BaseCommand):
    help = "Look for possibly duplicated businesses (run nightly; staff can also run it)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        outcome = duplicates_refresh()
        self.stdout.write(
            f"{outcome.found} possible duplicates ({outcome.new} new, {outcome.closed} closed) "
            f"in {time.perf_counter() - started:.1f} s."
        )
