"""Posting repayments at the desk; reversing them is services/reversals.py. Nothing posted
is edited or deleted."""

import uuid
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User
from cilegon_umkm.kernel.formatting import format_rupiah
from cilegon_umkm.kernel.idempotency import create_once, find_by_token

from ..books import booking_date
from ..errors import LendingError, LoanChangedError, OverpaidError, RecentPaymentError
from ..models import Loan, Repayment
from ..selectors.desk import recent_payments
from ..selectors.loans import effective_repayments, loan_position
from .loans import loan_recompute
from .receipts import is_series_number, next_receipt_number
from .write_offs import require_late_enough


def repayment_post(
    *,
    loan: Loan,
    amount: int,
    paid_on: date,
    receipt_no: str,
    channel: str,
    client_token: uuid.UUID | str,
    posted_by: User,
    is_payoff: bool = False,
    loan_version: int | None = None,
    confirm_recent: bool = True,
) -> Repayment:
    """Post money received for a loan. The same client token (a double click, a retried
    request) returns the repayment already posted instead of a second one.

    The repayment desk also passes the loan's version its form showed, and whether the
    cashier confirmed posting although a payment was posted minutes ago: a form opened
    before the loan changed (a second tab), or reloaded with the Back button after a
    payment (a new token, the loan's new version), posts nothing until the cashier has
    seen what was posted (LoanChangedError, RecentPaymentError). A blank receipt number
    gets the next of the fund's series (KW/2026/000123)."""
    repayment, _created = create_once(
        Repayment,
        field="client_token",
        token=client_token,
        create=lambda: _post(
            loan=loan,
            amount=amount,
            paid_on=paid_on,
            receipt_no=receipt_no,
            channel=channel,
            client_token=client_token,
            posted_by=posted_by,
            is_payoff=is_payoff,
            loan_version=loan_version,
            confirm_recent=confirm_recent,
        ),
        check_owner=lambda found: _check_same_loan(found, loan),
    )
    return repayment


def _check_same_loan(repayment: Repayment, loan: Loan) -> None:
    if repayment.loan_id != loan.pk:
        raise LendingError(_("This form was already used for another loan; open the form again."))


@transaction.atomic
def _post(
    *,
    loan: Loan,
    amount: int,
    paid_on: date,
    receipt_no: str,
    channel: str,
    client_token: uuid.UUID | str,
    posted_by: User,
    is_payoff: bool,
    loan_version: int | None,
    confirm_recent: bool,
) -> Repayment:
    loan = Loan.objects.select_for_update().select_related("fund").get(pk=loan.pk)
    # A request with the same token may have posted while this one waited for the lock
    # (a double click reaching two app servers): its repayment is the answer, before any
    # check that would take it for a second payment (the receipt number, the amount owed).
    already = find_by_token(Repayment, "client_token", client_token)
    if already is not None:
        _check_same_loan(already, loan)
        return already
    if amount <= 0:
        raise LendingError(_("The amount must be more than Rp0."))
    if paid_on > timezone.localdate():
        raise LendingError(_("The payment date cannot be in the future."))
    if paid_on < loan.disbursed_on:
        raise LendingError(
            _("The payment date cannot be before the disbursement (%(date)s).")
            % {"date": date_format(loan.disbursed_on)}
        )
    # A receipt already posted is refused outright, before the cashier is offered to confirm.
    if is_series_number(loan.fund, receipt_no):
        raise LendingError(
            _(
                "Numbers like %(example)s are given by the portal: leave the receipt number "
                "empty to get the next one."
            )
            % {"example": f"{loan.fund.receipt_prefix}/{paid_on.year}/000123"}
        )
    _check_receipt_unused(loan, receipt_no.strip())
    _check_unchanged(loan, loan_version=loan_version, confirm_recent=confirm_recent)
    if loan.status == Loan.Status.PAID_OFF:
        raise LendingError(_("This loan is already paid off."))
    if is_payoff:
        if loan.status in Loan.WRITTEN_OFF_STATUSES:
            raise LendingError(
                _("A written-off loan is paid as a recovery, not as an early payoff.")
            )
        _check_payoff(loan, amount, paid_on)
    # Numbered last, under the series' lock: a refusal above leaves no gap in the series.
    receipt_no = receipt_no.strip() or next_receipt_number(fund=loan.fund, on=paid_on)
    repayment = Repayment.objects.create(
        loan=loan,
        amount=amount,
        paid_on=paid_on,
        receipt_no=receipt_no,
        channel=channel,
        is_payoff=is_payoff,
        client_token=client_token,
        posted_by=posted_by,
    )
    # Its paid_on stays the day the money came; its ledger lines follow lending.books.
    try:
        loan_recompute(
            loan=loan,
            entry_date=booking_date(paid_on, timezone.localdate()),
            user=posted_by,
            note=_("Repayment %(receipt)s") % {"receipt": receipt_no},
        )
    except OverpaidError as overpaid:
        # Raising undoes the whole transaction: the repayment and the recompute.
        if set(overpaid.over) == {repayment.pk}:
            raise LendingError(
                _("That is more than the loan still owes. Still owed: %(owed)s.")
                % {"owed": format_rupiah(amount - overpaid.over[repayment.pk])}
            ) from overpaid
        raise
    if loan.written_off_on is not None and paid_on <= loan.written_off_on:
        try:
            require_late_enough(loan, loan.written_off_on)
        except LendingError as not_late:
            raise LendingError(
                _(
                    "A payment dated on or before the write-off (%(date)s) cannot take the "
                    "loan below the fund's threshold on that day: %(reason)s"
                )
                % {"date": date_format(loan.written_off_on), "reason": not_late}
            ) from not_late
    return repayment


