"""Writes of the training app: budget and spending, enrolment."""

from .budget import budget_line_add, spending_post, spending_reverse
from .completion import certificate_issue, certificate_revoke, result_record, session_record
from .enrollment import enrollment_create, enrollment_problems, enrollment_withdraw
from .errors import TrainingError

__all__ = [
    "TrainingError",
    "budget_line_add",
    "certificate_issue",
    "certificate_revoke",
    "enrollment_create",
    "enrollment_problems",
    "enrollment_withdraw",
    "result_record",
    "session_record",
    "spending_post",
    "spending_reverse",
]
