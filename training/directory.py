"""The directory of certified local suppliers, for Cilegon's industry: businesses holding a
valid training certificate, by the supply category their track prepared them for and by
kecamatan, with their contact details and every valid certification."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from registry.models import UMKM, Certification

from .models import Certificate


def certified_suppliers(*, category: str = "", kecamatan: str = "") -> QuerySet[UMKM]:
    today = timezone.localdate()
    valid = Certificate.objects.filter(enrollment__umkm=OuterRef("pk"), revoked_on__isnull=True)
    if category:
        valid = valid.filter(enrollment__cohort__track__supply_category=category)
    suppliers = UMKM.objects.filter(Exists(valid), status="aktif")
    if kecamatan:
        suppliers = suppliers.filter(kelurahan__kecamatan_id=kecamatan)
    certifications = Certification.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    ).order_by("kind", "issued_on")
    return (
        suppliers.select_related("kelurahan__kecamatan")
        .prefetch_related(Prefetch("certifications", queryset=certifications))
        .order_by("kelurahan__kecamatan__name", "name", "pk")
    )
