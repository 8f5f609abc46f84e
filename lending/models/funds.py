from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.formatting import format_day, format_rupiah

from ..allocation import RECOVERY_AS_INSTALLMENT, RECOVERY_PRINCIPAL_FIRST
from .immutable import PostedEntry


class RecoveryAllocation(models.TextChoices):
    PRINCIPAL_FIRST = RECOVERY_PRINCIPAL_FIRST, _("principal first, then jasa and denda")
    AS_INSTALLMENT = RECOVERY_AS_INSTALLMENT, _("as an installment: denda, jasa, then principal")


class Fund(models.Model):
    """A pot of money UPTD PDB lends from: its own revolving fund (Dana Bergulir UPTD) or
    a part of it channelled through a partner bank. Its balance is its ledger's sum."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    partner_bank = models.CharField(
        _("partner bank"), max_length=120, blank=True, help_text=_("Empty for UPTD's own fund.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Settings the office may change (only the Kepala UPT and the Admin may).
    write_off_min_collectibility = models.PositiveSmallIntegerField(
        _("write off from collectibility"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("A loan can be written off only at this collectibility or worse (5: macet)."),
    )
    recovery_allocation = models.CharField(
        _("money recovered after a write-off goes to"),
        max_length=20,
        choices=RecoveryAllocation.choices,
        default=RecoveryAllocation.PRINCIPAL_FIRST,
    )
    receipt_prefix = models.CharField(
        _("receipt series prefix"),
        max_length=10,
        unique=True,  # each fund's numbers are its own
        default="KW",
        validators=[RegexValidator(r"^[A-Z0-9-]+$", _("Capital letters, digits and - only."))],
        help_text=_("Receipts without a number get PREFIX/YEAR/000123."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")

    def __str__(self) -> str:
        return self.name


class FundEntry(PostedEntry, models.Model):
    """One line of a fund's ledger. Amounts are whole Rupiah: positive as posted, negative
    for a reversal or a correction. Principal that comes back can be lent again; jasa and
    denda are income (PAD) and are reported apart."""

    class Kind(models.TextChoices):
        CAPITAL = "modal", _("capital added (APBD)")
        DISBURSEMENT = "pencairan", _("principal disbursed")
        PRINCIPAL_REPAID = "pokok", _("principal repaid")
        JASA = "jasa", _("jasa received")
        DENDA = "denda", _("denda received")
        WRITE_OFF = "hapus_buku", _("principal written off")
        # Principal paid after the loan was written off: cash back to the fund, reported
        # apart from ordinary repayments (its jasa and denda are still JASA and DENDA).
        RECOVERY = "pemulihan", _("principal recovered after write-off")

    fund = models.ForeignKey(
        Fund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    amount = models.BigIntegerField(_("amount (Rp)"))
    entry_date = models.DateField(_("date"))
    loan = models.ForeignKey(
        "lending.Loan", null=True, blank=True, on_delete=models.PROTECT, related_name="fund_entries"
    )
    repayment = models.ForeignKey(
        "lending.Repayment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_entries",
    )
    reverses = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
        verbose_name=_("reverses"),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    class Meta:
        ordering = ["-entry_date", "-id"]
        verbose_name = _("fund ledger entry")
        verbose_name_plural = _("fund ledger")
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="fund_entry_not_zero"),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | Q(amount__lt=0),
                name="fund_entry_reversal_is_negative",
            ),
        ]
        indexes = [models.Index(fields=["fund", "kind"], name="fund_entry_fund_kind")]

    def __str__(self) -> str:
        amount, day = format_rupiah(self.amount), format_day(self.entry_date)
        return f"{self.get_kind_display()} {amount} ({day})"


class FundTotal(models.Model):
    """A fund's ledger summed per kind, so that its balance is read in one row however long
    the ledger grows (two million lines at 100,000 loans). A statement-level trigger
    (migration 0007_fund_totals) adds each statement's new entries to their fund's total per
    kind, and TRUNCATE (the test suite's flush) empties the totals; entries are never
    changed or deleted (the posted guard), so the sums stay exact. The trigger's upsert
    locks the (fund, kind) rows it adds to, in that order, until the posting commits: so
    postings of the same kind to one fund wait for each other there, even those that lock
    no fund row (a repayment locks only its loan; a disbursement and added capital lock
    the fund)."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="totals")
    kind = models.CharField(max_length=12, choices=FundEntry.Kind.choices)
    total = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["fund", "kind"], name="fund_total_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.fund}: {self.kind} {self.total}"


class ReceiptSeries(models.Model):
    """The last receipt number given in a fund's series for a year: a receipt posted without
    a number of the cashier's gets the next one (PREFIX/YEAR/000123), under this row's
    lock, so that numbers are never given twice and leave no gaps on their own."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="receipt_series")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("receipt series")
        verbose_name_plural = _("receipt series")
        constraints = [
            models.UniqueConstraint(fields=["fund", "year"], name="receipt_series_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.fund.receipt_prefix}/{self.year}/{self.last_number:06d}"
