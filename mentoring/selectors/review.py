"""Reads of the office's review queue: what mentors sent from the field and waits for a
decision (new businesses to verify, identity corrections)."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, QuerySet
from django.utils.text import capfirst

from registry.models import UMKM

from ..models import FieldChange


def changes_to_review() -> QuerySet[FieldChange]:
    """Pending field changes, oldest first, with the business and who sent it."""
    return (
        FieldChange.objects.filter(state=FieldChange.State.PENDING)
        .select_related("umkm__kelurahan", "submitted_by__user")
        .order_by("created_at", "pk")
    )


def change_rows(change: FieldChange) -> list[tuple[str, str, str]]:
    """(field, was, becomes) of a field change as the office reads them: the field's name in
    Indonesian, and a coded value (a sector, a gender) by its label, not its code."""
    rows = []
    for name, (old, new) in change.changes.items():
        try:
            field = UMKM._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        if not isinstance(field, Field):  # not a field of the business (any more)
            rows.append((name, old or "", new or ""))
            continue
        labels = {str(value): label for value, label in field.flatchoices} if field.choices else {}
        rows.append(
            (
                capfirst(str(field.verbose_name)),
                str(labels.get(old, old) or ""),
                str(labels.get(new, new) or ""),
            )
        )
    return rows
