"""Merging two records of the same business into one.

Every record that points to the duplicate moves to the survivor: the registry's own here,
every other app's by that app's step (registry/merge_steps.py). A record left behind stops
the merge, so nothing is lost to an app that has no step."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User
from cilegon_umkm.kernel.references import SharedReference, move_references, references_left

from ..errors import MergeError
from ..merge_steps import merge_steps
from ..models import UMKM
from .common import with_history

# Fields the survivor takes from the other record when it has none itself.
FILLABLE = [
    "nib", "owner_phone", "address", "kbli", "product", "capital", "annual_turnover",
    "workers", "year_started",
]  # fmt: skip


@transaction.atomic
def umkm_merge(*, survivor: UMKM, duplicate: UMKM, user: User | None) -> UMKM:
    if survivor.pk == duplicate.pk:
        raise MergeError(_("A business cannot be merged with itself."))
    locked = UMKM.objects.select_for_update().in_bulk([survivor.pk, duplicate.pk])
    if len(locked) != 2:
        raise MergeError(
            _("One of the two businesses no longer exists; it may have been merged already.")
        )
    survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]
    moved = _move_related_records(survivor, duplicate)
    filled = [
        name
        for name in FILLABLE
        if _is_empty(getattr(survivor, name)) and not _is_empty(getattr(duplicate, name))
    ]
    values = {name: getattr(duplicate, name) for name in filled}
    note = _("Merged with #%(id)s %(name)s (%(moved)s related records moved)") % {
        "id": duplicate.pk, "name": duplicate.name, "moved": moved,
    }  # fmt: skip
    with_history(
        duplicate,
        user=user,
        reason=_("Merged into #%(id)s %(name)s") % {"id": survivor.pk, "name": survivor.name},
    )
    duplicate.delete()  # its history stays, ending with this deletion and its reason
    for name, value in values.items():
        setattr(survivor, name, value)
    with_history(survivor, user=user, reason=note)
    survivor.save()  # a full save: the history row records the merge even if nothing was filled
    return survivor


def _is_empty(value: object) -> bool:
    return value is None or value == ""


def _move_related_records(survivor: UMKM, duplicate: UMKM) -> int:
    try:
        moved = move_references(UMKM, app_label="registry", old=duplicate, new=survivor)
        for step in merge_steps():
            moved += step(duplicate=duplicate, survivor=survivor)
    except SharedReference as shared:
        raise MergeError(
            _("Both businesses have the same %(record)s (%(object)s); delete one first.")
            % {"record": shared.row._meta.verbose_name, "object": shared.row}
        ) from shared
    left = references_left(UMKM, duplicate)
    if left:
        raise MergeError(
            _("Records of this business could not be moved (%(records)s); nothing was merged.")
            % {"records": ", ".join(left)}
        )
    return moved
