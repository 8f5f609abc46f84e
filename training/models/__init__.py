from .budget import Allocation, BudgetLine, Spending
from .tracks import Cohort, Enrollment, Module, SupplyCategory, Track

__all__ = [
    "Allocation",
    "BudgetLine",
    "Cohort",
    "Enrollment",
    "Module",
    "Spending",
    "SupplyCategory",
    "Track",
]
