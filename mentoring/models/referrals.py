from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lending.models import Application
from lending.models.products import LOAN_CEILING
from registry.models import UMKM

from .areas import Mentor
from .visits import Visit


class Referral(models.Model):
    """A pendamping ekonomi hands a business on: to UPT PDB for a loan, or to training.
    Its status follows what became of it, so the referring mentor never has to ask."""

    class Kind(models.TextChoices):
        LOAN = "pdb", _("loan (UPT PDB)")
        TRAINING = "pelatihan", _("training")

    class State(models.TextChoices):
        SENT = "terkirim", _("received")
        ACCEPTED = "diterima", _("taken up")
        DECLINED = "ditolak", _("declined")

    umkm = models.ForeignKey(
        UMKM, verbose_name=_("business"), on_delete=models.PROTECT, related_name="referrals"
    )
    referred_by = models.ForeignKey(
        Mentor, verbose_name=_("referred by"), on_delete=models.PROTECT, related_name="referrals"
    )
    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    kind = models.CharField(_("referred to"), max_length=10, choices=Kind.choices)
    need = models.TextField(_("need"))
    amount_wished = models.BigIntegerField(_("amount wished"), null=True, blank=True)
    training_topic = models.CharField(_("certification or skill"), max_length=120, blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.SENT)
    # The loan application made from it; its state tells how far the referral went.
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="referral"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason declined"), blank=True)
    client_id = models.UUIDField(unique=True, editable=False)
    # default, not auto_now_add: the demo data gives past referrals their real dates.
    created_at = models.DateTimeField(_("referred at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        permissions = [
            ("handle_loan_referral", "Can take up or decline loan referrals"),
            ("handle_training_referral", "Can take up or decline training referrals"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_wished__isnull=True)
                | Q(amount_wished__gt=0, amount_wished__lte=LOAN_CEILING),
                name="referral_amount_within_ceiling",
                violation_error_message=_("A loan cannot exceed Rp10.000.000."),
            ),
            models.CheckConstraint(
                condition=~Q(state="ditolak") | ~Q(decline_reason=""),
                name="referral_declined_with_reason",
                violation_error_message=_("Say why the referral is declined."),
            ),
        ]
        indexes = [models.Index(fields=["kind", "state"], name="referral_kind_state")]

    def __str__(self) -> str:
        return f"{self.umkm} -> {self.get_kind_display()}"

    @property
    def progress(self) -> str:
        """What the referring mentor sees: received, application made, approved,
        disbursed, or declined (by the office or, later, on the application)."""
        if self.state == self.State.DECLINED:
            return str(_("declined"))
        if self.application_id is None:
            return str(_("taken up")) if self.state == self.State.ACCEPTED else str(_("received"))
        state = self.application.state
        labels = {
            Application.State.SUBMITTED: _("application made"),
            Application.State.SURVEYED: _("application made"),
            Application.State.APPROVED: _("approved"),
            Application.State.DISBURSED: _("disbursed"),
            Application.State.REJECTED: _("declined"),
            Application.State.WITHDRAWN: _("withdrawn"),
        }
        return str(labels.get(state, state))
