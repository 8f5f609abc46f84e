import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lending.services.snapshots import arrears_record


class Command(BaseCommand):
    help = (
        "Record every running loan's days past due, collectibility and principal outstanding "
        "for a day (today by default) or a range of days, from what was disbursed and paid "
        "on or before each day, so that arrears can be followed over time and trends rebuilt. "
        "Run nightly; running it again for a day replaces that day's figures."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", dest="on", type=date.fromisoformat, help="YYYY-MM-DD (default today)"
        )
        parser.add_argument(
            "--from", dest="first", type=date.fromisoformat, help="first day of a range"
        )
        parser.add_argument(
            "--until", dest="last", type=date.fromisoformat, help="last day of a range"
        )

    def handle(self, *args, on=None, first=None, last=None, **options):
        today = timezone.localdate()
        if on and (first or last):
            raise CommandError("Give either --date or --from/--until, not both.")
        if on:
            first = last = on
        first, last = first or last or today, last or today
        if last < first:
            raise CommandError("--until comes before --from.")
        if last > today:
            raise CommandError("Arrears cannot be recorded for a day still to come.")
        started = time.perf_counter()
        written, late = arrears_record(first=first, last=last)
        days = (last - first).days + 1
        self.stdout.write(
            f"{written} loan-days recorded for {first} to {last} ({days} days; {late} in "
            f"arrears) in {time.perf_counter() - started:.1f} s."
        )
