"""Reads of the training app, by concept: cohorts and participants' paths, who may enrol,
the budget, the supplier directory and the reports. The names most pages use are here too."""

from .budget import absorption, budget_entries, fiscal_years, line_spent
from .cohorts import Path, cohort_participants, participant_path
from .directory import certified_suppliers, prepared_for
from .enrollment import enrollment_problems

__all__ = [
    "Path",
    "absorption",
    "budget_entries",
    "certified_suppliers",
    "cohort_participants",
    "enrollment_problems",
    "fiscal_years",
    "line_spent",
    "participant_path",
    "prepared_for",
]
