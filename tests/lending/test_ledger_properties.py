"""Property-based: whatever sequence of payments (some backdated), reversals (direct or
approved by the Kepala), early payoffs, write-offs and recoveries the office posts as the
months go by, every loan balances (disbursed = repaid + outstanding + written off -
recovered), every rupiah received is in its totals, and the fund's ledger equals its loans.
Hypothesis searches for a sequence that breaks it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lending.errors import LendingError
from lending.selectors import effective_repayments, loan_position
from tests.lending.factories import (
    ProductFactory,
    disbursed_loan,
    fund_with_capital,
    pay,
    write_off,
)
from tests.lending.invariants import assert_books_balance
from tests.lending.reversing import reverse

pytestmark = pytest.mark.django_db

START = date(2024, 1, 10)  # the loan is disbursed then; the clock moves on with "wait"
operation = st.one_of(
    # (kind, a number, days): a payment backdated by up to 60 days; a reversal of the n-th
    # posted payment; a payoff today; a write-off dated up to 20 days back (in the month);
    # time passing.
    st.tuples(st.just("pay"), st.integers(min_value=1, max_value=3_000_000), st.integers(0, 60)),
    st.tuples(st.just("reverse"), st.integers(min_value=0, max_value=20), st.just(0)),
    st.tuples(st.just("payoff"), st.just(0), st.just(0)),
    st.tuples(st.just("write_off"), st.just(0), st.integers(0, 20)),
    st.tuples(st.just("wait"), st.just(0), st.integers(1, 150)),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    operations=st.lists(operation, min_size=1, max_size=12),
    jasa=st.sampled_from([Decimal(0), Decimal(12)]),
    denda=st.sampled_from([Decimal(0), Decimal(2)]),
    recovery=st.sampled_from(["pokok_dulu", "seperti_angsuran"]),
)
def test_the_books_balance_after_any_sequence(people, today, operations, jasa, denda, recovery):
    with transaction.atomic():
        _run(people, today, operations, jasa=jasa, denda=denda, recovery=recovery)
        transaction.set_rollback(True)


def _run(people, today, operations, *, jasa, denda, recovery):
    now = today(START)
    fund = fund_with_capital(
        100_000_000,
        name="Dana uji",
        write_off_min_collectibility=1,  # any loan may be written off: more sequences
        recovery_allocation=recovery,
    )
    product = ProductFactory(
        fund=fund, jasa_percent_per_year=jasa, denda_percent_per_month=denda, active_from=START
    )
    loan = disbursed_loan(people, disbursed_on=START, product=product, amount=6_000_000, tenor=6)
    posted = []
    for kind, number, days in operations:
        try:
            if kind == "wait":
                now = today(now + timedelta(days=days))
            elif kind == "pay":
                posted.append(pay(people, loan, number, max(START, now - timedelta(days=days))))
            elif kind == "reverse" and posted:
                reverse(people, posted[number % len(posted)])
            elif kind == "payoff":
                quote = loan_position(loan).payoff_quote(now)
                if quote > 0:
                    posted.append(pay(people, loan, quote, now, is_payoff=True))
            elif kind == "write_off":
                paid = [r.paid_on for r in effective_repayments(loan)]
                on = max([START, now.replace(day=1), now - timedelta(days=days), *paid])
                write_off(people, loan, on, decree_number="SK-1")
        except LendingError:
            event(f"{kind} refused")  # as the office would be: overpaid, paid off, ...
        else:
            event(f"{kind} done")
        assert_books_balance(fund)
