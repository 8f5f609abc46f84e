from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.models import UMKM, CertificationKind

from .budget import BudgetLine


class SupplyCategory(models.TextChoices):
    """What Cilegon's industry buys from local businesses: what a track prepares them for."""

    CATERING = "katering", _("catering")
    UNIFORMS = "seragam", _("uniforms and garments")
    LAUNDRY = "laundry", _("laundry")
    CLEANING = "kebersihan", _("cleaning services")
    WORKSHOP = "bengkel", _("workshop and maintenance")
    SNACKS = "makanan_olahan", _("processed food and snacks")
    COOPERATIVE = "koperasi", _("cooperative savings and loans")
    GENERAL = "umum", _("general entrepreneurship")


class Track(models.Model):
    """A path from start to certificate: an ordered list of modules that ends in a
    certificate of a stated kind, preparing businesses to supply one kind of demand."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    supply_category = models.CharField(
        _("prepares for"), max_length=16, choices=SupplyCategory.choices
    )
    certificate_kind = models.CharField(
        _("certificate"), max_length=12, choices=CertificationKind.choices
    )
    certificate_title = models.CharField(_("certificate title"), max_length=200)
    attendance_threshold = models.PositiveSmallIntegerField(_("attendance needed (%)"), default=80)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("training track")
        verbose_name_plural = _("training tracks")
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance_threshold__lte=100), name="track_threshold_percent"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Module(models.Model):
    """One step of a track, with its hours and what it takes to pass it."""

    track = models.ForeignKey(
        Track, verbose_name=_("track"), on_delete=models.CASCADE, related_name="modules"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=150)
    hours = models.PositiveSmallIntegerField(_("hours"))
    pass_score = models.PositiveSmallIntegerField(
        _("passing score"), null=True, blank=True, help_text=_("Empty: attendance is enough.")
    )

    class Meta:
        ordering = ["track", "order"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        constraints = [
            models.UniqueConstraint(fields=["track", "order"], name="module_order_per_track"),
            models.CheckConstraint(
                condition=Q(pass_score__lte=100), name="module_pass_score_out_of_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class Cohort(models.Model):
    """An angkatan: one run of a track, with its dates, place, trainer, quota and money."""

    track = models.ForeignKey(
        Track, verbose_name=_("track"), on_delete=models.PROTECT, related_name="cohorts"
    )
    name = models.CharField(_("name"), max_length=150)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    venue = models.CharField(_("venue"), max_length=200)
    trainer = models.CharField(_("trainer or certifying body"), max_length=200)
    quota = models.PositiveSmallIntegerField(_("quota"))
    budget_line = models.ForeignKey(
        BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT, related_name="cohorts"
    )
    cost_per_participant = models.BigIntegerField(_("cost per participant (Rp)"), default=0)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("cohort (angkatan)")
        verbose_name_plural = _("cohorts (angkatan)")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="cohort_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(quota__gt=0), name="cohort_quota_positive"),
            models.CheckConstraint(
                condition=Q(cost_per_participant__gte=0), name="cohort_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Enrollment(models.Model):
    """A business owner's place in a cohort, or on its waiting list, in order."""

    class State(models.TextChoices):
        ENROLLED = "terdaftar", _("enrolled")
        WAITING = "menunggu", _("waiting list")
        WITHDRAWN = "mundur", _("withdrawn")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="enrollments"
    )
    umkm = models.ForeignKey(
        UMKM, verbose_name=_("business"), on_delete=models.PROTECT, related_name="enrollments"
    )
    state = models.CharField(_("status"), max_length=10, choices=State.choices)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("enrolled at"), default=timezone.now, editable=False)
    # Why staff enrolled an owner who already holds the track's certificate; empty otherwise.
    override_reason = models.TextField(_("reason for enrolling again"), blank=True)
    # Who enrolled, withdrew or moved a participant up from the waiting list, and when.
    history = HistoricalRecords(verbose_name=_("enrolment history"))

    class Meta:
        ordering = ["cohort", "created_at", "id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "umkm"],
                name="enrollment_once_per_cohort",
                violation_error_message=_("This business is already in this cohort."),
            )
        ]
        indexes = [models.Index(fields=["cohort", "state"], name="enrollment_cohort_state")]

    def __str__(self) -> str:
        return f"{self.umkm} @ {self.cohort}"
