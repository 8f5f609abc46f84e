from django.shortcuts import render

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required

from ..selectors import kecamatan_with_kelurahan


@section_required(Section.REGISTRY)
def wilayah(request):
    return render(request, "registry/wilayah.html", {"kecamatan_list": kecamatan_with_kelurahan()})
