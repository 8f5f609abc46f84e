from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Shared pieces of the portal: layout, navigation, template filters, seed_demo."""

    name = "cilegon_umkm"
    label = "portal"
    verbose_name = _("Portal")


class PortalAdminConfig(AdminConfig):
    """The Django admin, branded for the office and opened by group permission."""

    default_site = "cilegon_umkm.admin_site.PortalAdminSite"
