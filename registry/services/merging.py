"""Merging two records of the same business into one.

Every record of any app that points to a business moves to the survivor: the relations
are found from the model's metadata, so an app added later needs no change here."""

from __future__ import annotations

from typing import cast

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User

from ..errors import MergeError
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
    moved = 0
    for relation in UMKM._meta.related_objects:
        # A relation to UMKM is never "self" here: UMKM has no foreign key to itself.
        model = cast(type[models.Model], relation.related_model)
        rows, field = model._default_manager, relation.field
        if relation.many_to_many:
            for obj in rows.filter(**{field.name: duplicate}):
                getattr(obj, field.name).add(survivor)
                getattr(obj, field.name).remove(duplicate)
                moved += 1
            continue
        both_have_one = (
            relation.one_to_one
            and rows.filter(**{field.name: survivor}).exists()
            and rows.filter(**{field.name: duplicate}).exists()
        )
        if both_have_one:
            raise MergeError(
                _("Both businesses have a %(record)s; only one can be kept. Resolve it first.")
                % {"record": model._meta.verbose_name}
            )
        for obj in rows.filter(**{field.name: duplicate}):
            setattr(obj, field.name, survivor)
            try:
                with transaction.atomic():
                    # A save (not a bulk update) so that models with history record the move.
                    obj.save(update_fields=[field.name])
            except IntegrityError as error:
                raise MergeError(
                    _("Both businesses have the same %(record)s (%(object)s); delete one first.")
                    % {"record": model._meta.verbose_name, "object": obj}
                ) from error
            moved += 1
    return moved
