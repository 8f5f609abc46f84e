from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..allocation import (
    DENDA_ON_INSTALLMENT,
    DENDA_ON_OVERDUE,
    MONTHS_30_DAYS,
    MONTHS_STARTED,
    MONTHS_WHOLE,
    PAYOFF_ALL_JASA,
    PAYOFF_CURRENT_MONTH,
    DendaRule,
)

if TYPE_CHECKING:
    from .loans import Loan

# The Perwal's ceiling for one loan from the revolving fund.
LOAN_CEILING = 10_000_000


class DendaBase(models.TextChoices):
    OVERDUE = DENDA_ON_OVERDUE, _("the overdue amount of the installment")
    INSTALLMENT = DENDA_ON_INSTALLMENT, _("the whole installment")


class DendaMonths(models.TextChoices):
    WHOLE = MONTHS_WHOLE, _("whole calendar months late")
    STARTED = MONTHS_STARTED, _("every calendar month begun late")
    BLOCKS_30_DAYS = MONTHS_30_DAYS, _("every 30 days begun late")


def denda_rule_of(terms: "Product | Loan") -> DendaRule:
    """The denda rule of a product, or of a loan (which copied its product's terms)."""
    return DendaRule(
        percent_per_month=terms.denda_percent_per_month,
        grace_days=terms.denda_grace_days,
        base=terms.denda_base,
        months=terms.denda_months,
        cap_percent=terms.denda_cap_percent,
    )


class Product(models.Model):
    """A loan product: the terms of a programme year (the 2023 perintisan and penguatan
    loans, the 2025 Rp10 million at 0 %). Terms are data: a new Perwal is a new product."""

    class PayoffRule(models.TextChoices):
        CURRENT_MONTH = PAYOFF_CURRENT_MONTH, _("remaining principal + jasa of the current month")
        ALL_JASA = PAYOFF_ALL_JASA, _("remaining principal + all remaining jasa")

    name = models.CharField(_("name"), max_length=120, unique=True)
    fund = models.ForeignKey(
        "lending.Fund", verbose_name=_("fund"), on_delete=models.PROTECT, related_name="products"
    )
    description = models.TextField(_("description"), blank=True)
    min_amount = models.BigIntegerField(_("minimum amount (Rp)"), default=500_000)
    max_amount = models.BigIntegerField(
        _("maximum amount (Rp)"),
        validators=[MinValueValidator(1), MaxValueValidator(LOAN_CEILING)],
        help_text=_("Never above Rp10.000.000."),
    )
    jasa_percent_per_year = models.DecimalField(
        _("jasa (percent per year, flat)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("Flat on the original principal; 0 for an interest-free loan."),
    )
    tenors = models.JSONField(
        _("tenors (months)"), default=list, help_text=_("For example [6, 12].")
    )
    rounding_multiple = models.PositiveIntegerField(
        _("installments rounded to (Rp)"), default=1000, validators=[MinValueValidator(1)]
    )
    denda_percent_per_month = models.DecimalField(
        _("denda (percent per month late)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    denda_grace_days = models.PositiveSmallIntegerField(_("denda grace days"), default=0)
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
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("Empty: no cap. The most denda one installment can carry."),
    )
    early_payoff_rule = models.CharField(
        _("early payoff"),
        max_length=16,
        choices=PayoffRule.choices,
        default=PayoffRule.CURRENT_MONTH,
    )
    active_from = models.DateField(_("active from"))
    active_to = models.DateField(_("active to"), null=True, blank=True)

    class Meta:
        ordering = ["-active_from", "name"]
        verbose_name = _("loan product")
        verbose_name_plural = _("loan products")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_amount__gt=0, max_amount__lte=LOAN_CEILING),
                name="product_max_within_ceiling",
                violation_error_message=_("A loan cannot exceed Rp10.000.000."),
            ),
            models.CheckConstraint(
                condition=Q(min_amount__gt=0, min_amount__lte=models.F("max_amount")),
                name="product_min_below_max",
                violation_error_message=_("The minimum must be between 1 and the maximum."),
            ),
            models.CheckConstraint(
                condition=Q(jasa_percent_per_year__gte=0), name="product_rate_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(rounding_multiple__gt=0), name="product_multiple_positive"
            ),
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_to__gte=models.F("active_from")),
                name="product_active_period",
                violation_error_message=_("A product cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        tenors = self.tenors
        if not (
            isinstance(tenors, list)
            and tenors
            and all(isinstance(t, int) and 1 <= t <= 60 for t in tenors)
            and len(set(tenors)) == len(tenors)
        ):
            raise ValidationError(
                {
                    "tenors": _(
                        "List the allowed tenors in months, each once, e.g. [6, 12] (1 to 60)."
                    )
                }
            )

    @property
    def denda_rule(self) -> DendaRule:
        return denda_rule_of(self)

    def is_active_on(self, day) -> bool:
        return self.active_from <= day and (self.active_to is None or day <= self.active_to)
