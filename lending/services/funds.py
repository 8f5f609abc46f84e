from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Fund, FundEntry, FundTotal
from .errors import LendingError

Kind = FundEntry.Kind


@dataclass(frozen=True)
class FundBalances:
    """A fund's ledger summed by kind (reversals and corrections included)."""

    capital: int = 0
    disbursed: int = 0
    principal_repaid: int = 0
    jasa: int = 0
    penalty: int = 0
    written_off: int = 0

    @property
    def available(self) -> int:
        """What can be lent now: capital + principal repaid - principal disbursed -
        principal written off (the office's rule). Jasa and denda are income (PAD), not
        capital, and are reported apart."""
        return self.capital + self.principal_repaid - self.disbursed - self.written_off

    @property
    def income(self) -> int:
        return self.jasa + self.penalty


_FIELD = {
    Kind.CAPITAL: "capital",
    Kind.DISBURSEMENT: "disbursed",
    Kind.PRINCIPAL_REPAID: "principal_repaid",
    Kind.JASA: "jasa",
    Kind.PENALTY: "penalty",
    Kind.WRITE_OFF: "written_off",
}


def fund_balances(fund: Fund) -> FundBalances:
    """The ledger's sums per kind: one row each from FundTotal (kept by a trigger)."""
    totals = FundTotal.objects.filter(fund=fund).values_list("kind", "total")
    return FundBalances(**{_FIELD[kind]: total for kind, total in totals})


def fund_available(fund: Fund) -> int:
    return fund_balances(fund).available


@transaction.atomic
def fund_capital_add(*, fund: Fund, amount: int, entry_date, note: str, user) -> FundEntry:
    """Capital added to a fund (APBD). A mistaken addition is reversed, not edited."""
    if amount <= 0:
        raise LendingError(_("Capital added must be more than Rp0."))
    Fund.objects.select_for_update().get(pk=fund.pk)
    return FundEntry.objects.create(
        fund=fund,
        kind=Kind.CAPITAL,
        amount=amount,
        entry_date=entry_date,
        note=note,
        created_by=user,
    )
