"""A cohort (angkatan) as planned: its cost, quota times cost per participant, within what
its budget line has left. The line's row is locked, so two cohorts planned at the same
moment cannot together take more than the line holds."""

from __future__ import annotations

from django.db import transaction

from ..errors import TrainingError
from ..models import BudgetLine, Cohort
from ..selectors.budget import cohort_cost_problem


@transaction.atomic
def cohort_save(*, cohort: Cohort) -> Cohort:
    """A new cohort, or a changed one; the admin saves through this."""
    cohort.budget_line = BudgetLine.objects.select_for_update().get(pk=cohort.budget_line_id)
    problem = cohort_cost_problem(cohort)
    if problem:
        raise TrainingError(problem)
    cohort.save()
    return cohort
