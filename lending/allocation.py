"""How a loan's repayments settle its schedule: a pure replay, used when a repayment is
posted, when one is reversed (every later repayment is replayed), for quotes and for
arrears. Nothing here touches the database.

A payment settles the oldest installment first, and within one: denda, then jasa, then
principal. Denda (the late fee), when the product has one, is its percentage per month late
of the installment's overdue amount (or of the whole installment, a product setting), the
months counted as the product says (whole calendar months by default), after a grace
period, up to an optional cap per installment. It accrues month by month on what was
unpaid in that month, so paying most of an installment late leaves denda on the rest only.

Payments dated after a write-off are recoveries: by default they go to principal first
(a fund setting), and denda stops growing at the write-off. An early payoff under the
current-month rule credits jasa already paid for months after the current one to the
principal, so the same loan paid off on the same day costs the same however it was paid
before."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from .schedule import add_months

PAYOFF_CURRENT_MONTH = "bulan_berjalan"  # remaining principal + the current month's jasa
PAYOFF_ALL_JASA = "seluruh_jasa"  # remaining principal + all remaining jasa
DENDA_ON_OVERDUE = "tunggakan"  # denda on the part of the installment still unpaid
DENDA_ON_INSTALLMENT = "angsuran"  # denda on the whole installment (the rule before 2027)
MONTHS_WHOLE = "bulan_penuh"  # complete calendar months: 15 Jan -> 15 Feb is one
MONTHS_STARTED = "bulan_berjalan"  # every calendar month begun: 16 Feb is a second
MONTHS_30_DAYS = "blok_30_hari"  # every 30 days begun (31 days late are two)
RECOVERY_PRINCIPAL_FIRST = "pokok_dulu"
RECOVERY_AS_INSTALLMENT = "seperti_angsuran"


def months_late(due: date, on: date, counting: str) -> int:
    """Months between a due date and a later day, counted by one of the product's rules."""
    days = (on - due).days
    if days <= 0:
        return 0
    if counting == MONTHS_30_DAYS:
        return math.ceil(days / 30)
    whole = (on.year - due.year) * 12 + on.month - due.month
    if add_months(due, whole) > on:
        whole -= 1
    if counting == MONTHS_STARTED and add_months(due, whole) < on:
        return whole + 1
    return whole


def _whole_rupiah(exact: Decimal) -> int:
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class DendaRule:
    """A loan's denda terms (copied from its product at disbursement)."""

    percent_per_month: Decimal = Decimal(0)
    grace_days: int = 0
    base: str = DENDA_ON_OVERDUE
    months: str = MONTHS_WHOLE
    cap_percent: Decimal | None = None

    def months_charged(self, due: date, on: date) -> int:
        """Months of denda an installment due on `due` and unpaid on `on` has begun."""
        if not self.percent_per_month or (on - due).days <= self.grace_days:
            return 0
        return months_late(due, on, self.months)

    def charge(self, amount: int, months: int) -> int:
        """Denda on `amount` for `months` months."""
        return _whole_rupiah(Decimal(amount) * self.percent_per_month / 100 * months)

    def cap(self, installment_total: int) -> int | None:
        if self.cap_percent is None:
            return None
        return _whole_rupiah(Decimal(installment_total) * self.cap_percent / 100)

    def denda(self, installment_total: int, due_date: date, on: date) -> int:
        """Denda of an installment left wholly unpaid until `on` (quotes and examples)."""
        charged = self.charge(installment_total, self.months_charged(due_date, on))
        cap = self.cap(installment_total)
        return charged if cap is None else min(charged, cap)


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
    # Denda accrued so far, and for how many months: the replay accrues it, before each
    # payment, on what was unpaid until that payment.
    denda_accrued: int = 0
    denda_months: int = 0
    # Jasa paid, per payment: an early payoff credits jasa of future months back as
    # principal of the payments that paid it.
    jasa_by_payment: dict = field(default_factory=lambda: defaultdict(int))

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
    def left(self) -> int:
        return self.principal_left + self.jasa_left

    @property
    def is_settled(self) -> bool:
        return self.principal_left == 0 and self.jasa_left == 0


