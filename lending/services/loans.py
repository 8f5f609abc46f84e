"""A loan's life: disbursement, and the recomputation after every repayment, reversal or
write-off (services/write_offs.py) that keeps the loan, its schedule and the ledger in step."""

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User
from cilegon_umkm.kernel.formatting import format_rupiah

from ..allocation import LoanPosition, Split
from ..errors import LendingError, OverpaidError
from ..models import Application, Fund, FundEntry, Installment, Loan, Repayment
from ..schedule import build_schedule
from ..selectors.funds import fund_available
from ..selectors.loans import loan_position
from .applications import (
    _locked,
    _move,
    _require_application_eligible,
    require_other_than_approver,
)

Kind = FundEntry.Kind
# The ledger kind of each part of a repayment's split.
SPLIT_KINDS = {
    Kind.DENDA: "denda",
    Kind.JASA: "jasa",
    Kind.PRINCIPAL_REPAID: "principal",
    Kind.RECOVERY: "recovered",
}
# What the replay of its repayments sets on each installment (loan_recompute stores them).
INSTALLMENT_PAID_FIELDS = ("principal_paid", "jasa_paid", "jasa_waived", "denda_paid", "settled_on")
# What set_totals_from() sets on the loan.
LOAN_TOTAL_FIELDS = (
    "principal_paid",
    "principal_recovered",
    "written_off_principal",
    "jasa_paid",
    "denda_paid",
    "status",
    "closed_on",
    "first_unsettled_due",
    "version",
)


def split_parts(split: Split | None) -> list[tuple[str, int]]:
    """(ledger kind, amount) of each part of a repayment's split; all 0 without a split."""
    return [(kind, getattr(split, part) if split else 0) for kind, part in SPLIT_KINDS.items()]


def loan_on_terms(
    application: Application, *, kelurahan_id: int, disbursed_on: date, disbursed_by: User
) -> Loan:
    """The loan an approved application becomes (not saved): the product's terms of the
    day, and the business's kelurahan, are copied onto it, so a later change of the
    product, or a move of the business, never changes this loan."""
    product = application.product
    return Loan(
        number=f"PDB-{disbursed_on:%Y}-{application.pk:06d}",
        application=application,
        umkm_id=application.umkm_id,
        kelurahan_id=kelurahan_id,
        product=product,
        fund_id=product.fund_id,
        principal=application.amount,
        jasa_percent_per_year=product.jasa_percent_per_year,
        tenor_months=application.tenor_months,
        rounding_multiple=product.rounding_multiple,
        denda_percent_per_month=product.denda_percent_per_month,
        denda_grace_days=product.denda_grace_days,
        denda_base=product.denda_base,
        denda_months=product.denda_months,
        denda_cap_percent=product.denda_cap_percent,
        early_payoff_rule=product.early_payoff_rule,
        disbursed_on=disbursed_on,
        disbursed_by=disbursed_by,
    )


@transaction.atomic
def loan_disburse(*, application: Application, disbursed_by: User, disbursed_on: date) -> Loan:
    """Create the loan, its schedule and the fund's ledger entry, all or nothing. The fund
    row is locked, so two disbursements at the same moment cannot overdraw it."""
    application = _locked(application, Application.State.APPROVED)
    if disbursed_on > timezone.localdate():
        raise LendingError(_("The disbursement date cannot be in the future."))
    approved_on = timezone.localdate(application.decided_at) if application.decided_at else None
    if approved_on and disbursed_on < approved_on:
        raise LendingError(
            _("The disbursement date cannot be before the approval (%(date)s).")
            % {"date": date_format(approved_on)}
        )
    require_other_than_approver(application, disbursed_by)
    _require_application_eligible(application, disbursed_on)
    fund = Fund.objects.select_for_update().get(pk=application.product.fund_id)
    available = fund_available(fund)
    if application.amount > available:
        raise LendingError(
            _("The fund %(fund)s has %(available)s available to lend; %(amount)s was asked.")
            % {
                "fund": fund,
                "available": format_rupiah(available),
                "amount": format_rupiah(application.amount),
            }
        )
    loan = loan_on_terms(
        application,
        kelurahan_id=application.umkm.kelurahan_id,  # _locked() selected the business
        disbursed_on=disbursed_on,
        disbursed_by=disbursed_by,
    )
    loan.save()
    schedule = build_schedule(
        principal=loan.principal,
        months=loan.tenor_months,
        jasa_percent_per_year=loan.jasa_percent_per_year,
        disbursed_on=disbursed_on,
        multiple=loan.rounding_multiple,
    )
    loan.first_unsettled_due = schedule[0].due_date
    loan.save(update_fields=["first_unsettled_due"])
    Installment.objects.bulk_create(
        Installment(
            loan=loan, number=i.number, due_date=i.due_date, principal=i.principal, jasa=i.jasa
        )
        for i in schedule
    )
    FundEntry.objects.create(
        fund=fund,
        kind=Kind.DISBURSEMENT,
        amount=loan.principal,
        entry_date=disbursed_on,
        loan=loan,
        note=loan.number,
        created_by=disbursed_by,
    )
    _move(application, Application.State.DISBURSED, actor=disbursed_by, note=loan.number)
    return loan


