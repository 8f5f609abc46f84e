"""Collection sheets (lembar penagihan) per mentor: the loans made in a pendamping PDB's
areas, what falls due in a month and what is overdue. Lending builds the sheet from
kelurahan ids; which kelurahan are a mentor's is mentoring's."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from lending.selectors.collection import collection_sheet as build_sheet
from lending.selectors.collection import parse_month
from registry.models import Kelurahan
from registry.permissions import can_view_phone

from ..selectors import current_kelurahan_ids
from ..selectors.loans import VIEW_PORTFOLIO, collection_mentors, get_mentor_for_sheet
from .loans import SURVEY


@section_required(Section.LENDING, VIEW_PORTFOLIO)
def collection_sheets(request):
    """The office chooses a mentor (and a month) to print their sheet."""
    month = parse_month(request.GET.get("bulan"), timezone.localdate())
    return render(
        request,
        "mentoring/collection_sheets.html",
        {"mentors": collection_mentors(), "month": month},
    )


def collection_sheet(request, pk: int):
    """One mentor's sheet: the office may open any mentor's, a pendamping PDB only their
    own (404 for another's)."""
    user = request.user
    office = user.has_perm(Section.LENDING.permission) and user.has_perm(VIEW_PORTFOLIO)
    if not (office or user.has_perms([Section.FIELD.permission, SURVEY])):
        raise PermissionDenied
    mentor = get_mentor_for_sheet(user, pk)
    today = timezone.localdate()
    month = parse_month(request.GET.get("bulan"), today)
    kelurahan_ids = current_kelurahan_ids(mentor, today)
    show_phone = can_view_phone(user)
    return render(
        request,
        "lending/collection_sheet.html",
        {
            "sheet": build_sheet(
                kelurahan_ids=kelurahan_ids, month=month, today=today, show_phone=show_phone
            ),
            "month": month,
            "mentor": mentor,
            "areas": Kelurahan.objects.filter(pk__in=kelurahan_ids).order_by("name"),
            "show_phone": show_phone,
            "choose_area": False,
        },
    )
