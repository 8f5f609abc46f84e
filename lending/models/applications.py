from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.formatting import format_day

from .products import LOAN_CEILING


class Application(models.Model):
    """A business's request for a loan, from submission to disbursement (or rejection or
    withdrawal). Every change of state is an ApplicationEvent."""

    class State(models.TextChoices):
        SUBMITTED = "diajukan", _("submitted")
        SURVEYED = "disurvei", _("surveyed")
        APPROVED = "disetujui", _("approved")
        REJECTED = "ditolak", _("rejected")
        DISBURSED = "dicairkan", _("disbursed")
        WITHDRAWN = "dibatalkan", _("withdrawn")

    OPEN_STATES = (State.SUBMITTED, State.SURVEYED, State.APPROVED)

    umkm = models.ForeignKey(
        "registry.UMKM",
        verbose_name=_("business"),
        on_delete=models.PROTECT,
        related_name="loan_applications",
    )
    product = models.ForeignKey(
        "lending.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    amount = models.BigIntegerField(_("amount (Rp)"))
    tenor_months = models.PositiveSmallIntegerField(_("tenor (months)"))
    purpose = models.TextField(_("use of the loan"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.SUBMITTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # default, not auto_now_add: the demo data and imports of past loans give real dates.
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The mentor who referred the business (when the application came from a referral):
    # four eyes, they may not survey it.
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("referred by"),
    )
    # Approving against a "tidak layak" survey needs a written reason, shown on the loan.
    approval_reason = models.TextField(_("reason to approve against the survey"), blank=True)
    # An owner with a written-off loan not recovered may borrow again only when the Kepala
    # UPT overrides the refusal, with a reason.
    write_off_override_reason = models.TextField(
        _("reason to lend despite a write-off"), blank=True
    )
    write_off_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("write-off refusal overridden by"),
    )
    write_off_override_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("loan application")
        verbose_name_plural = _("loan applications")
        permissions = [
            ("survey_application", "Can record the survey of a loan application"),
            ("decide_application", "Can approve or reject a loan application"),
            ("disburse_loan", "Can disburse an approved loan"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0, amount__lte=LOAN_CEILING),
                name="application_amount_within_ceiling",
                violation_error_message=_("A loan cannot exceed Rp10.000.000."),
            ),
        ]
        indexes = [models.Index(fields=["state", "created_at"], name="application_state_created")]

    def __str__(self) -> str:
        return f"{self.number} {self.umkm}"

    def get_absolute_url(self) -> str:
        return reverse("lending:application-detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"PJ-{self.created_at:%Y}-{self.pk:06d}" if self.created_at else f"PJ-{self.pk}"


class Survey(models.Model):
    """What a pendamping PDB found when visiting the applicant: the basis of the decision."""

    class Recommendation(models.TextChoices):
        FEASIBLE = "layak", _("feasible")
        FEASIBLE_WITH_NOTES = "layak_catatan", _("feasible, with notes")
        NOT_FEASIBLE = "tidak_layak", _("not feasible")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="survey")
    surveyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("surveyed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    surveyed_on = models.DateField(_("survey date"))
    business_condition = models.TextField(_("condition of the business"))
    use_of_funds = models.TextField(_("use of the funds"))
    monthly_net_income = models.BigIntegerField(
        _("net income per month (Rp)"), help_text=_("Estimated, after household needs.")
    )
    capacity_note = models.TextField(_("capacity to pay"), blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=16, choices=Recommendation.choices
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("loan survey")
        verbose_name_plural = _("loan surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(monthly_net_income__gte=0), name="survey_income_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} {format_day(self.surveyed_on)}"


class ApplicationEvent(models.Model):
    """One change of an application's state: who, when, from what to what, and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=12, choices=Application.State.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=Application.State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, editable=False)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_state or '-'} -> {self.to_state}"
