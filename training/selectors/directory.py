"""The directory of certified local suppliers, for Cilegon's industry: businesses holding a
valid training certificate, by the supply category their track prepared them for and by
kecamatan, with their contact details, every valid real certification (from its real
issuer) and, apart from those, the trainings they completed."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from registry.models import UMKM, Certification, Status
from registry.selectors import real_certification

from ..models import Certificate, Enrollment


def _valid_certificates() -> QuerySet[Certificate]:
    return Certificate.objects.filter(enrollment__umkm=OuterRef("pk"), revoked_on__isnull=True)


def certified_suppliers() -> QuerySet[UMKM]:
    """Active businesses holding a training certificate that was not revoked, with their
    kelurahan, kecamatan, valid real certifications (`real_certifications`; the Dinas's
    training certificates are not among them) and the tracks of their valid training
    certificates (`trainings`), by kecamatan and name."""
    today = timezone.localdate()
    certifications = Certification.objects.filter(
        real_certification(), Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    ).order_by("kind", "issued_on")
    trainings = (
        Enrollment.objects.filter(certificate__isnull=False, certificate__revoked_on__isnull=True)
        .select_related("cohort__track", "certificate")
        .order_by("certificate__issued_on", "pk")
    )
    return (
        UMKM.objects.filter(Exists(_valid_certificates()), status=Status.ACTIVE)
        .select_related("kelurahan__kecamatan")
        .prefetch_related(
            Prefetch("certifications", queryset=certifications, to_attr="real_certifications"),
            Prefetch("enrollments", queryset=trainings, to_attr="trainings"),
        )
        .order_by("kelurahan__kecamatan__name", "name", "pk")
    )


def prepared_for(suppliers: QuerySet[UMKM], category: str) -> QuerySet[UMKM]:
    """Those whose valid certificate comes from a track preparing for this supply category."""
    in_category = _valid_certificates().filter(enrollment__cohort__track__supply_category=category)
    return suppliers.filter(Exists(in_category))
