from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..allocation import DendaRule
from .immutable import PostedEntry
from .products import LOAN_CEILING


class Loan(models.Model):
    """A disbursed loan. Its terms are copied from the product at disbursement, so a later
    change of the product never changes a running loan. The paid totals and the status
    are kept in step with the repayments by the services (loan_recompute)."""

    class Status(models.TextChoices):
        ACTIVE = "aktif", _("active")
        PAID_OFF = "lunas", _("paid off")
        WRITTEN_OFF = "hapus_buku", _("written off")

    number = models.CharField(_("loan number"), max_length=20, unique=True)
    application = models.OneToOneField(
        "lending.Application", on_delete=models.PROTECT, related_name="loan"
    )
    umkm = models.ForeignKey(
        "registry.UMKM", verbose_name=_("business"), on_delete=models.PROTECT, related_name="loans"
    )
    # Where the loan was made: the business's kelurahan at disbursement. Reports by
    # kecamatan (portfolio, dashboards) count a loan here, so a business that moves later
    # does not move its history, and they need not read the (much larger) registry.
    kelurahan = models.ForeignKey(
        "registry.Kelurahan",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        related_name="loans",
        editable=False,
    )
    product = models.ForeignKey("lending.Product", on_delete=models.PROTECT, related_name="loans")
    fund = models.ForeignKey("lending.Fund", on_delete=models.PROTECT, related_name="loans")
    principal = models.BigIntegerField(_("principal (Rp)"))
    jasa_percent_per_year = models.DecimalField(
        _("jasa (percent per year, flat)"), max_digits=5, decimal_places=2
    )
    tenor_months = models.PositiveSmallIntegerField(_("tenor (months)"))
    rounding_multiple = models.PositiveIntegerField(_("installments rounded to (Rp)"))
    denda_percent_per_month = models.DecimalField(
        _("denda (percent of the installment per month late)"), max_digits=5, decimal_places=2
    )
    denda_grace_days = models.PositiveSmallIntegerField(_("denda grace days"))
    early_payoff_rule = models.CharField(_("early payoff"), max_length=16)
    disbursed_on = models.DateField(_("disbursed on"))
    disbursed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    closed_on = models.DateField(_("paid off on"), null=True, blank=True)
    principal_paid = models.BigIntegerField(_("principal paid"), default=0)
    jasa_paid = models.BigIntegerField(_("jasa paid"), default=0)
    denda_paid = models.BigIntegerField(_("denda paid"), default=0)
    # Cache of the installments, kept by the services with the paid totals: the due date
    # of the oldest installment not settled (null when all are). Days past due on any
    # date follow from it without reading the installments, so thousands of loans can be
    # grouped and sorted by arrears cheaply.
    first_unsettled_due = models.DateField(null=True, blank=True, editable=False)
    written_off_on = models.DateField(_("written off on"), null=True, blank=True)
    written_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    written_off_principal = models.BigIntegerField(_("principal written off"), default=0)
    write_off_reason = models.TextField(_("write-off reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-disbursed_on", "-id"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        permissions = [
            ("post_repayment", "Can post repayments"),
            ("reverse_repayment", "Can reverse a posted repayment"),
            ("write_off_loan", "Can write off a loan"),
            ("view_portfolio", "Can see the loan portfolio and arrears"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(principal__gt=0, principal__lte=LOAN_CEILING),
                name="loan_principal_within_ceiling",
                violation_error_message=_("A loan cannot exceed Rp10.000.000."),
            ),
            models.CheckConstraint(
                condition=Q(principal_paid__gte=0, principal_paid__lte=models.F("principal")),
                name="loan_principal_paid_within_principal",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "disbursed_on"], name="loan_status_disbursed"),
            models.Index(fields=["status", "first_unsettled_due"], name="loan_status_arrears"),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("lending:loan-detail", args=[self.pk])

    @property
    def principal_outstanding(self) -> int:
        """Principal still on the books: none once written off (recoveries are income to
        the fund, not a return to the portfolio)."""
        if self.status == self.Status.WRITTEN_OFF:
            return 0
        return self.principal - self.principal_paid

    @property
    def denda_rule(self) -> DendaRule:
        return DendaRule(self.denda_percent_per_month, self.denda_grace_days)


class Installment(models.Model):
    """One month of a loan's schedule. The due parts never change; the paid parts are kept
    in step with the repayments (loan_recompute), so arrears can be queried in SQL."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="installments")
    number = models.PositiveSmallIntegerField(_("installment"))
    due_date = models.DateField(_("due date"))
    principal = models.BigIntegerField(_("principal"))
    jasa = models.BigIntegerField(_("jasa"))
    principal_paid = models.BigIntegerField(_("principal paid"), default=0)
    jasa_paid = models.BigIntegerField(_("jasa paid"), default=0)
    jasa_waived = models.BigIntegerField(_("jasa waived"), default=0)
    denda_paid = models.BigIntegerField(_("denda paid"), default=0)
    settled_on = models.DateField(_("paid off on"), null=True, blank=True)

    class Meta:
        ordering = ["loan", "number"]
        verbose_name = _("installment")
        verbose_name_plural = _("installments")
        constraints = [
            models.UniqueConstraint(fields=["loan", "number"], name="installment_number_once"),
            models.CheckConstraint(
                condition=Q(principal__gte=0, jasa__gte=0), name="installment_parts_not_negative"
            ),
        ]
        indexes = [
            # Arrears: the oldest unsettled installment of each loan.
            models.Index(
                fields=["loan", "due_date"],
                name="installment_unsettled",
                condition=Q(settled_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.loan} #{self.number}"

    @property
    def total(self) -> int:
        return self.principal + self.jasa

    @property
    def left(self) -> int:
        return self.principal - self.principal_paid + self.jasa - self.jasa_paid - self.jasa_waived


class Repayment(PostedEntry, models.Model):
    """Money received for a loan, as posted: never changed nor deleted. A mistake is undone
    by a reversal row (negative amount, pointing to the original), and the loan is
    recomputed from the repayments that remain."""

    class Channel(models.TextChoices):
        CASH = "tunai", _("cash at UPT PDB")
        TRANSFER = "transfer", _("bank transfer")
        MENTOR = "pendamping", _("collected by a mentor")

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="repayments")
    amount = models.BigIntegerField(_("amount (Rp)"))
    paid_on = models.DateField(_("paid on"))
    receipt_no = models.CharField(_("receipt number"), max_length=40, blank=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    is_payoff = models.BooleanField(_("early payoff"), default=False)
    # Made by the form when it is shown: a resubmission or a double click carries the same
    # token, and the unique constraint lets only the first one in.
    client_token = models.UUIDField(unique=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversal"
    )
    reason = models.TextField(_("reason"), blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    posted_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("repayment")
        verbose_name_plural = _("repayments")
        constraints = [
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, amount__gt=0)
                | Q(reverses__isnull=False, amount__lt=0),
                name="repayment_sign",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.loan} {self.paid_on} {self.amount}"

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None
