from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    """Pendamping ekonomi and pendamping PDB: area assignments, visits, referrals."""

    name = "mentoring"
    verbose_name = _("Mentoring")

    def ready(self) -> None:
        from registry.merge_steps import register_merge_step
        from registry.timeline import register_timeline_source

        from .services.merging import umkm_records_move
        from .timeline import referrals, visits

        register_timeline_source(visits)
        register_timeline_source(referrals)
        register_merge_step(umkm_records_move)
