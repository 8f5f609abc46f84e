"""The DAK budget: lines that never add up to more than the allocation, an allocation never
less than its lines, a line never less than what was spent from it, and spending
(realisasi) that never exceeds its line. The checks hold under concurrent posting: the
allocation's row is locked first, then the line's. The admin saves through these too."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User
from cilegon_umkm.kernel.formatting import format_rupiah

from ..errors import TrainingError
from ..models import Allocation, BudgetLine, Spending
from ..selectors.budget import (
    allocation_problem,
    budget_line_problem,
    closed_year_message,
    fiscal_year_closed,
    line_spent,
)


@transaction.atomic
def allocation_save(*, allocation: Allocation) -> Allocation:
    """A new allocation, or a changed one (amount, source, note) that is not less than its
    lines. The row is locked, so no line is added at the moment the amount is cut."""
    if allocation.pk is not None:
        Allocation.objects.select_for_update().get(pk=allocation.pk)
    problem = allocation_problem(allocation)
    if problem:
        raise TrainingError(problem)
    allocation.save()
    return allocation


@transaction.atomic
def budget_line_save(*, line: BudgetLine) -> BudgetLine:
    """A new or changed line: the lines stay within the allocation and the line is never
    less than what was spent from it. The allocation's row is locked, then the line's."""
    line.allocation = Allocation.objects.select_for_update().get(pk=line.allocation_id)
    if line.pk is not None:
        before = BudgetLine.objects.select_for_update().get(pk=line.pk)
        if before.allocation_id != line.allocation_id and line_spent(before):
            # Its spending is dated in the old allocation's year.
            raise TrainingError(
                _("A line with spending stays in its allocation; reverse the spending first.")
            )
    problem = budget_line_problem(line)
    if problem:
        raise TrainingError(problem)
    line.save()
    return line


def budget_line_add(*, allocation: Allocation, category: str, name: str, amount: int) -> BudgetLine:
    return budget_line_save(
        line=BudgetLine(allocation=allocation, category=category, name=name, amount=amount)
    )


@transaction.atomic
def spending_post(
    *,
    line: BudgetLine,
    spent_on: date,
    amount: int,
    description: str,
    document_no: str,
    user: User,
) -> Spending:
    """Realisasi from a line, within what it has left, dated in its fiscal year while that
    year is open, in the current month up to today: a past month's absorption never changes
    afterwards."""
    if amount <= 0:
        raise TrainingError(_("The amount must be more than zero."))
    if not description.strip():
        raise TrainingError(_("Say what the money was spent on."))
    line = BudgetLine.objects.select_for_update().select_related("allocation").get(pk=line.pk)
    today = timezone.localdate()
    if fiscal_year_closed(line.allocation.fiscal_year, today):
        raise TrainingError(closed_year_message(line.allocation.fiscal_year))
    if spent_on.year != line.allocation.fiscal_year:
        raise TrainingError(
            _("The date must fall in the fiscal year %(year)s.")
            % {"year": line.allocation.fiscal_year}
        )
    if spent_on > today:
        raise TrainingError(_("Spending cannot be dated after today."))
    if spent_on < today.replace(day=1):
        # A past month's absorption never changes afterwards (as the fund's books close).
        raise TrainingError(
            _("Spending cannot be dated before %(first)s: earlier months are closed.")
            % {"first": date_format(today.replace(day=1))}
        )
    left = line.amount - line_spent(line)
    if amount > left:
        raise TrainingError(
            _("The line %(line)s has %(left)s left; %(amount)s cannot be spent from it.")
            % {"line": line.name, "left": format_rupiah(left), "amount": format_rupiah(amount)}
        )
    return Spending.objects.create(
        line=line,
        spent_on=spent_on,
        amount=amount,
        description=description.strip(),
        document_no=document_no.strip(),
        created_by=user,
    )


@transaction.atomic
def spending_reverse(*, spending: Spending, reason: str, user: User) -> Spending:
    """Take back a wrong entry with a negative one; the original stays, marked. The reversal
    is dated the day it is made, so what a past month absorbed never changes afterwards."""
    if not reason.strip():
        raise TrainingError(_("Say why the entry is reversed."))
    line = (
        BudgetLine.objects.select_for_update().select_related("allocation").get(pk=spending.line_id)
    )
    today = timezone.localdate()
    if fiscal_year_closed(line.allocation.fiscal_year, today):
        raise TrainingError(closed_year_message(line.allocation.fiscal_year))
    spending = Spending.objects.get(pk=spending.pk)
    if spending.reverses_id is not None:
        raise TrainingError(_("A reversal cannot be reversed; post a new entry instead."))
    if Spending.objects.filter(reverses=spending).exists():
        raise TrainingError(_("This entry was already reversed."))
    return Spending.objects.create(
        line_id=spending.line_id,
        spent_on=today,
        amount=-spending.amount,
        description=_("Reversal: %(reason)s") % {"reason": reason.strip()},
        document_no=spending.document_no,
        reverses=spending,
        created_by=user,
    )
