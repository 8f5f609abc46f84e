from django.shortcuts import render

from cilegon_umkm.access import section_required
from cilegon_umkm.accounts.roles import Section
from lending.models import Application


@section_required(Section.MENTORING)
def index(request):
    """Staff and leadership: who mentors which kelurahan."""
    return render(request, "section_intro.html")


@section_required(Section.FIELD)
def field(request):
    """A mentor's home on the phone. The businesses of their areas come with the mentoring
    issue; a pendamping PDB already finds the loan surveys waiting here."""
    surveys_waiting = None
    if request.user.has_perm("lending.survey_application"):
        surveys_waiting = Application.objects.filter(state=Application.State.SUBMITTED).count()
    return render(request, "mentoring/field.html", {"surveys_waiting": surveys_waiting})
