from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.pagination import page_of
from cilegon_umkm.kernel.spreadsheets import Column, Kind, write_xlsx, xlsx_response

from ..filters import SupplierFilter
from ..selectors.directory import certified_suppliers

PER_PAGE = 25


@require_GET
@section_required(Section.DIRECTORY)
def directory(request):
    """Certified suppliers for industry buyers and staff. Contact details, never the NIK."""
    filterset = SupplierFilter(request.GET, queryset=certified_suppliers())
    # A value the filter cannot read matches nothing (the form says which), never all.
    suppliers = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    if request.GET.get("format") == "xlsx":
        if not filterset.is_valid():
            messages.error(
                request, _("A filter has a value that is not valid: correct it before exporting.")
            )
            query = request.GET.copy()
            query.pop("format")
            return redirect(f"{reverse('training:directory')}?{query.urlencode()}")
        return _export(suppliers)
    page = page_of(request, suppliers, PER_PAGE)
    return render(request, "training/directory.html", {"filter": filterset, "page_obj": page})


def _certificates(umkm) -> str:
    return "; ".join(f"{c.get_kind_display()} {c.number}" for c in umkm.real_certifications)


def _trainings(umkm) -> str:
    return "; ".join(f"{e.cohort.track.name} ({e.certificate.number})" for e in umkm.trainings)


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
        Column(_("training"), _trainings, width=36),
    ]
    content = write_xlsx(
        suppliers.iterator(chunk_size=500), columns, title=_("Certified suppliers")
    )
    return xlsx_response(content, "pemasok-bersertifikat.xlsx")
