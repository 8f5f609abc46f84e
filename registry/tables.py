import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .models import UMKM

# On a phone the table keeps business, kelurahan and status; wider screens show more.
_FROM_SMALL = {"th": {"class": "d-none d-sm-table-cell"}, "td": {"class": "d-none d-sm-table-cell"}}
_FROM_MEDIUM = {
    "th": {"class": "d-none d-md-table-cell"},
    "td": {"class": "d-none d-md-table-cell"},
}
_FROM_LARGE = {"th": {"class": "d-none d-lg-table-cell"}, "td": {"class": "d-none d-lg-table-cell"}}


class UMKMTable(tables.Table):
    """The browse list. Only columns backed by an index are sortable: sorting a million
    rows by anything else would take seconds."""

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

    class Meta:
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
        empty_text = _("No business matches. Check the spelling or clear the filters.")

    def render_name(self, record, value):
        # On a phone the owner column is hidden: the owner goes under the business name.
        return format_html(
            "<a href='{}'>{}</a><small class='d-block d-sm-none text-body-secondary'>{}</small>",
            record.get_absolute_url(),
            value,
            record.owner_name,
        )

    def render_kelurahan(self, record):
        return format_html(
            "{}<br><small class='text-body-secondary'>{} {}</small>",
            record.kelurahan.name,
            _("Kec."),
            record.kelurahan.kecamatan.name,
        )

    def render_certifications(self, record):
        return format_html_join(
            " ",
            "<span class='badge text-bg-light border'>{}</span>",
            ((cert.kind.upper(),) for cert in record.certifications.all()),
        )

    def render_status(self, record):
        style = {"aktif": "success", "tidak_aktif": "warning", "tutup": "secondary"}[record.status]
        return format_html(
            "<span class='badge text-bg-{}'>{}</span>", style, record.get_status_display()
        )
