"""Property-based: whatever sequence of payments, reversals, early payoffs, write-offs and
recoveries the office posts, in whatever order of dates, every loan balances
(disbursed = repaid + outstanding + written off - recovered) and the fund's ledger equals
its loans. Hypothesis searches for a sequence that breaks it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lending.errors import LendingError
from lending.selectors import effective_repayments, loan_position
from lending.services import loan_write_off
from tests.lending.factories import ProductFactory, disbursed_loan, fund_with_capital, pay
from tests.lending.invariants import assert_books_balance
from tests.lending.reversing import reverse

pytestmark = pytest.mark.django_db(transaction=False)

DAYS = 540  # the loan was disbursed this many days ago
day = st.integers(min_value=0, max_value=DAYS)
operation = st.one_of(
    st.tuples(st.just("pay"), st.integers(min_value=1, max_value=3_000_000), day),
    st.tuples(st.just("reverse"), st.integers(min_value=0, max_value=20), st.just(0)),
    st.tuples(st.just("payoff"), st.just(0), day),
    st.tuples(st.just("write_off"), st.just(0), day),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    operations=st.lists(operation, min_size=1, max_size=10),
    jasa=st.sampled_from([Decimal(0), Decimal(12)]),
    denda=st.sampled_from([Decimal(0), Decimal(2)]),
    recovery=st.sampled_from(["pokok_dulu", "seperti_angsuran"]),
)
def test_the_books_balance_after_any_sequence(people, operations, jasa, denda, recovery):
    with transaction.atomic():
        _run(people, operations, jasa=jasa, denda=denda, recovery=recovery)
        transaction.set_rollback(True)


def _run(people, operations, *, jasa, denda, recovery):
    today = timezone.localdate()
    start = today - timedelta(days=DAYS)
    fund = fund_with_capital(
        100_000_000,
        name="Dana uji",
        write_off_min_collectibility=1,  # any loan may be written off: more sequences
        recovery_allocation=recovery,
    )
    product = ProductFactory(
        fund=fund, jasa_percent_per_year=jasa, denda_percent_per_month=denda, active_from=start
    )
    loan = disbursed_loan(people, disbursed_on=start, product=product, amount=6_000_000, tenor=6)
    posted = []
    for kind, number, offset in operations:
        on = start + timedelta(days=offset)
        try:
            if kind == "pay":
                posted.append(pay(people, loan, number, on))
            elif kind == "reverse" and posted:
                reverse(people, posted[number % len(posted)])
            elif kind == "payoff":
                repayments = effective_repayments(loan)
                if repayments:
                    on = max(on, repayments[-1].paid_on)
                quote = loan_position(loan).payoff_quote(on)
                if quote > 0:
                    posted.append(pay(people, loan, quote, on, is_payoff=True))
            elif kind == "write_off":
                loan_write_off(
                    loan=loan,
                    written_off_by=people.head,
                    reason="Macet",
                    on_date=on,
                    decree_number="SK-1",
                    decree_date=on,
                )
        except LendingError:
            event(f"{kind} refused")  # as the office would be: overpaid, paid off, ...
        else:
            event(f"{kind} done")
        assert_books_balance(fund)
