"""Reads that lending's pages, services, exports, the nightly command, mentoring and the
dashboards share, one module per concept; import them from here."""

from .applications import (
    application_problems,
    application_queue_counts,
    applications_for_list,
    applications_in_progress,
    eligibility_problems,
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

__all__ = [
    "FundBalances",
    "active_funds_with_balances",
    "all_funds_balances",
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
    "portfolio_by",
    "portfolio_by_collectibility",
    "portfolio_sums",
    "portfolio_totals",
    "running_with_arrears",
    "with_arrears",
    "written_off_history",
]
