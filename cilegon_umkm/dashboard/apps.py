from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """Leadership dashboards; composes the numbers each app keeps in its stats.py."""

    name = "cilegon_umkm.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboards")
