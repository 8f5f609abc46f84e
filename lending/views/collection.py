"""The collection sheet (lembar penagihan) of an area for a month, for the office: every
borrower of the loans made there, what falls due in the month and what is overdue, with
an empty column to write what was collected. A mentor's sheet is mentoring's page (it knows
the mentors' areas) and is built from the same selector."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.query import QueryNumbers
from registry.models import Kecamatan, Kelurahan
from registry.permissions import can_view_phone

from ..selectors.collection import area_kelurahan, collection_sheet, parse_month
from .portfolio import VIEW_PORTFOLIO


@section_required(Section.LENDING, VIEW_PORTFOLIO)
def collection_sheet_view(request):
    today = timezone.localdate()
    month = parse_month(request.GET.get("bulan"), today)
    numbers = QueryNumbers(request.GET)
    kecamatan = numbers.get("kecamatan", _("Kecamatan"))
    kelurahan = numbers.get("kelurahan", _("Kelurahan"))
    # An area not understood prints no sheet (and says so), never a wider area's.
    areas = area_kelurahan(kecamatan=kecamatan, kelurahan=kelurahan) if numbers.valid else []
    show_phone = can_view_phone(request.user)
    sheet = (
        collection_sheet(
            kelurahan_ids=[k.pk for k in areas], month=month, today=today, show_phone=show_phone
        )
        if areas
        else None
    )
    return render(
        request,
        "lending/collection_sheet.html",
        {
            "sheet": sheet,
            "month": month,
            "areas": areas,
            "show_phone": show_phone,
            "choose_area": True,
            "kecamatan": kecamatan,
            "kelurahan": kelurahan,
            "query_errors": numbers.errors,
            "kecamatan_list": Kecamatan.objects.all(),
            "kelurahan_list": Kelurahan.objects.select_related("kecamatan").order_by(
                "kecamatan__name", "name"
            ),
        },
    )
