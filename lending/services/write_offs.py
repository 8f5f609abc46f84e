"""Hapus buku: writing off a loan that will not be repaid, on the authority of a decree (SK),
and only as late as its fund allows. Afterwards the loan can still receive recoveries."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User

from ..arrears import collectibility, days_past_due
from ..books import first_open_day
from ..errors import LendingError
from ..models import Loan
from ..selectors.loans import effective_repayments, loan_position
from ..selectors.portfolio import collectibility_bands
from .loans import loan_recompute


@transaction.atomic
def loan_write_off(
    *,
    loan: Loan,
    written_off_by: User,
    reason: str,
    on_date: date,
    decree_number: str,
    decree_date: date,
) -> Loan:
    """Hapus buku: the principal still owed leaves the portfolio as a loss, on the authority
    of a decree (SK), and only for a loan as late as its fund allows (collectibility 5,
    macet, by default). A write-off moves no cash. The loan can still receive payments
    afterwards: recoveries."""
    reason, decree_number = reason.strip(), decree_number.strip()
    if not reason:
        raise LendingError(_("A write-off needs a reason."))
    if not decree_number or decree_date is None:
        raise LendingError(_("A write-off needs the number and date of its decree (SK)."))
    loan = Loan.objects.select_for_update().select_related("fund").get(pk=loan.pk)
    if loan.status != Loan.Status.ACTIVE:
        raise LendingError(
            _("Only an active loan can be written off (this one is %(status)s).")
            % {"status": loan.get_status_display()}
        )
    today = timezone.localdate()
    if on_date > today or on_date < max(loan.disbursed_on, first_open_day(today)):
        # The books of a month already closed are not rewritten (the write-off's ledger
        # lines, and payments after it becoming recoveries, are dated on it).
        raise LendingError(_("The write-off date must be in the current month, up to today."))
    last_paid = max((r.paid_on for r in effective_repayments(loan)), default=None)
    if last_paid and on_date < last_paid:
        raise LendingError(
            _("The write-off cannot be dated before a payment already posted (%(date)s).")
            % {"date": date_format(last_paid)}
        )
    if decree_date > on_date or decree_date < loan.disbursed_on:
        raise LendingError(
            _(
                "The decree (SK) must be dated between the disbursement (%(disbursed)s) and "
                "the write-off it authorises."
            )
            % {"disbursed": date_format(loan.disbursed_on)}
        )
    require_late_enough(loan, on_date)
    loan.status = Loan.Status.WRITTEN_OFF
    loan.written_off_on = on_date
    loan.written_off_by = written_off_by
    loan.write_off_reason = reason
    loan.write_off_decree_number = decree_number
    loan.write_off_decree_date = decree_date
    loan.recovery_allocation = loan.fund.recovery_allocation  # fixed from now on
    loan.save(
        update_fields=[
            "status",
            "written_off_on",
            "written_off_by",
            "write_off_reason",
            "write_off_decree_number",
            "write_off_decree_date",
            "recovery_allocation",
        ]
    )
    # The principal written off, and payments dated after the write-off becoming
    # recoveries, follow from the replay like every other change of the loan.
    loan_recompute(
        loan=loan,
        entry_date=on_date,
        user=written_off_by,
        note=_("Write-off, SK %(decree)s: %(reason)s")
        % {"decree": decree_number, "reason": reason},
    )
    return loan


def require_late_enough(loan: Loan, on: date) -> None:
    """The fund's threshold: the loan's collectibility on the write-off date, from what was
    paid by then, must be at least the fund's write_off_min_collectibility. Checked when
    the loan is written off, and again when a payment dated before the write-off is
    posted later (it must not undo the reason for the write-off)."""
    paid_by_then = [r for r in effective_repayments(loan) if r.paid_on <= on]
    position = loan_position(loan, repayments=paid_by_then)
    days = days_past_due(position.unpaid_due_dates(), on)
    level = collectibility(days, collectibility_bands())
    threshold = loan.fund.write_off_min_collectibility
    if level < threshold:
        raise LendingError(
            _(
                "This loan is in collectibility %(level)s (%(days)s days past due on "
                "%(date)s); the fund %(fund)s writes off only from collectibility "
                "%(threshold)s."
            )
            % {
                "level": level,
                "days": days,
                "date": date_format(on),
                "fund": loan.fund,
                "threshold": threshold,
            }
        )
