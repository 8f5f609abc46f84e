"""When the fund's books close: a month's ledger entries are final once the month is over.
Payments, reversals and write-offs all follow this one rule."""

from datetime import date


def first_open_day(today: date) -> date:
    """The earliest date a ledger entry may still carry: the first of the current month.
    Entries of earlier months are closed; a correction of them is booked on a later day."""
    return today.replace(day=1)


def booking_date(happened_on: date, today: date) -> date:
    """The date a ledger entry for something that happened on `happened_on` carries: that
    day while its month is open, otherwise today (a closed month is not rewritten)."""
    return happened_on if happened_on >= first_open_day(today) else today
