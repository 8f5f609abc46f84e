"""Receipt numbers: a kuitansi posted without a number of the cashier's gets the next one of
its fund's series for the year of the payment (PREFIX/YEAR/000123)."""

import re
from datetime import date

from django.db import transaction
from django.db.models import F

from ..models import Fund, ReceiptSeries


@transaction.atomic
def next_receipt_number(*, fund: Fund, on: date) -> str:
    """The next number of the fund's series for `on`'s year. The series row stays locked
    until the caller's transaction ends, so two cashiers at the same moment never get one
    number, and a posting that is refused (rolled back) leaves no gap."""
    ReceiptSeries.objects.get_or_create(fund=fund, year=on.year)
    series = ReceiptSeries.objects.select_for_update().get(fund=fund, year=on.year)
    ReceiptSeries.objects.filter(pk=series.pk).update(last_number=F("last_number") + 1)
    series.refresh_from_db(fields=["last_number"])
    return f"{fund.receipt_prefix}/{on.year}/{series.last_number:06d}"


def is_series_number(fund: Fund, receipt_no: str) -> bool:
    """Whether a number has the form of the fund's own series: such numbers are given by
    the portal only, so one typed by hand can never collide with one it gives later."""
    pattern = rf"{re.escape(fund.receipt_prefix)}/\d{{4}}/\d+"
    return re.fullmatch(pattern, receipt_no.strip(), flags=re.IGNORECASE) is not None
