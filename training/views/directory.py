from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.spreadsheets import Column, Kind, write_xlsx
from registry.models import Kecamatan

from ..directory import certified_suppliers
from ..models import SupplyCategory


@section_required(Section.DIRECTORY)
def directory(request):
    """Certified suppliers for industry buyers and staff. Contact details, never the NIK."""
    category = request.GET.get("kategori", "")
    category = category if category in SupplyCategory.values else ""
    kecamatan = request.GET.get("kecamatan", "")
    kecamatan = kecamatan if kecamatan.isdigit() else ""
    suppliers = certified_suppliers(category=category, kecamatan=kecamatan)
    if request.GET.get("format") == "xlsx":
        return _export(suppliers)
    page = Paginator(suppliers, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "training/directory.html",
        {
            "page_obj": page,
            "category": category,
            "categories": SupplyCategory.choices,
            "kecamatan": kecamatan,
            "kecamatan_list": Kecamatan.objects.all(),
        },
    )


def _certificates(umkm) -> str:
    return "; ".join(f"{c.get_kind_display()} {c.number}" for c in umkm.certifications.all())


def _export(suppliers):
    columns = [
        Column(_("business"), lambda u: u.name, width=30),
        Column(_("owner"), lambda u: u.owner_name, width=24),
        Column(_("phone"), lambda u: u.owner_phone, Kind.IDENTIFIER),
        Column(_("address"), lambda u: u.address, width=36),
        Column(_("kelurahan"), lambda u: u.kelurahan.name),
        Column(_("kecamatan"), lambda u: u.kelurahan.kecamatan.name),
        Column(_("main product"), lambda u: u.product, width=24),
        Column(_("certifications"), _certificates, width=48),
    ]
    response = HttpResponse(
        write_xlsx(suppliers.iterator(chunk_size=500), columns, title=_("Certified suppliers")),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="pemasok-bersertifikat.xlsx"'
    return response
