"""What the funds hold: their ledgers summed by kind, and what they can lend now."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Sum

from ..models import Fund, FundEntry, FundTotal

Kind = FundEntry.Kind


@dataclass(frozen=True)
class FundBalances:
    """A fund's ledger summed by kind (reversals and corrections included)."""

    capital: int = 0
    disbursed: int = 0
    principal_repaid: int = 0
    jasa: int = 0
    denda: int = 0
    written_off: int = 0
    recovered: int = 0

    @property
    def available(self) -> int:
        """What can be lent now: capital + principal repaid (recoveries included) -
        principal disbursed. A write-off moves no cash: the principal it writes off left
        the fund when it was disbursed and is simply not coming back, so it is shown on
        its own line but not subtracted again. Jasa and denda are income (PAD), not
        capital, and are reported apart."""
        return self.capital + self.principal_repaid + self.recovered - self.disbursed

    @property
    def unrecovered(self) -> int:
        """Written-off principal not recovered: the fund's loss so far."""
        return self.written_off - self.recovered

    @property
    def income(self) -> int:
        return self.jasa + self.denda


_FIELD: dict[str, str] = {
    Kind.CAPITAL: "capital",
    Kind.DISBURSEMENT: "disbursed",
    Kind.PRINCIPAL_REPAID: "principal_repaid",
    Kind.JASA: "jasa",
    Kind.DENDA: "denda",
    Kind.WRITE_OFF: "written_off",
    Kind.RECOVERY: "recovered",
}


def fund_balances(fund: Fund) -> FundBalances:
    """The ledger's sums per kind: one row each from FundTotal (kept by a trigger)."""
    totals = FundTotal.objects.filter(fund=fund).values_list("kind", "total")
    return FundBalances(**{_FIELD[kind]: total for kind, total in totals})


def fund_available(fund: Fund) -> int:
    return fund_balances(fund).available


def all_funds_balances() -> FundBalances:
    """Every fund's ledger summed by kind, in one query (what the dashboards show)."""
    totals = FundTotal.objects.values_list("kind").annotate(sum=Sum("total")).order_by()
    return FundBalances(**{_FIELD[kind]: total for kind, total in totals})


def active_funds_with_balances() -> list[tuple[Fund, FundBalances]]:
    return [(fund, fund_balances(fund)) for fund in Fund.objects.filter(is_active=True)]
