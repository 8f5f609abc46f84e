"""Writes to lending: every posting, transition and correction goes through these. Reads
are in lending.selectors, the domain error in lending.errors."""

from .applications import (
    application_approve,
    application_override_write_off,
    application_reject,
    application_submit,
    application_survey,
    application_withdraw,
)
from .funds import fund_capital_add
from .loans import loan_disburse, loan_recompute
from .repayments import repayment_post
from .reversals import (
    repayment_reverse,
    reversal_needs_approval,
    reversal_request,
    reversal_request_approve,
    reversal_request_refuse,
)
from .write_offs import loan_write_off

__all__ = [
    "application_approve",
    "application_override_write_off",
    "application_reject",
    "application_submit",
    "application_survey",
    "application_withdraw",
    "fund_capital_add",
    "loan_disburse",
    "loan_recompute",
    "loan_write_off",
    "repayment_post",
    "repayment_reverse",
    "reversal_needs_approval",
    "reversal_request",
    "reversal_request_approve",
    "reversal_request_refuse",
]
