"""The directory of certified local suppliers, for Cilegon's industry: businesses holding a
valid training certificate, by the supply category their track prepared them for and by
kecamatan, with their contact details and every valid certification."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from registry.models import UMKM, Certification, Status

from ..models import Certificate


def _valid_certificates() -> QuerySet[Certificate]:
    return Certificate.objects.filter(enrollment__umkm=OuterRef("pk"), revoked_on__isnull=True)


def certified_suppliers() -> QuerySet[UMKM]:
    """Active businesses holding a training certificate that was not revoked, with their
    kelurahan, kecamatan and valid certifications, by kecamatan and name."""
    today = timezone.localdate()
    certifications = Certification.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    ).order_by("kind", "issued_on")
    return (
        UMKM.objects.filter(Exists(_valid_certificates()), status=Status.ACTIVE)
        .select_related("kelurahan__kecamatan")
        .prefetch_related(Prefetch("certifications", queryset=certifications))
        .order_by("kelurahan__kecamatan__name", "name", "pk")
    )


def prepared_for(suppliers: QuerySet[UMKM], category: str) -> QuerySet[UMKM]:
    """Those whose valid certificate comes from a track preparing for this supply category."""
    in_category = _valid_certificates().filter(enrollment__cohort__track__supply_category=category)
    return suppliers.filter(Exists(in_category))
