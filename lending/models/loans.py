from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cilegon_umkm.kernel.formatting import format_day, format_rupiah

from ..allocation import DendaRule
from .immutable import PostedEntry
from .products import LOAN_CEILING, DendaBase, DendaMonths, denda_rule_of


class Loan(models.Model):
    """A disbursed loan. Its terms are copied from the product at disbursement, so a later
    change of the product never changes a running loan. The paid totals and the status
    are kept in step with the repayments by the services (loan_recompute)."""

    class Status(models.TextChoices):
        ACTIVE = "aktif", _("active")
        PAID_OFF = "lunas", _("paid off")
        WRITTEN_OFF = "hapus_buku", _("written off")
        # Written off, then every rupiah of the written-off principal recovered.
        RECOVERED = "pulih", _("recovered after write-off")

    # Statuses where the principal has left the portfolio as a loss.
    WRITTEN_OFF_STATUSES = (Status.WRITTEN_OFF, Status.RECOVERED)

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
        _("denda (percent per month late)"), max_digits=5, decimal_places=2
    )
    denda_grace_days = models.PositiveSmallIntegerField(_("denda grace days"))
    denda_base = models.CharField(
        _("denda charged on"), max_length=12, choices=DendaBase.choices, default=DendaBase.OVERDUE
    )
    denda_months = models.CharField(
        _("months late counted as"),
        max_length=16,
        choices=DendaMonths.choices,
        default=DendaMonths.WHOLE,
    )
    denda_cap_percent = models.DecimalField(
        _("denda cap (percent of the installment)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
    )
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
    # The principal still owed when the loan was written off: the principal less what
    # payments dated on or before the write-off paid. Payments dated after it are
    # recoveries: their principal is principal_recovered (also counted in principal_paid).
    written_off_principal = models.BigIntegerField(_("principal written off"), default=0)
    principal_recovered = models.BigIntegerField(_("principal recovered"), default=0)
    # The fund's rule for money recovered, copied at the write-off like every other term: a
    # later change of the fund's setting never re-splits recoveries already posted.
    recovery_allocation = models.CharField(
        _("money recovered after the write-off goes to"), max_length=20, blank=True
    )
    write_off_reason = models.TextField(_("write-off reason"), blank=True)
    write_off_decree_number = models.CharField(
        _("write-off decree (SK) number"), max_length=80, blank=True
    )
    write_off_decree_date = models.DateField(_("write-off decree (SK) date"), null=True, blank=True)
    # Raised by every change of the loan's money (a repayment, a reversal, a write-off):
    # the repayment desk's form carries the version it showed, so a form opened before a
    # change (the Back button, a second tab) is not posted without the cashier seeing it.
    version = models.PositiveIntegerField(default=0, editable=False)
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
            ("approve_reversal", "Can approve a reversal that needs the Kepala UPT"),
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
            models.CheckConstraint(
                condition=Q(
                    principal_recovered__gte=0,
                    principal_recovered__lte=models.F("written_off_principal"),
                ),
                name="loan_recovered_within_written_off",
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
        """Principal still on the books: none once written off (what is recovered after
        comes back to the fund as cash, not to the portfolio)."""
        if self.status in self.WRITTEN_OFF_STATUSES:
            return 0
        return self.principal - self.principal_paid

    @property
    def recovery_rule(self) -> str:
        """How money recovered after the write-off is allocated: the rule copied at the
        write-off; before one, the fund's current rule (nothing is a recovery yet)."""
        return self.recovery_allocation or self.fund.recovery_allocation

    @property
    def principal_unrecovered(self) -> int:
        """Written-off principal not (yet) recovered: the loss still on the fund."""
        return self.written_off_principal - self.principal_recovered

    @property
    def denda_rule(self) -> DendaRule:
        return denda_rule_of(self)


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
        # A receipt number is looked up in the whole fund before it is posted.
        indexes = [models.Index(fields=["receipt_no"], name="repayment_receipt_no")]

    def __str__(self) -> str:
        return f"{self.loan} {format_day(self.paid_on)} {format_rupiah(self.amount)}"

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None


class ReversalRequest(models.Model):
    """A reversal that needs the Kepala UPT: one that reopens a paid-off loan, or of a
    payment dated before the current month. Staff request it with a reason; the Kepala
    approves (the reversal is posted then) or refuses; both steps stay in the history."""

    class State(models.TextChoices):
        REQUESTED = "diminta", _("requested")
        APPROVED = "disetujui", _("approved")
        REFUSED = "ditolak", _("refused")

    repayment = models.ForeignKey(
        Repayment, on_delete=models.PROTECT, related_name="reversal_requests"
    )
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    reversal = models.OneToOneField(
        Repayment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("reversal request")
        verbose_name_plural = _("reversal requests")
        constraints = [
            # One open request per repayment.
            models.UniqueConstraint(
                fields=["repayment"],
                condition=Q(state="diminta"),
                name="reversal_request_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.repayment} ({self.get_state_display()})"
