"""Writes to a fund's ledger that are not part of a loan: capital added."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User

from ..errors import LendingError
from ..models import Fund, FundEntry


@transaction.atomic
def fund_capital_add(
    *, fund: Fund, amount: int, entry_date: date, note: str, user: User
) -> FundEntry:
    """Capital added to a fund (APBD). A mistaken addition is reversed, not edited."""
    if amount <= 0:
        raise LendingError(_("Capital added must be more than Rp0."))
    Fund.objects.select_for_update().get(pk=fund.pk)
    return FundEntry.objects.create(
        fund=fund,
        kind=FundEntry.Kind.CAPITAL,
        amount=amount,
        entry_date=entry_date,
        note=note,
        created_by=user,
    )
