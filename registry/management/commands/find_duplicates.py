import time

from django.core.management.base import BaseCommand

from registry.services import duplicates_refresh
from registry.tally import tally_compact


class Command(BaseCommand):
    help = (
        "Look for possibly duplicated businesses and compact the dashboards' tally "
        "(run nightly; staff can also run it)."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        outcome = duplicates_refresh()
        tally_compact()  # nightly too: edits and field registrations append to the tally
        self.stdout.write(
            f"{outcome.found} possible duplicates ({outcome.new} new, {outcome.closed} closed) "
            f"in {time.perf_counter() - started:.1f} s."
        )
