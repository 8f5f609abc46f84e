"""One receipt, one payment: the counter's receipt number cannot be posted twice for a loan
(a form reopened with the Back button carries a new token but the same receipt)."""

from datetime import date

import pytest

from lending.errors import LendingError
from lending.models import Repayment

from .factories import disbursed_loan, pay
from .reversing import reverse

pytestmark = pytest.mark.django_db


def test_a_receipt_number_is_posted_once_per_loan_until_reversed(people, today):
    today(date(2025, 3, 3))
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 10))
    first = pay(people, loan, 833_000, date(2025, 2, 10), receipt_no="KW-7")

    with pytest.raises(LendingError, match="KW-7"):
        pay(people, loan, 833_000, date(2025, 2, 10), receipt_no="KW-7")
    reverse(people, first, reason="Salah nominal")  # of last month: approved by the Kepala
    pay(people, loan, 833_000, date(2025, 2, 10), receipt_no="KW-7")
    pay(people, loan, 833_000, date(2025, 3, 3), receipt_no="")  # no number: not checked
    pay(people, loan, 1_000, date(2025, 3, 3), receipt_no="")

    assert Repayment.objects.filter(loan=loan, reverses__isnull=True).count() == 4
