from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.spreadsheets import Column, Kind, write_xlsx, xlsx_response

from ..models import MentorKind
from ..selectors import Month, activity


@section_required(Section.MENTORING)
def activity_report(request):
    """Each mentor's month: visits, businesses reached, referrals made and taken up."""
    month = Month.parse(request.GET.get("bulan"), timezone.localdate())
    kind = request.GET.get("jenis") or ""
    if kind not in MentorKind.values:  # anything else: both kinds
        kind = ""
    rows = activity(month, kind=kind)
    if request.GET.get("format") == "xlsx":
        return _export(rows, month)
    totals = {
        name: sum(getattr(row, name) for row in rows)
        for name in ("visits", "reached", "registered", "referrals", "taken_up")
    }
    return render(
        request,
        "mentoring/activity_report.html",
        {"rows": rows, "month": month, "kind": kind, "kinds": MentorKind.choices, "totals": totals},
    )


def _export(rows, month):
    columns = [
        Column(_("mentor"), lambda r: r.mentor.user.get_full_name() or r.mentor.user.username),
        Column(_("kind"), lambda r: r.mentor.get_kind_display()),
        Column(_("visits"), lambda r: r.visits, Kind.NUMBER),
        Column(_("businesses reached"), lambda r: r.reached, Kind.NUMBER),
        Column(_("new registrations"), lambda r: r.registered, Kind.NUMBER),
        Column(_("referrals made"), lambda r: r.referrals, Kind.NUMBER),
        Column(_("referrals taken up"), lambda r: r.taken_up, Kind.NUMBER),
    ]
    return xlsx_response(
        write_xlsx(rows, columns, title=_("Mentor activity")), f"kegiatan-pendamping-{month}.xlsx"
    )
