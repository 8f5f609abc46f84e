from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """DAK-funded certification training: budget, tracks, cohorts, certificates."""

    name = "training"
    verbose_name = _("DAK training")
