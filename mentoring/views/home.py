from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.query import QueryNumbers, refuse_export
from cilegon_umkm.kernel.spreadsheets import Column, Kind, write_xlsx, xlsx_response
from registry.models import Kecamatan

from ..models import Referral
from ..selectors import (
    Coverage,
    Month,
    activity,
    arrears_of_areas,
    coverage,
    mentor_of,
    referral_inbox,
    referrals_made_by,
    surveys_waiting,
    umkm_for_mentor,
)


@section_required(Section.MENTORING)
def index(request):
    """Staff and leadership: who mentors which kelurahan today, and where nobody does. A
    ?kecamatan= that is not understood lists nothing and says so, rather than the city."""
    numbers = QueryNumbers(request.GET)
    kecamatan = numbers.get("kecamatan", _("Kecamatan"))
    result = coverage(timezone.localdate(), kecamatan) if numbers.valid else Coverage([], [])
    if request.GET.get("format") == "xlsx":
        if not numbers.valid:
            return refuse_export(request)
        return _export(result)
    return render(
        request,
        "mentoring/coverage.html",
        {
            "coverage": result,
            "kecamatan": kecamatan,
            "query_errors": numbers.errors,
            "kecamatan_list": Kecamatan.objects.all(),
            "can_review": request.user.has_perm("mentoring.review_fieldchange"),
        },
    )


def _names(mentors) -> str:
    return ", ".join(m.user.display_name for m in mentors)


def _export(result):
    columns = [
        Column(_("kecamatan"), lambda row: row.kelurahan.kecamatan.name),
        Column(_("kelurahan"), lambda row: row.kelurahan.name),
        Column(_("businesses"), lambda row: row.businesses, Kind.NUMBER),
        Column(_("pendamping ekonomi"), lambda row: _names(row.ekonomi), width=30),
        Column(_("pendamping PDB"), lambda row: _names(row.pdb), width=30),
    ]
    return xlsx_response(
        write_xlsx(result.kelurahan, columns, title=_("Mentor coverage")),
        "cakupan-pendamping.xlsx",
    )


@section_required(Section.FIELD)
def field(request):
    """A mentor's home on the phone: the work waiting in their areas, and what became of
    the businesses they referred."""
    user = request.user
    mentor = mentor_of(user)
    context = {
        "mentor": mentor,
        "business_count": umkm_for_mentor(user).count(),
        "surveys_waiting": None,
        "arrears": None,
        "referrals_waiting": None,
        "my_referrals": [],
    }
    if user.has_perm("lending.survey_application"):
        context["surveys_waiting"] = surveys_waiting(user).count()
        context["arrears"] = arrears_of_areas(user).count()
    if user.has_perm("mentoring.handle_loan_referral"):
        context["referrals_waiting"] = referral_inbox(user, kinds=[Referral.Kind.LOAN]).count()
    if mentor is not None:
        this_month = Month.parse(None, timezone.localdate())
        context["my_month"] = activity(this_month, mentor=mentor)[0]
        context["my_referrals"] = referrals_made_by(mentor)[:10]
    return render(request, "mentoring/field.html", context)
