"""Registering and correcting single businesses, for every app: a mentor's registration in
the field, a mentor's corrections, the office's acceptance of them and its verification.

Each write is validated with the registry's own rules (the model's validators and
constraints, the same as the admin's), kept in the history with who made it and why, and
counted in the tally by the UMKM table's triggers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from cilegon_umkm.accounts.models import User

from ..models import UMKM
from .common import validated, with_history

# What registration and correction may set. The rest is the database's (id, generated
# columns), the registry's own bookkeeping (name_key, timestamps), or passed explicitly
# (source, verified).
CORRECTABLE_FIELDS = frozenset(
    {
        "name", "owner_name", "owner_nik", "owner_sex", "owner_phone", "nib", "address",
        "kelurahan", "kbli", "sector", "product", "capital", "annual_turnover", "workers",
        "year_started", "status", "is_entrepreneur", "verified",
    }
)  # fmt: skip


def _check_fields(names: Iterable[str]) -> None:
    unknown = set(names) - CORRECTABLE_FIELDS
    if unknown:
        # A programming error, not a user's: the caller passed a field the registry keeps.
        raise TypeError(f"Not a field the registry lets other code set: {sorted(unknown)}")


@transaction.atomic
def umkm_register(
    *, values: Mapping[str, Any], source: str, verified: bool, user: User, reason: str
) -> UMKM:
    """A new business in the registry, validated as the admin validates it. A business a
    mentor met in the field comes with source "lapangan" and verified=False: it can be
    visited and referred at once and waits for office staff to check it."""
    _check_fields(values)
    umkm = UMKM(**values, source=source, verified=verified)
    validated(umkm)
    with_history(umkm, user=user, reason=reason)
    umkm.save()
    return umkm


@transaction.atomic
def umkm_correct(
    *, umkm: UMKM, changes: Mapping[str, Any], user: User, reason: str
) -> tuple[UMKM, list[str]]:
    """Apply `changes` ({field: new value}) to a business: a mentor's corrections of contact
    details and status, the identity changes office staff accepted, a verification.

    The row stays locked until the caller's transaction ends. Values equal to the current
    ones are left out; when nothing differs nothing is written. Returns the business as it
    now is and the names of the fields that changed."""
    _check_fields(changes)
    umkm = UMKM.objects.select_for_update().get(pk=umkm.pk)
    changed = [name for name, value in changes.items() if value != getattr(umkm, name)]
    if not changed:
        return umkm, []
    for name in changed:
        setattr(umkm, name, changes[name])
    written = [*changed, "updated_at"]
    if "sector" in changed and umkm.sector_word:
        umkm.sector_word = ""  # a person set the sector: it is no longer an import's guess
        written.append("sector_word")
    validated(umkm)
    with_history(umkm, user=user, reason=reason)
    umkm.save(update_fields=written)
    return umkm, changed
