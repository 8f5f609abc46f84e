from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    """Pendamping ekonomi and pendamping PDB: area assignments, visits, referrals."""

    name = "mentoring"
    verbose_name = _("Mentoring")

    def ready(self) -> None:
        from registry.timeline import register_timeline_source

        from .timeline import referrals, visits

        register_timeline_source(visits)
        register_timeline_source(referrals)
