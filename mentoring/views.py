from django.shortcuts import render

from cilegon_umkm.access import section_required
from cilegon_umkm.accounts.roles import Section


@section_required(Section.MENTORING)
def index(request):
    """Staff and leadership: who mentors which kelurahan."""
    return render(request, "section_intro.html")


@section_required(Section.FIELD)
def field(request):
    """A mentor's home on the phone: the businesses of their areas."""
    return render(request, "section_intro.html")
