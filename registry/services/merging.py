"""Merging two records of the same business into one.

Every record that points to the duplicate moves to the survivor: the registry's own here,
every other app's by that app's step (registry/merge_steps.py). A record left behind stops
the merge, so nothing is lost to an app that has no step.

Two records with different owner NIKs are merged only when staff confirm that they are the
same owner and say why (the reason goes into both histories); the apps' checks may refuse a
merge first (lending: never one owner with two active loans)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User
from cilegon_umkm.kernel.references import SharedReference, move_references, references_left

from ..errors import MergeError
from ..merge_steps import merge_checks, merge_steps
from ..models import UMKM
from .common import with_history

# Fields the survivor takes from the other record when it has none itself.
FILLABLE = [
    "nib", "owner_phone", "address", "kbli", "product", "capital", "annual_turnover",
    "workers", "year_started",
]  # fmt: skip


# simple-history keeps a change's reason in 100 characters.
REASON_LENGTH = 100


@transaction.atomic
def umkm_merge(
    *,
    survivor: UMKM,
    duplicate: UMKM,
    user: User | None,
    same_owner_confirmed: bool = False,
    reason: str = "",
) -> UMKM:
    if survivor.pk == duplicate.pk:
        raise MergeError(_("A business cannot be merged with itself."))
    locked = UMKM.objects.select_for_update().in_bulk([survivor.pk, duplicate.pk])
    if len(locked) != 2:
        raise MergeError(
            _("One of the two businesses no longer exists; it may have been merged already.")
        )
    survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]
    reason = " ".join(reason.split())
    different_owners = survivor.owner_nik != duplicate.owner_nik
    if different_owners and not same_owner_confirmed:
        raise MergeError(
            _(
                "The two businesses have different owner NIKs: merge them only after "
                "confirming that they are the same owner."
            )
        )
    if different_owners and not reason:
        raise MergeError(_("Say why the two owner NIKs are the same owner."))
    problems = [
        problem
        for check in merge_checks()
        for problem in check(duplicate=duplicate, survivor=survivor)
    ]
    if problems:
        raise MergeError(" ".join(problems))
    moved = _move_related_records(survivor, duplicate)
    filled = [
        name
        for name in FILLABLE
        if _is_empty(getattr(survivor, name)) and not _is_empty(getattr(duplicate, name))
    ]
    values = {name: getattr(duplicate, name) for name in filled}
    if different_owners:
        # The reason first: the history keeps 100 characters, and it is what was decided.
        params = {"reason": reason, "id": duplicate.pk, "moved": moved, "survivor": survivor.pk}
        note = _("Same owner (%(reason)s): merged with #%(id)s, %(moved)s records moved") % params
        gone = _("Same owner (%(reason)s): merged into #%(survivor)s") % params
    else:
        note = _("Merged with #%(id)s %(name)s (%(moved)s related records moved)") % {
            "id": duplicate.pk, "name": duplicate.name, "moved": moved,
        }  # fmt: skip
        gone = _("Merged into #%(id)s %(name)s") % {"id": survivor.pk, "name": survivor.name}
    with_history(duplicate, user=user, reason=_clip(gone))
    duplicate.delete()  # its history stays, ending with this deletion and its reason
    for name, value in values.items():
        setattr(survivor, name, value)
    with_history(survivor, user=user, reason=_clip(note))
    survivor.save()  # a full save: the history row records the merge even if nothing was filled
    return survivor


def _clip(text: str) -> str:
    return text if len(text) <= REASON_LENGTH else text[: REASON_LENGTH - 1] + "…"


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
