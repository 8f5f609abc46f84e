"""Reads of the office's review queue: what mentors sent from the field and waits for a
decision (new businesses to verify, identity corrections)."""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import FieldChange


def changes_to_review() -> QuerySet[FieldChange]:
    """Pending field changes, oldest first, with the business and who sent it."""
    return (
        FieldChange.objects.filter(state=FieldChange.State.PENDING)
        .select_related("umkm__kelurahan", "submitted_by__user")
        .order_by("created_at", "pk")
    )
