"""Collection work: the arrears lists with what each loan owes (office and the PDB
mentor's phone, and the office's spreadsheet), and the collection sheet (lembar penagihan)
of an area for a month.

Which loans belong to an area is one rule everywhere: where the loan was made
(Loan.kelurahan), never where its business is now. Days past due and collectibility come
from the database (portfolio.with_arrears); what is overdue, with its denda, needs the
loan's replay, so it is computed for the rows shown only: a page of a list, a chunk of the
export, the loans of one sheet. Each batch of loans costs two queries (their installments
and their repayments), whatever its size."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice

from django.db.models import Q, QuerySet

from registry.models import Kelurahan

from ..allocation import LoanPosition
from ..arrears import Band
from ..models import Installment, Loan, Repayment
from .loans import loan_position, loans_for_list
from .portfolio import collectibility_bands, in_kecamatan, loans_in_arrears

# Loans replayed per batch by the export: bounded memory whatever the number of loans.
EXPORT_CHUNK = 500


# -- where a loan counts -----------------------------------------------------------------


def loans_in_area(
    loans: QuerySet[Loan], *, kecamatan: int | None = None, kelurahan: int | None = None
) -> QuerySet[Loan]:
    """The loans made in a kecamatan and/or kelurahan (Loan.kelurahan): a business that
    moved later does not take its loans' history with it."""
    if kelurahan:
        loans = loans.filter(kelurahan_id=kelurahan)
    if kecamatan:
        loans = in_kecamatan(loans, kecamatan)
    return loans


def loans_of_kelurahan(kelurahan_ids: Iterable[int]) -> QuerySet[Loan]:
    """The loans made in these kelurahan (a mentor's areas)."""
    return loans_for_list().filter(kelurahan_id__in=sorted(kelurahan_ids)).select_related("fund")


# -- positions in bulk -------------------------------------------------------------------


def positions_of(loans: Sequence[Loan]) -> dict[int, LoanPosition]:
    """Each loan's replayed position, in two queries for all of them."""
    ids = [loan.pk for loan in loans]
    installments: defaultdict[int, list[Installment]] = defaultdict(list)
    for installment in Installment.objects.filter(loan_id__in=ids).order_by("loan_id", "number"):
        installments[installment.loan_id].append(installment)
    repayments: defaultdict[int, list[Repayment]] = defaultdict(list)
    effective = Repayment.objects.filter(
        loan_id__in=ids, reverses__isnull=True, reversal__isnull=True
    ).order_by("loan_id", "paid_on", "id")
    for repayment in effective:
        repayments[repayment.loan_id].append(repayment)
    return {
        loan.pk: loan_position(loan, repayments[loan.pk], installments[loan.pk]) for loan in loans
    }


# -- the arrears lists -------------------------------------------------------------------


@dataclass(frozen=True)
class ArrearsRow:
    """A loan in arrears as the lists show it."""

    loan: Loan
    overdue: int  # installments due before the day, unpaid, with their denda
    principal_outstanding: int
    days_past_due: int
    collectibility: Band
    phone: str  # the owner's phone, masked for those who may not see it

    @property
    def kelurahan(self) -> Kelurahan:
        """Where the loan was made: where it counts."""
        return self.loan.kelurahan


def arrears_loans(
    on: date,
    *,
    kecamatan: int | None = None,
    kelurahan: int | None = None,
    levels: Sequence[int] = (),
    over_days: int | None = None,
) -> QuerySet[Loan]:
    """The office's arrears list: running loans late on `on`, most overdue first,
    optionally of one area (where the loan was made), of some collectibility levels, or
    more than some days late: the rows behind the dashboards' NPL (levels 3-5), PAR30
    (over 30 days) and collectibility rows."""
    loans = loans_in_area(
        # The fund: the replay reads its recovery rule.
        loans_for_list().select_related("kelurahan__kecamatan", "fund"),
        kecamatan=kecamatan,
        kelurahan=kelurahan,
    )
    late = loans_in_arrears(loans, on)
    if levels:
        late = late.filter(Q(collectibility__in=list(levels)))
    if over_days is not None:
        late = late.filter(days_past_due__gt=over_days)
    return late


def arrears_rows(loans: Iterable[Loan], on: date, *, show_phone: bool) -> list[ArrearsRow]:
    """The rows of a page of an arrears list (loans annotated by with_arrears)."""
    loans = list(loans)
    positions = positions_of(loans)
    bands = {band.level: band for band in collectibility_bands()}
    return [
        ArrearsRow(
            loan=loan,
            overdue=positions[loan.pk].overdue(on),
            principal_outstanding=loan.principal_outstanding,
            days_past_due=loan.days_past_due,  # type: ignore[attr-defined]
            collectibility=bands.get(
                loan.collectibility,  # type: ignore[attr-defined]
                Band(loan.collectibility, "", 0, None),  # type: ignore[attr-defined]
            ),
            phone=loan.umkm.owner_phone if show_phone else loan.umkm.masked_phone,
        )
        for loan in loans
    ]


