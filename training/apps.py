from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """DAK-funded certification training: budget, tracks, cohorts, certificates."""

    name = "training"
    verbose_name = _("DAK training")

    def ready(self) -> None:
        from registry.merge_steps import register_merge_step
        from registry.timeline import register_timeline_source

        from .services.merging import umkm_records_move
        from .timeline import enrollments

        register_timeline_source(enrollments)
        register_merge_step(umkm_records_move)
