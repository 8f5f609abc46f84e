from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LendingConfig(AppConfig):
    """UPTD PDB's revolving fund: products, applications, loans, repayments, the fund ledger."""

    name = "lending"
    verbose_name = _("Revolving-fund lending")

    def ready(self) -> None:
        from registry.merge_steps import register_merge_check, register_merge_step
        from registry.timeline import register_timeline_source

        from .services.merging import umkm_merge_check, umkm_records_move
        from .timeline import loan_events

        post_migrate.connect(_ensure_collectibility_table, sender=self)
        register_timeline_source(loan_events)
        register_merge_step(umkm_records_move)
        register_merge_check(umkm_merge_check)


def _ensure_collectibility_table(sender, **kwargs) -> None:
    """The data migration fills the table once; a test flush empties it, so refill it then
    (never over a table that staff have edited)."""
    from .arrears import DEFAULT_BANDS
    from .models import CollectibilityBand

    if not CollectibilityBand.objects.exists():
        CollectibilityBand.objects.bulk_create(
            CollectibilityBand(level=b.level, name=b.name, min_days=b.min_days, max_days=b.max_days)
            for b in DEFAULT_BANDS
        )
