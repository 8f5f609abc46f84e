from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models import UMKM

from .areas import Mentor

# Who a business is: changed only after office staff check it. Contact details and
# status are the mentor's to keep current, and apply at once (with history).
IDENTITY_FIELDS = ("name", "owner_nik", "nib")
DIRECT_FIELDS = ("owner_phone", "address", "status")


class FieldChange(models.Model):
    """What a mentor sent from the field for office staff to check: a business they
    registered (already in the registry, unverified), or a correction of who a business is
    (not applied until accepted)."""

    class Kind(models.TextChoices):
        REGISTRATION = "pendaftaran", _("new business registered in the field")
        CORRECTION = "koreksi", _("correction of identity data")

    class State(models.TextChoices):
        PENDING = "menunggu", _("waiting for review")
        ACCEPTED = "diterima", _("accepted")
        REJECTED = "ditolak", _("rejected")

    umkm = models.ForeignKey(
        UMKM, verbose_name=_("business"), on_delete=models.PROTECT, related_name="field_changes"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # {field: [as it was, as proposed]}; for a registration, what the mentor typed.
    changes = models.JSONField(_("changes"), default=dict)
    submitted_by = models.ForeignKey(
        Mentor, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="field_changes"
    )
    state = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    client_id = models.UUIDField(unique=True, editable=False)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("field change")
        verbose_name_plural = _("field changes")
        permissions = [("review_fieldchange", "Can accept or reject mentors' field changes")]
        indexes = [models.Index(fields=["state", "created_at"], name="fieldchange_state")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.umkm}"
