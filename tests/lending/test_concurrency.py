"""Two people at the same moment, on real concurrent PostgreSQL connections: the fund is
never overdrawn, a loan never takes more than it owes, one form token posts once."""

import uuid
from datetime import date

import pytest

from lending.errors import LendingError
from lending.models import Loan, Repayment
from lending.selectors import fund_balances
from lending.services import loan_disburse
from tests.concurrency import run_together

from .factories import ProductFactory, approved_application, disbursed_loan, fund_with_capital, pay

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_disbursements_at_once_never_overdraw_the_fund(people, today):
    today(date(2025, 3, 3))
    fund = fund_with_capital(15_000_000)
    product = ProductFactory(fund=fund)
    first = approved_application(people, product=product)
    second = approved_application(people, product=product)

    results = run_together(
        lambda: loan_disburse(
            application=first, disbursed_by=people.staff, disbursed_on=date(2025, 3, 3)
        ),
        lambda: loan_disburse(
            application=second, disbursed_by=people.staff, disbursed_on=date(2025, 3, 3)
        ),
    )

    assert sum(isinstance(r, Loan) for r in results) == 1
    refused = [r for r in results if isinstance(r, LendingError)]
    assert len(refused) == 1 and "Rp5.000.000 tersedia" in str(refused[0])
    assert fund_balances(fund).available == 5_000_000


def test_two_payments_at_once_never_take_more_than_the_loan_owes(people, today):
    today(date(2025, 3, 3))
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 31), amount=6_000_000, tenor=6)

    results = run_together(
        lambda: pay(people, loan, 4_000_000, date(2025, 3, 1), receipt_no="A"),
        lambda: pay(people, loan, 4_000_000, date(2025, 3, 1), receipt_no="B"),
    )

    assert sum(isinstance(r, Repayment) for r in results) == 1
    assert sum(isinstance(r, LendingError) for r in results) == 1
    loan.refresh_from_db()
    assert loan.principal_paid == 4_000_000


def test_a_double_click_posts_one_repayment(people, today):
    today(date(2025, 3, 3))
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 31))
    token = uuid.uuid4()

    results = run_together(
        *[lambda: pay(people, loan, 833_000, date(2025, 2, 28), client_token=token)] * 3
    )

    assert all(isinstance(r, Repayment) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert Repayment.objects.count() == 1
