from functools import wraps

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.defaults import bad_request

from cilegon_umkm.accounts.lockout import refuse_locked_out_addresses
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

    @method_decorator(login_not_required)  # as Django's own: the page where one logs in
    @method_decorator(refuse_locked_out_addresses)
    def login(self, request, extra_context=None):
        """The admin's own login page: an address locked out for password spraying is
        refused here as on the portal's."""
        return super().login(request, extra_context)

    def admin_view(self, view, cacheable=False):
        """Every back-office page refuses a NUL in its query string with a 400. PostgreSQL
        text cannot hold one, and the admin hands list-filter values and autocomplete terms
        to the database as typed (only its search box checks them); nobody types a NUL."""
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def refusing_nul(request, *args, **kwargs):
            if any(
                "\x00" in key or "\x00" in "".join(values) for key, values in request.GET.lists()
            ):
                return bad_request(request, SuspiciousOperation("NUL in the query string"))
            return inner(request, *args, **kwargs)

        return refusing_nul
