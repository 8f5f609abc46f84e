"""How a loan's repayments settle its schedule: a pure replay, used when a repayment is
posted, when one is reversed (every later repayment is replayed), for quotes and for
arrears. Nothing here touches the database.

A payment settles the oldest installment first, and within one: denda, then jasa, then
principal. Denda (the late fee) of an installment, when the product has one, is the
product's percentage of the installment per started month of lateness after a grace
period, counted up to the day the installment is paid; it stops growing once the
installment is settled."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

PAYOFF_CURRENT_MONTH = "bulan_berjalan"  # remaining principal + the current month's jasa
PAYOFF_ALL_JASA = "seluruh_jasa"  # remaining principal + all remaining jasa


@dataclass(frozen=True)
class DendaRule:
    """A loan's denda terms: a percentage of the installment per started month late, after
    a grace period in days."""

    percent_per_month: Decimal = Decimal(0)
    grace_days: int = 0

    def denda(self, installment_total: int, due_date: date, on: date) -> int:
        """Denda of one installment when it is paid on `on`."""
        days_late = (on - due_date).days
        if not self.percent_per_month or days_late <= self.grace_days:
            return 0
        months = math.ceil(days_late / 30)
        exact = Decimal(installment_total) * self.percent_per_month / 100 * months
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Payment:
    key: object  # the repayment's id, to hand the split back
    paid_on: date
    amount: int
    is_payoff: bool = False


@dataclass
class InstallmentState:
    number: int
    due_date: date
    principal: int
    jasa: int
    principal_paid: int = 0
    jasa_paid: int = 0
    jasa_waived: int = 0
    denda_paid: int = 0
    settled_on: date | None = None

    @property
    def total(self) -> int:
        return self.principal + self.jasa

    @property
    def principal_left(self) -> int:
        return self.principal - self.principal_paid

    @property
    def jasa_left(self) -> int:
        return self.jasa - self.jasa_paid - self.jasa_waived

    @property
    def is_settled(self) -> bool:
        return self.principal_left == 0 and self.jasa_left == 0


@dataclass
class Split:
    denda: int = 0
    jasa: int = 0
    principal: int = 0
    unallocated: int = 0  # never expected: money no installment could take


@dataclass
class LoanPosition:
    """A loan's schedule after replaying its payments, and what each payment paid."""

    installments: list[InstallmentState]
    denda_rule: DendaRule
    payoff_rule: str
    splits: dict = field(default_factory=dict)  # payment key -> Split
    paid_off_on: date | None = None

    # -- what is owed ------------------------------------------------------------------
    def denda_owed(self, installment: InstallmentState, on: date) -> int:
        if installment.is_settled:
            return 0
        return max(
            0,
            self.denda_rule.denda(installment.total, installment.due_date, on)
            - installment.denda_paid,
        )

    @property
    def principal_outstanding(self) -> int:
        return sum(i.principal_left for i in self.installments)

    @property
    def jasa_outstanding(self) -> int:
        return sum(i.jasa_left for i in self.installments)

    def denda_outstanding(self, on: date) -> int:
        return sum(self.denda_owed(i, on) for i in self.installments)

    def total_outstanding(self, on: date) -> int:
        """Everything still owed on `on` if the schedule runs to its end."""
        return self.principal_outstanding + self.jasa_outstanding + self.denda_outstanding(on)

    def due_now(self, on: date) -> int:
        """What should have been paid by `on`: installments due by then, with denda."""
        return sum(
            i.principal_left + i.jasa_left + self.denda_owed(i, on)
            for i in self.installments
            if i.due_date <= on
        )

    def payoff_quote(self, on: date) -> int:
        """Paying the whole loan early on `on`, by the product's rule."""
        if self.payoff_rule == PAYOFF_ALL_JASA:
            return self.total_outstanding(on)
        current = next((i for i in self.installments if i.due_date >= on), None)
        jasa = sum(i.jasa_left for i in self.installments if i.due_date < on)
        jasa += current.jasa_left if current else 0
        return self.principal_outstanding + jasa + self.denda_outstanding(on)

    def next_installment_left(self) -> int:
        """What remains of the first installment not yet settled (0 when all are)."""
        return next(
            (i.principal_left + i.jasa_left for i in self.installments if not i.is_settled), 0
        )

    def unpaid_due_dates(self) -> list[date]:
        return [i.due_date for i in self.installments if not i.is_settled]

    @property
    def first_unsettled_due(self) -> date | None:
        """The due date of the oldest installment not settled (None once all are): what
        Loan.first_unsettled_due caches."""
        return min(self.unpaid_due_dates(), default=None)

    @property
    def is_paid_off(self) -> bool:
        return all(i.is_settled for i in self.installments)

    # -- applying payments ---------------------------------------------------------------
    def apply(self, payment: Payment) -> Split:
        if payment.is_payoff and payment.amount >= self.payoff_quote(payment.paid_on):
            self._waive_future_jasa(payment.paid_on)
        split = Split()
        remaining = payment.amount
        for installment in self.installments:
            if remaining == 0:
                break
            if installment.is_settled:
                continue
            denda = min(remaining, self.denda_owed(installment, payment.paid_on))
            installment.denda_paid += denda
            remaining -= denda
            jasa = min(remaining, installment.jasa_left)
            installment.jasa_paid += jasa
            remaining -= jasa
            principal = min(remaining, installment.principal_left)
            installment.principal_paid += principal
            remaining -= principal
            split.denda += denda
            split.jasa += jasa
            split.principal += principal
            if installment.is_settled:
                installment.settled_on = payment.paid_on
        split.unallocated = remaining
        self.splits[payment.key] = split
        if self.paid_off_on is None and self.is_paid_off:
            self.paid_off_on = payment.paid_on
        return split

    def _waive_future_jasa(self, on: date) -> None:
        if self.payoff_rule == PAYOFF_ALL_JASA:
            return
        current = next((i for i in self.installments if i.due_date >= on), None)
        for installment in self.installments:
            if installment.due_date >= on and installment is not current:
                installment.jasa_waived += installment.jasa_left


class Scheduled(Protocol):
    """An installment as scheduled: lending.schedule's, or a loan's Installment row."""

    @property
    def number(self) -> int: ...

    @property
    def due_date(self) -> date: ...

    @property
    def principal(self) -> int: ...

    @property
    def jasa(self) -> int: ...


def replay(
    *,
    schedule: Iterable[Scheduled],
    payments: Iterable[Payment],
    denda_rule: DendaRule,
    payoff_rule: str = PAYOFF_CURRENT_MONTH,
) -> LoanPosition:
    """The position after the payments (in the order given: by date, then as posted)."""
    position = LoanPosition(
        installments=[
            InstallmentState(i.number, i.due_date, i.principal, i.jasa) for i in schedule
        ],
        denda_rule=denda_rule,
        payoff_rule=payoff_rule,
    )
    for payment in payments:
        position.apply(payment)
    return position
