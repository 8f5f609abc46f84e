from .budget import Allocation, BudgetLine, Spending
from .progress import Attendance, Certificate, FacilitatedCertification, ModuleResult, Session
from .tracks import Cohort, Enrollment, Module, SupplyCategory, Track

__all__ = [
    "Allocation",
    "Attendance",
    "BudgetLine",
    "Certificate",
    "Cohort",
    "Enrollment",
    "FacilitatedCertification",
    "Module",
    "ModuleResult",
    "Session",
    "Spending",
    "SupplyCategory",
    "Track",
]
