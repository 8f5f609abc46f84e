from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class PostedEntry:
    """Mixin for financial entries that are posted once and never changed or deleted: a
    mistake is corrected by a reversing entry. The database enforces it too (triggers,
    migration 0002); this check gives the programmer a clear error first."""

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("A posted entry cannot be changed; post a reversal instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A posted entry cannot be deleted; post a reversal instead."))