def _check_unchanged(loan: Loan, *, loan_version: int | None, confirm_recent: bool) -> None:
    """Under the loan's lock: the form was opened on the loan as it is now, and no payment
    was posted minutes ago unless the cashier confirmed this is another one."""
    if loan_version is not None and loan_version != loan.version:
        raise LoanChangedError(
            _(
                "This loan changed after the form was opened: the latest payments and what "
                "is owed now are shown below. Nothing was posted."
            ),
            loan_version=loan.version,
        )
    if confirm_recent:
        return
    recent = recent_payments(loan).first()
    if recent is not None:
        raise RecentPaymentError(
            _(
                "A payment of %(amount)s (receipt %(receipt)s) was posted on this loan at "
                "%(time)s. Nothing was posted: if this is another payment, confirm it below."
            )
            % {
                "amount": format_rupiah(recent.amount),
                "receipt": recent.receipt_no or recent.pk,
                "time": timezone.localtime(recent.posted_at).strftime("%H:%M"),
            },
            loan_version=loan.version,
        )


def _check_receipt_unused(loan: Loan, receipt_no: str) -> None:
    """One receipt, one payment, in the whole fund: a form reopened with the Back button
    carries a new token but the same receipt number, and must not post the money twice; nor
    may one paper receipt stand for payments of two loans. A reversed repayment frees its
    number (the mistake is corrected by posting it again)."""
    if not receipt_no:
        return
    earlier = (
        Repayment.objects.filter(
            loan__fund_id=loan.fund_id,
            receipt_no=receipt_no,
            reverses__isnull=True,
            reversal__isnull=True,
        )
        .select_related("loan")
        .first()
    )
    if earlier is None:
        return
    values = {
        "receipt": receipt_no,
        "loan": earlier.loan.number,
        "date": date_format(earlier.paid_on),
        "amount": format_rupiah(earlier.amount),
    }
    if earlier.loan_id == loan.pk:
        raise LendingError(
            _(
                "Receipt %(receipt)s is already posted for this loan (%(date)s, %(amount)s). "
                "If that was a mistake, reverse it first."
            )
            % values
        )
    raise LendingError(
        _(
            "Receipt %(receipt)s is already posted for loan %(loan)s (%(date)s, %(amount)s): "
            "one receipt is one payment. Check the number on the receipt."
        )
        % values
    )


def _check_payoff(loan: Loan, amount: int, paid_on: date) -> None:
    repayments = effective_repayments(loan)
    if repayments and repayments[-1].paid_on > paid_on:
        raise LendingError(_("An early payoff cannot be dated before the last repayment."))
    quote = loan_position(loan, repayments=repayments).payoff_quote(paid_on)
    if amount != quote:
        raise LendingError(
            _("Paying off early on this date takes exactly %(quote)s.")
            % {"quote": format_rupiah(quote)}
        )
