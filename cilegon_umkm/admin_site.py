from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.accounts.roles import Section


class PortalAdminSite(admin.AdminSite):
    """The office's back office. Opened by the `open_admin` permission of a role group,
    so that an administrator only has to put people in groups (no is_staff ticking)."""

    site_header = _("Cooperatives and SME Office, City of Cilegon")
    site_title = _("Cilegon UMKM Portal admin")
    index_title = _("Data administration")
    site_url = "/"

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_staff or user.has_perm(Section.ADMIN.permission))
