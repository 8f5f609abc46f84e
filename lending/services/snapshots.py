"""Recording arrears snapshots: the history behind the trends of the portfolio."""

from datetime import date

from django.db import transaction

from ..models import ArrearsSnapshot
from ..selectors.arrears_history import ArrearsOnDay, arrears_on_days, days_between

WRITE_AT_ONCE = 5000


@transaction.atomic
def arrears_record(*, first: date, last: date) -> tuple[int, int]:
    """Record every running loan's arrears for each day from `first` to `last`, computed
    from what was disbursed and paid on or before that day. The days' earlier snapshots
    are replaced, all or nothing. Returns (snapshots written, of them in arrears)."""
    if last < first:
        raise ValueError("the last day comes before the first")
    ArrearsSnapshot.objects.filter(on_date__range=(first, last)).delete()
    written = late = 0
    batch: list[ArrearsSnapshot] = []
    for row in arrears_on_days(days_between(first, last)):
        batch.append(_snapshot(row))
        late += row.days_past_due > 0
        if len(batch) == WRITE_AT_ONCE:
            written += len(ArrearsSnapshot.objects.bulk_create(batch))
            batch = []
    written += len(ArrearsSnapshot.objects.bulk_create(batch))
    return written, late


def _snapshot(row: ArrearsOnDay) -> ArrearsSnapshot:
    return ArrearsSnapshot(
        loan_id=row.loan_id,
        on_date=row.on,
        days_past_due=row.days_past_due,
        collectibility=row.collectibility,
        principal_outstanding=row.principal_outstanding,
    )