@dataclass
class Split:
    key: object = None  # the payment's
    is_recovery: bool = False  # dated after the write-off
    denda: int = 0
    jasa: int = 0
    principal: int = 0
    # Principal of a payment dated after the write-off: back to the fund as a recovery.
    recovered: int = 0
    unallocated: int = 0  # never expected: money no installment could take

    @property
    def total(self) -> int:
        return self.denda + self.jasa + self.principal + self.recovered


@dataclass
class LoanPosition:
    """A loan's schedule after replaying its payments, and what each payment paid."""

    installments: list[InstallmentState]
    denda_rule: DendaRule
    payoff_rule: str
    written_off_on: date | None = None
    recovery_rule: str = RECOVERY_PRINCIPAL_FIRST
    splits: dict = field(default_factory=dict)  # payment key -> Split
    paid_off_on: date | None = None

    # -- denda -----------------------------------------------------------------------------
    def _denda_until(self, installment: InstallmentState, on: date) -> tuple[int, int]:
        """(denda accrued, months) of an installment on `on`: what it had, plus the months
        counted since, charged on what is unpaid now. Denda stops at the write-off and once
        the installment is settled."""
        rule = self.denda_rule
        if not rule.percent_per_month or on <= installment.due_date or installment.settled_on:
            # No denda, not late, or settled: what was accrued up to the settling payment
            # (accrued before it was applied) is all there is. The common cases.
            return installment.denda_accrued, installment.denda_months
        if self.written_off_on is not None:
            on = min(on, self.written_off_on)
        months = rule.months_charged(installment.due_date, on)
        accrued = installment.denda_accrued
        if months > installment.denda_months:
            base = installment.left if rule.base == DENDA_ON_OVERDUE else installment.total
            accrued += rule.charge(base, months - installment.denda_months)
            cap = rule.cap(installment.total)
            if cap is not None:
                accrued = min(accrued, cap)
        return accrued, max(months, installment.denda_months)

    def _accrue(self, on: date) -> None:
        if not self.denda_rule.percent_per_month:
            return
        for installment in self.installments:
            if installment.due_date >= on:
                break  # the schedule is in date order: none after this one is late
            installment.denda_accrued, installment.denda_months = self._denda_until(installment, on)

    def denda_owed(self, installment: InstallmentState, on: date) -> int:
        accrued, _months = self._denda_until(installment, on)
        return max(0, accrued - installment.denda_paid)

    # -- what is owed ------------------------------------------------------------------
    @property
    def principal_outstanding(self) -> int:
        return sum(i.principal_left for i in self.installments)

    @property
    def principal_recovered(self) -> int:
        return sum(split.recovered for split in self.splits.values())

    @property
    def principal_paid_before_write_off(self) -> int:
        return sum(split.principal for split in self.splits.values())

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
        return sum(i.left + self.denda_owed(i, on) for i in self.installments if i.due_date <= on)

    def overdue(self, on: date) -> int:
        """What fell due before `on` and is unpaid, with its denda: the arrears."""
        return sum(i.left + self.denda_owed(i, on) for i in self.installments if i.due_date < on)

    def _current(self, on: date) -> InstallmentState | None:
        """The installment of the month running on `on`: the first due on or after it."""
        return next((i for i in self.installments if i.due_date >= on), None)

    def _future(self, on: date) -> list[InstallmentState]:
        """Installments after the current one: their jasa is not owed at an early payoff
        under the current-month rule."""
        if self.payoff_rule == PAYOFF_ALL_JASA:
            return []
        current = self._current(on)
        return [i for i in self.installments if i.due_date >= on and i is not current]

    def _payoff_credit(self, on: date) -> int:
        """Jasa already paid for months after the current one, credited to the principal at
        an early payoff (never more than the principal still owed)."""
        prepaid = sum(i.jasa_paid for i in self._future(on))
        return min(prepaid, self.principal_outstanding)

    def payoff_quote(self, on: date) -> int:
        """Paying the whole loan early on `on`, by the product's rule: the principal still
        owed, the jasa of the months up to the current one (or all of it, under the
        all-jasa rule) and the denda, less jasa already paid for later months."""
        future = self._future(on)
        jasa = sum(i.jasa_left for i in self.installments if not any(i is f for f in future))
        return (
            self.principal_outstanding + jasa + self.denda_outstanding(on) - self._payoff_credit(on)
        )

    def next_installment_left(self) -> int:
        """What remains of the first installment not yet settled (0 when all are)."""
        return next((i.left for i in self.installments if not i.is_settled), 0)

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

    def is_recovery(self, paid_on: date) -> bool:
        return self.written_off_on is not None and paid_on > self.written_off_on

    # -- applying payments ---------------------------------------------------------------
    def apply(self, payment: Payment) -> Split:
        on = payment.paid_on
        self._accrue(on)
        split = Split(key=payment.key, is_recovery=self.is_recovery(on))
        self.splits[payment.key] = split
        if payment.is_payoff and payment.amount >= self.payoff_quote(on):
            self._settle_early(on)
        if split.is_recovery and self.recovery_rule == RECOVERY_PRINCIPAL_FIRST:
            steps = (self._pay_principal, self._pay_jasa, self._pay_denda)
            remaining = payment.amount
            for step in steps:  # a recovery: all principal first, then jasa, then denda
                for installment in self.installments:
                    if remaining == 0:
                        break
                    remaining = step(installment, split, remaining, on)
        else:
            remaining = payment.amount
            for installment in self.installments:  # oldest first: denda, jasa, principal
                if remaining == 0:
                    break
                if installment.is_settled and installment.denda_paid >= installment.denda_accrued:
                    continue
                for step in (self._pay_denda, self._pay_jasa, self._pay_principal):
                    remaining = step(installment, split, remaining, on)
        split.unallocated = remaining
        if self.paid_off_on is None and self.is_paid_off:
            self.paid_off_on = payment.paid_on
        return split

    def _pay_denda(
        self, installment: InstallmentState, split: Split, remaining: int, on: date
    ) -> int:
        denda = min(remaining, self.denda_owed(installment, on))
        installment.denda_paid += denda
        split.denda += denda
        return remaining - denda

    def _pay_jasa(
        self, installment: InstallmentState, split: Split, remaining: int, on: date
    ) -> int:
        jasa = min(remaining, installment.jasa_left)
        installment.jasa_paid += jasa
        if jasa:
            installment.jasa_by_payment[split.key] += jasa
        split.jasa += jasa
        self._mark_settled(installment, on)
        return remaining - jasa

    def _pay_principal(
        self, installment: InstallmentState, split: Split, remaining: int, on: date
    ) -> int:
        principal = min(remaining, installment.principal_left)
        installment.principal_paid += principal
        if split.is_recovery:
            split.recovered += principal
        else:
            split.principal += principal
        self._mark_settled(installment, on)
        return remaining - principal

    @staticmethod
    def _mark_settled(installment: InstallmentState, on: date) -> None:
        if installment.settled_on is None and installment.is_settled:
            installment.settled_on = on

    def _settle_early(self, on: date) -> None:
        """An early payoff covering the quote: jasa of months after the current one is
        waived, and what of it was already paid becomes principal of the payments that paid
        it (oldest principal first), so that it is not paid twice."""
        credit_left = self._payoff_credit(on)
        for installment in self._future(on):
            for key, paid in list(installment.jasa_by_payment.items()):
                moved = min(paid, credit_left)
                if not moved:
                    continue
                installment.jasa_by_payment[key] -= moved
                installment.jasa_paid -= moved
                credit_left -= moved
                split = self.splits[key]
                split.jasa -= moved
                for earlier in self.installments:
                    moved = self._pay_principal(earlier, split, moved, on)
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
    written_off_on: date | None = None,
    recovery_rule: str = RECOVERY_PRINCIPAL_FIRST,
) -> LoanPosition:
    """The position after the payments (in the order given: by date, then as posted).
    Payments dated after `written_off_on` are recoveries."""
    position = LoanPosition(
        installments=[
            InstallmentState(i.number, i.due_date, i.principal, i.jasa) for i in schedule
        ],
        denda_rule=denda_rule,
        payoff_rule=payoff_rule,
        written_off_on=written_off_on,
        recovery_rule=recovery_rule,
    )
    for payment in payments:
        position.apply(payment)
    return position
