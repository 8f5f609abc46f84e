"""Writes of the training app: budget and spending, enrolment."""

from .budget import budget_line_add, spending_post, spending_reverse
from .enrollment import enrollment_create, enrollment_problems, enrollment_withdraw
from .errors import TrainingError

__all__ = [
    "TrainingError",
    "budget_line_add",
    "enrollment_create",
    "enrollment_problems",
    "enrollment_withdraw",
    "spending_post",
    "spending_reverse",
]