def loan_recompute(*, loan: Loan, entry_date: date, user: User, note: str) -> LoanPosition:
    """Bring the installments, the loan's totals and status, and the fund's ledger in line
    with the loan's repayments. The caller holds the loan's row lock (select_for_update).

    The ledger is never edited: where a repayment's split between denda, jasa, principal and
    principal recovered differs from what its ledger lines say (a new repayment; a reversal;
    a backdated payment that moves later ones), or the principal written off differs from
    the write-off lines (a payment from before the write-off posted or reversed after it),
    the difference is posted as new lines."""
    installments = list(loan.installments.order_by("number"))
    position = loan_position(loan, installments=installments)
    _refuse_overpaid(position)
    _store_installments(installments, position)
    set_totals_from(loan, position)
    loan.version += 1
    loan.save(update_fields=LOAN_TOTAL_FIELDS)
    _reconcile_ledger(loan, position, entry_date=entry_date, user=user, note=note)
    return position


def _refuse_overpaid(position: LoanPosition) -> None:
    """Every rupiah received must land in the loan's totals and the ledger. A change that
    leaves a repayment paying more than the loan owed (a payment dated before later ones
    lowers their denda; a payment on a loan already settled) is refused, whichever
    repayment the excess falls on."""
    over = {key: split.unallocated for key, split in position.splits.items() if split.unallocated}
    if not over:
        return
    first = min(Repayment.objects.filter(pk__in=over), key=lambda r: (r.paid_on, r.pk))
    raise OverpaidError(
        _(
            "Nothing was posted: the payment of %(date)s (receipt %(receipt)s) would then pay "
            "%(over)s more than the loan owed. Check the date and the amount."
        )
        % {
            "date": date_format(first.paid_on),
            "receipt": first.receipt_no or first.pk,
            "over": format_rupiah(over[first.pk]),
        },
        over=over,
    )


def set_totals_from(loan: Loan, position: LoanPosition) -> None:
    """Set (not save) the loan's paid totals, its arrears cache and its status from the
    replay of its repayments. A written-off loan stays written off, or is "pulih" once its
    written-off principal is all recovered; what it wrote off is the principal less what
    payments dated on or before the write-off paid."""
    loan.first_unsettled_due = position.first_unsettled_due
    loan.principal_paid = sum(i.principal_paid for i in position.installments)
    loan.jasa_paid = sum(i.jasa_paid for i in position.installments)
    loan.denda_paid = sum(i.denda_paid for i in position.installments)
    loan.principal_recovered = position.principal_recovered
    if loan.status in Loan.WRITTEN_OFF_STATUSES:
        loan.written_off_principal = loan.principal - position.principal_paid_before_write_off
        recovered = loan.principal_recovered == loan.written_off_principal
        loan.status = Loan.Status.RECOVERED if recovered else Loan.Status.WRITTEN_OFF
        loan.closed_on = position.paid_off_on if recovered else None
    else:
        paid_off = position.is_paid_off
        loan.status = Loan.Status.PAID_OFF if paid_off else Loan.Status.ACTIVE
        loan.closed_on = position.paid_off_on if paid_off else None


def _store_installments(installments: list[Installment], position: LoanPosition) -> None:
    changed = []
    for row, state in zip(installments, position.installments, strict=True):
        values = [getattr(state, name) for name in INSTALLMENT_PAID_FIELDS]
        if values != [getattr(row, name) for name in INSTALLMENT_PAID_FIELDS]:
            for name, value in zip(INSTALLMENT_PAID_FIELDS, values, strict=True):
                setattr(row, name, value)
            changed.append(row)
    Installment.objects.bulk_update(changed, INSTALLMENT_PAID_FIELDS)


def _reconcile_ledger(
    loan: Loan, position: LoanPosition, *, entry_date: date, user: User, note: str
) -> None:
    posted: defaultdict[tuple[int, str], int] = defaultdict(int)
    rows = (
        FundEntry.objects.filter(loan=loan, repayment__isnull=False)
        .values("repayment", "kind")
        .annotate(total=Sum("amount"))
    )
    for row in rows:
        posted[(row["repayment"], row["kind"])] += row["total"]
    targets = dict(position.splits)
    repayment_ids = {repayment for repayment, _kind in posted} | set(targets)
    changes: list[tuple[str, int, int | None]] = []
    for repayment_id in sorted(repayment_ids):
        for kind, target in split_parts(targets.get(repayment_id)):
            changes.append((kind, target - posted[(repayment_id, kind)], repayment_id))
    if loan.written_off_on is not None:
        written_off = FundEntry.objects.filter(loan=loan, kind=Kind.WRITE_OFF).aggregate(
            sum=Sum("amount")
        )["sum"]
        changes.append((Kind.WRITE_OFF, loan.written_off_principal - (written_off or 0), None))
    FundEntry.objects.bulk_create(
        FundEntry(
            fund_id=loan.fund_id,
            kind=kind,
            amount=delta,
            entry_date=entry_date,
            loan=loan,
            repayment_id=repayment_id,
            note=note[:255],
            created_by=user,
        )
        for kind, delta, repayment_id in changes
        if delta
    )
