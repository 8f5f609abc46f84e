from django.shortcuts import render

from cilegon_umkm.access import section_required
from cilegon_umkm.accounts.roles import Section

from ..selectors import mentor_of
from .loans import arrears_of_areas, surveys_waiting


@section_required(Section.MENTORING)
def index(request):
    """Staff and leadership: who mentors which kelurahan."""
    return render(request, "section_intro.html")


@section_required(Section.FIELD)
def field(request):
    """A mentor's home on the phone: the work waiting in their areas."""
    user = request.user
    context = {"mentor": mentor_of(user), "surveys_waiting": None, "arrears": None}
    if user.has_perm("lending.survey_application"):
        context["surveys_waiting"] = surveys_waiting(user).count()
        context["arrears"] = arrears_of_areas(user).count()
    return render(request, "mentoring/field.html", context)
