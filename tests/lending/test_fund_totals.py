"""A fund's balance is read from FundTotal; whatever was posted (capital,
disbursements, repayments, reversals, write-offs, at the same moment or not), the totals
equal the ledger summed line by line."""

from datetime import date

import pytest
from django.db import DatabaseError, transaction
from django.db.models import Sum

from lending.models import FundEntry, FundTotal
from lending.selectors import fund_balances
from tests.concurrency import run_together
from tests.lending.reversing import reverse

from .factories import disbursed_loan, pay, write_off

pytestmark = pytest.mark.django_db(transaction=True)


def _ledger() -> dict:
    rows = FundEntry.objects.values_list("fund_id", "kind").annotate(t=Sum("amount")).order_by()
    return {(fund, kind): total for fund, kind, total in rows}


def _totals() -> dict:
    return {(t.fund_id, t.kind): t.total for t in FundTotal.objects.all()}


def test_the_totals_follow_every_kind_of_posting(people, today):
    today(date(2025, 6, 1))
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 10), amount=6_000_000, tenor=6)
    first = pay(people, loan, 1_100_000, date(2025, 2, 10))
    pay(people, loan, 1_100_000, date(2025, 3, 10))
    reverse(people, first, reason="Salah input")
    loan.fund.write_off_min_collectibility = 2  # a fund setting: from 81 days past due
    loan.fund.save()
    write_off(people, loan, date(2025, 5, 30))
    pay(people, loan, 300_000, date(2025, 5, 31))  # a recovery

    assert _totals() == _ledger()
    balances = fund_balances(loan.fund)
    assert balances.disbursed == 6_000_000
    assert balances.available == sum(
        t for (fund, kind), t in _ledger().items() if kind in ("modal", "pokok", "pemulihan")
    ) - sum(t for (fund, kind), t in _ledger().items() if kind == "pencairan")


def test_payments_at_the_same_moment_are_all_counted(people, today):
    today(date(2025, 6, 1))
    loans = [disbursed_loan(people, disbursed_on=date(2025, 1, 10)) for _ in range(4)]

    results = run_together(
        *[lambda loan=loan: pay(people, loan, 500_000, date(2025, 5, 1)) for loan in loans]
    )

    assert not [r for r in results if isinstance(r, Exception)]
    assert _totals() == _ledger()


def test_a_posted_line_cannot_be_changed_behind_the_totals(people, today):
    today(date(2025, 6, 1))
    disbursed_loan(people, disbursed_on=date(2025, 1, 10))
    with pytest.raises(DatabaseError), transaction.atomic():
        FundEntry.objects.update(amount=1)
    assert _totals() == _ledger()
