"""Reads of businesses and their certifications shared by views, admin, exports and
dashboards."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from ..models import UMKM, Certification, CertificationKind


def umkm_list() -> QuerySet[UMKM]:
    """Businesses with what a list row shows, in a constant number of queries."""
    return UMKM.objects.select_related("kelurahan__kecamatan").prefetch_related("certifications")


def umkm_detail() -> QuerySet[UMKM]:
    return UMKM.objects.select_related("kelurahan__kecamatan").prefetch_related("certifications")


def with_certification(queryset: QuerySet[UMKM], kind: str) -> QuerySet[UMKM]:
    """Businesses holding a certification of this kind (for NIB: or a NIB on record)."""
    holds = Exists(Certification.objects.filter(umkm=OuterRef("pk"), kind=kind))
    if kind == "nib":
        return queryset.filter(holds | Q(nib__isnull=False))
    return queryset.filter(holds)


def real_certification(via: str = "") -> Q:
    """A certificate from its real issuer (BPJPH, Dinas Kesehatan, an LSP, ...): not the
    Dinas's own training certificate, which proves a training, not a certification."""
    return ~Q(**{f"{via}kind": CertificationKind.TRAINING})


def certification_valid_on(on: date, via: str = "") -> Q:
    """A real certification in force on that day (issued, not yet expired or revoked): what
    makes a business "certified"."""
    return (
        real_certification(via)
        & Q(**{f"{via}issued_on__lte": on})
        & (Q(**{f"{via}expires_on__isnull": True}) | Q(**{f"{via}expires_on__gte": on}))
    )


def with_valid_certification(queryset: QuerySet[UMKM], on: date) -> QuerySet[UMKM]:
    """Businesses holding a real certification (not a training certificate) that is valid
    on `on` (the count the dashboards show as certified UMKM)."""
    valid = Certification.objects.filter(certification_valid_on(on), umkm=OuterRef("pk"))
    return queryset.filter(Exists(valid))
