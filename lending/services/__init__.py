"""Writes to lending: every posting, transition and correction goes through these."""

from .applications import (
    application_approve,
    application_reject,
    application_submit,
    application_survey,
    application_withdraw,
)
from .errors import LendingError
from .funds import fund_available, fund_balances, fund_capital_add
from .loans import loan_disburse, loan_recompute, loan_write_off
from .repayments import repayment_post, repayment_reverse

__all__ = [
    "LendingError",
    "application_approve",
    "application_reject",
    "application_submit",
    "application_survey",
    "application_withdraw",
    "fund_available",
    "fund_balances",
    "fund_capital_add",
    "loan_disburse",
    "loan_recompute",
    "loan_write_off",
    "repayment_post",
    "repayment_reverse",
]
