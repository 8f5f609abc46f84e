"""Reads of the imports staff uploaded."""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import ImportBatch


def import_batches() -> QuerySet[ImportBatch]:
    """Uploaded files, newest first, with who uploaded them."""
    return ImportBatch.objects.select_related("uploaded_by")
