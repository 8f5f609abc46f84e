from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import UMKM, CertificationKind, Kecamatan, Kelurahan, Source, Status
from .sectors import Sector
from .selectors import search_umkm, with_certification, with_valid_certification
from .size import Size

# The values of ?verifikasi=, in Indonesian like every query parameter.
VERIFIED, NOT_VERIFIED = "sudah", "belum"


class UMKMFilter(django_filters.FilterSet):
    """The filters of the browse page, the export and the dashboards' drill-down links.
    Their names are the query parameters, in Indonesian like the rest of the URL."""

    cari = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(
            attrs={"placeholder": _("Name, owner, NIK, NIB or phone"), "type": "search"}
        ),
    )
    kecamatan = django_filters.ModelChoiceFilter(
        label=_("Kecamatan"), queryset=Kecamatan.objects.all(), method="in_kecamatan"
    )
    kelurahan = django_filters.ModelChoiceFilter(
        label=_("Kelurahan"), queryset=Kelurahan.objects.select_related("kecamatan")
    )
    skala = django_filters.ChoiceFilter(field_name="size", label=_("Size"), choices=Size.choices)
    sektor = django_filters.ChoiceFilter(
        field_name="sector", label=_("Sector"), choices=Sector.choices
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    sumber = django_filters.ChoiceFilter(
        field_name="source", label=_("Data source"), choices=Source.choices
    )
    sertifikasi = django_filters.ChoiceFilter(
        label=_("Certification"), choices=CertificationKind.choices, method="holding"
    )
    # A business registered in the field waits for staff to check it (and gets no loan).
    verifikasi = django_filters.ChoiceFilter(
        label=_("Verification"),
        choices=[(VERIFIED, _("verified")), (NOT_VERIFIED, _("not verified yet"))],
        method="by_verification",
    )

    sertifikat_berlaku = django_filters.DateFilter(
        label=_("Holds a certification valid on"),
        method="certified_on",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    # The dashboards' "new in the period" links: local dates, compared as moments so a
    # date cast of every row is not needed.
    terdaftar_dari = django_filters.DateFilter(
        label=_("Registered from"),
        method="registered_from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    terdaftar_sampai = django_filters.DateFilter(
        label=_("Registered until"),
        method="registered_until",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = UMKM
        fields = ["cari", "kecamatan", "kelurahan", "skala", "sektor", "status", "sumber"]

    def search(self, queryset, name, value):
        return search_umkm(queryset, value)

    def in_kecamatan(self, queryset, name, value):
        # By kelurahan ids rather than a join, so the (kelurahan, name) index serves it.
        return queryset.filter(kelurahan_id__in=value.kelurahan_set.values_list("pk", flat=True))

    def by_verification(self, queryset, name, value):
        return queryset.filter(verified=value == VERIFIED)

    def holding(self, queryset, name, value):
        return with_certification(queryset, value)

    def certified_on(self, queryset, name, value):
        return with_valid_certification(queryset, value)

    def registered_from(self, queryset, name, value):
        return queryset.filter(created_at__gte=start_of_day(value))

    def registered_until(self, queryset, name, value):
        if value == date.max:  # the last day there is: no day after it to stop before
            return queryset
        return queryset.filter(created_at__lt=start_of_day(value + timedelta(days=1)))


def start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
