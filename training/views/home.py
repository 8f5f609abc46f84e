from django.shortcuts import render

from cilegon_umkm.access import section_required
from cilegon_umkm.accounts.roles import Section


@section_required(Section.TRAINING)
def index(request):
    return render(request, "section_intro.html")
