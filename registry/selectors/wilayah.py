"""Reads of Cilegon's geography."""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import Kecamatan


def kecamatan_with_kelurahan() -> QuerySet[Kecamatan]:
    """Every kecamatan with its kelurahan, in Kemendagri order, in two queries."""
    return Kecamatan.objects.prefetch_related("kelurahan_set")
