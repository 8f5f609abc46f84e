"""Writes of the training app: budget and spending, enrolment, sessions, results and
certificates. They raise training.errors.TrainingError with a message for the user."""

from .budget import budget_line_add, spending_post, spending_reverse
from .completion import certificate_issue, certificate_revoke, result_record, session_record
from .enrollment import enrollment_create, enrollment_withdraw

__all__ = [
    "budget_line_add",
    "certificate_issue",
    "certificate_revoke",
    "enrollment_create",
    "enrollment_withdraw",
    "result_record",
    "session_record",
    "spending_post",
    "spending_reverse",
]
