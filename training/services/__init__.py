"""Writes of the training app: budget and spending, enrolment, sessions, results and
certificates. They raise training.errors.TrainingError with a message for the user."""

from .budget import (
    allocation_save,
    budget_line_add,
    budget_line_save,
    spending_post,
    spending_reverse,
)
from .cohorts import cohort_save
from .completion import (
    certificate_issue,
    certificate_revoke,
    facilitated_certification_record,
    result_record,
    session_record,
)
from .enrollment import enrollment_create, enrollment_withdraw

__all__ = [
    "allocation_save",
    "budget_line_add",
    "budget_line_save",
    "certificate_issue",
    "certificate_revoke",
    "cohort_save",
    "enrollment_create",
    "enrollment_withdraw",
    "facilitated_certification_record",
    "result_record",
    "session_record",
    "spending_post",
    "spending_reverse",
]
