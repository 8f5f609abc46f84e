"""Reads that lending's pages, services, exports, the nightly command, mentoring and the
dashboards share, one module per concept; import them from here."""

from .applications import (
    application_in_kecamatan,
    application_problems,
    application_queue_counts,
    applications_for_list,
    applications_in_progress,
    eligibility_problems,
    survey_refusals,
    surveyable_by,
    unrecovered_write_offs,
)
from .funds import (
    FundBalances,
    active_funds_with_balances,
    all_funds_balances,
    fund_available,
    fund_balances,
)
from .loans import (
    effective_repayments,
    loan_lookup,
    loan_position,
    loans_for_list,
    written_off_history,
)
from .portfolio import (
    closed_loan_counts,
    collectibility_bands,
    in_kecamatan,
    loans_in_arrears,
    portfolio_by,
    portfolio_by_collectibility,
    portfolio_sums,
    portfolio_totals,
    running_with_arrears,
    with_arrears,
)
from .reversals import (
    open_reversal_requests,
    reversal_requests,
    reversal_requests_for_list,
    reversal_requests_of,
)

__all__ = [
    "FundBalances",
    "active_funds_with_balances",
    "all_funds_balances",
    "application_in_kecamatan",
    "application_problems",
    "application_queue_counts",
    "applications_for_list",
    "applications_in_progress",
    "closed_loan_counts",
    "collectibility_bands",
    "effective_repayments",
    "eligibility_problems",
    "fund_available",
    "fund_balances",
    "in_kecamatan",
    "loan_lookup",
    "loan_position",
    "loans_for_list",
    "loans_in_arrears",
    "open_reversal_requests",
    "portfolio_by",
    "portfolio_by_collectibility",
    "portfolio_sums",
    "portfolio_totals",
    "reversal_requests",
    "reversal_requests_for_list",
    "reversal_requests_of",
    "running_with_arrears",
    "survey_refusals",
    "surveyable_by",
    "unrecovered_write_offs",
    "with_arrears",
    "written_off_history",
]
