import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.tables import PortalTable

from .models import UMKM

# On a phone the table keeps business, kelurahan and status; wider screens show more.
_FROM_SMALL = {"th": {"class": "d-none d-sm-table-cell"}, "td": {"class": "d-none d-sm-table-cell"}}
_FROM_MEDIUM = {
    "th": {"class": "d-none d-md-table-cell"},
    "td": {"class": "d-none d-md-table-cell"},
}
_FROM_LARGE = {"th": {"class": "d-none d-lg-table-cell"}, "td": {"class": "d-none d-lg-table-cell"}}


class UMKMTable(PortalTable):
    """The browse list. Only columns backed by an index are sortable: by anything else the
    database would sort every matching row, the whole registry when nothing is filtered."""

    name = tables.Column(verbose_name=_("Business"), order_by=("name", "id"))
    owner_name = tables.Column(verbose_name=_("Owner"), orderable=False, attrs=_FROM_SMALL)
    nik = tables.Column(
        verbose_name=_("NIK"), accessor="masked_nik", orderable=False, attrs=_FROM_LARGE
    )
    kelurahan = tables.Column(verbose_name=_("Kelurahan"), order_by=("kelurahan_id", "name", "id"))
    size = tables.Column(
        verbose_name=_("Size"), accessor="size_label", orderable=False, attrs=_FROM_MEDIUM
    )
    sector = tables.Column(verbose_name=_("Sector"), orderable=False, attrs=_FROM_LARGE)
    certifications = tables.Column(
        verbose_name=_("Certifications"), empty_values=(), orderable=False, attrs=_FROM_LARGE
    )
    status = tables.Column(verbose_name=_("Status"), orderable=False)

    class Meta(PortalTable.Meta):
        model = UMKM
        fields = [
            "name",
            "owner_name",
            "nik",
            "kelurahan",
            "size",
            "sector",
            "certifications",
            "status",
        ]
        attrs = {"class": "table table-sm table-hover align-middle umkm-table"}
        per_page = 25
        # Rows written straight from the records, for speed; see the template.
        template_name = "registry/umkm_table.html"
        empty_text = _("No business matches. Check the spelling or clear the filters.")
