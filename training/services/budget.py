"""The DAK budget: lines that never add up to more than the allocation, and spending
(realisasi) that never exceeds its line. Both checks hold under concurrent posting: the
allocation's or the line's row is locked first."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User
from cilegon_umkm.kernel.formatting import format_rupiah

from ..errors import TrainingError
from ..models import Allocation, BudgetLine, Spending
from ..selectors.budget import line_spent


@transaction.atomic
def budget_line_add(*, allocation: Allocation, category: str, name: str, amount: int) -> BudgetLine:
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    planned = allocation.lines.aggregate(total=Sum("amount"))["total"] or 0
    if planned + amount > allocation.amount:
        raise TrainingError(
            _("The lines would add up to %(total)s; the allocation is %(allocation)s.")
            % {
                "total": format_rupiah(planned + amount),
                "allocation": format_rupiah(allocation.amount),
            }
        )
    return BudgetLine.objects.create(
        allocation=allocation, category=category, name=name, amount=amount
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
    if amount <= 0:
        raise TrainingError(_("The amount must be more than zero."))
    if not description.strip():
        raise TrainingError(_("Say what the money was spent on."))
    line = BudgetLine.objects.select_for_update().select_related("allocation").get(pk=line.pk)
    if spent_on.year != line.allocation.fiscal_year:
        raise TrainingError(
            _("The date must fall in the fiscal year %(year)s.")
            % {"year": line.allocation.fiscal_year}
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
    """Take back a wrong entry with a negative one; the original stays, marked."""
    if not reason.strip():
        raise TrainingError(_("Say why the entry is reversed."))
    BudgetLine.objects.select_for_update().get(pk=spending.line_id)
    spending = Spending.objects.get(pk=spending.pk)
    if spending.reverses_id is not None:
        raise TrainingError(_("A reversal cannot be reversed; post a new entry instead."))
    if Spending.objects.filter(reverses=spending).exists():
        raise TrainingError(_("This entry was already reversed."))
    return Spending.objects.create(
        line_id=spending.line_id,
        spent_on=spending.spent_on,
        amount=-spending.amount,
        description=_("Reversal: %(reason)s") % {"reason": reason.strip()},
        document_no=spending.document_no,
        reverses=spending,
        created_by=user,
    )