def iter_arrears_rows(
    loans: QuerySet[Loan], on: date, *, show_phone: bool, chunk_size: int = EXPORT_CHUNK
) -> Iterator[ArrearsRow]:
    """Every row of an arrears list, read and replayed `chunk_size` loans at a time (the
    export): memory stays bounded whatever the number of loans."""
    stream = loans.iterator(chunk_size=chunk_size)
    while chunk := list(islice(stream, chunk_size)):
        yield from arrears_rows(chunk, on, show_phone=show_phone)


# -- the collection sheet ----------------------------------------------------------------


def month_bounds(first: date) -> tuple[date, date]:
    """The first and last day of the month that `first` is in."""
    start = first.replace(day=1)
    return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])


@dataclass(frozen=True)
class DueInstallment:
    number: int
    due_date: date
    amount: int  # what is left of it: principal and jasa not yet paid


@dataclass
class CollectionRow:
    """One borrower's line on the sheet."""

    loan: Loan
    phone: str
    due: list[DueInstallment] = field(default_factory=list)  # falling due in the month
    overdue: int = 0  # fell due before the month and is unpaid, with its denda

    @property
    def due_amount(self) -> int:
        return sum(installment.amount for installment in self.due)

    @property
    def total(self) -> int:
        return self.overdue + self.due_amount


@dataclass
class CollectionSheet:
    """What to collect in an area in a month, borrower by borrower."""

    month: date  # its first day
    as_of: date  # the day the overdue amounts and their denda are computed for
    rows: list[CollectionRow]

    @property
    def total_due(self) -> int:
        return sum(row.due_amount for row in self.rows)

    @property
    def total_overdue(self) -> int:
        return sum(row.overdue for row in self.rows)

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


def sheet_as_of(month: date, today: date) -> date:
    """The day the sheet's figures are for: today within the month, its first day for a
    month to come (what is owed when collection starts), its last day for a past one."""
    first, last = month_bounds(month)
    return min(max(today, first), last)


def collection_sheet(
    *, kelurahan_ids: Iterable[int], month: date, today: date, show_phone: bool
) -> CollectionSheet:
    """The collection sheet of the loans made in these kelurahan for a month: per running
    loan, the installments falling due in the month and what fell due before it unpaid
    (with denda), as the payments posted so far leave them. Loans with nothing to collect
    are left out. Sorted by kelurahan, then business, as a mentor walks them."""
    first, last = month_bounds(month)
    as_of = sheet_as_of(month, today)
    loans = list(
        loans_of_kelurahan(kelurahan_ids)
        .select_related("kelurahan__kecamatan")
        .filter(status=Loan.Status.ACTIVE, first_unsettled_due__lte=last)
        .order_by("kelurahan__name", "umkm__name", "number")
    )
    positions = positions_of(loans)
    rows = []
    for loan in loans:
        position = positions[loan.pk]
        row = CollectionRow(
            loan=loan,
            phone=loan.umkm.owner_phone if show_phone else "",
            due=[
                DueInstallment(i.number, i.due_date, i.left)
                for i in position.installments
                if first <= i.due_date <= last and i.left
            ],
            overdue=sum(
                i.left + position.denda_owed(i, as_of)
                for i in position.installments
                if i.due_date < first
            ),
        )
        if row.total:
            rows.append(row)
    return CollectionSheet(month=first, as_of=as_of, rows=rows)


def parse_month(text: str | None, today: date) -> date:
    """ "2026-03" -> 1 March 2026, for this month or the next; anything else -> this month
    (a bad ?bulan= is ignored, never an error). A past month is not offered: its sheet
    reprinted later would show what is owed today, not what was collected then."""
    this_month = today.replace(day=1)
    next_month = month_bounds(this_month)[1] + timedelta(days=1)
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        chosen = date(year, month, 1)
    except (ValueError, OverflowError):
        return this_month
    return chosen if this_month <= chosen <= next_month else this_month


def area_kelurahan(*, kecamatan: int | None, kelurahan: int | None) -> list[Kelurahan]:
    """The kelurahan of an area chosen on a sheet: one kelurahan, or every kelurahan of a
    kecamatan; none when nothing (or a kelurahan outside the kecamatan) was chosen."""
    if not (kecamatan or kelurahan):
        return []
    chosen = Kelurahan.objects.select_related("kecamatan").order_by("name")
    if kecamatan:
        chosen = chosen.filter(kecamatan_id=kecamatan)
    if kelurahan:
        chosen = chosen.filter(pk=kelurahan)
    return list(chosen)
