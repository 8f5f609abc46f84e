"""A mentor keeps the registry current from the field: a business not yet in it is
registered at once but unverified; contact details and status apply at once with history;
who a business is (name, NIK, NIB) changes only when office staff accept it."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User
from cilegon_umkm.kernel.idempotency import create_once, find_by_token
from registry.errors import RegistryError
from registry.models import UMKM, Source
from registry.services import umkm_correct, umkm_register

from ..errors import MentoringError
from ..models import DIRECT_FIELDS, IDENTITY_FIELDS, FieldChange, Mentor
from ..selectors import current_kelurahan_ids
from .common import owned_by, require_area


@transaction.atomic
def field_register(
    *, mentor: Mentor, client_id: uuid.UUID, **data: Any
) -> tuple[FieldChange, bool]:
    """Register a business met in the field (source "lapangan", unverified): it is in the
    registry now, so it can be visited and referred, and waits for staff to check it."""

    def register() -> FieldChange:
        kelurahan = data.get("kelurahan")
        if kelurahan is None or kelurahan.pk not in current_kelurahan_ids(mentor):
            raise MentoringError(_("This business is not in your areas."))
        try:
            umkm = umkm_register(
                values=data,
                source=Source.FIELD,
                verified=False,
                user=mentor.user,
                reason=_("Registered in the field"),
            )
        except RegistryError as error:
            raise MentoringError(str(error)) from error
        return FieldChange.objects.create(
            umkm=umkm,
            kind=FieldChange.Kind.REGISTRATION,
            changes={name: [None, _plain(getattr(umkm, name))] for name in data},
            submitted_by=mentor,
            client_id=client_id,
        )

    # The business and its review item are one: a resent form that lost the race to its
    # first sending rolls back the business it registered too.
    return create_once(
        FieldChange,
        field="client_id",
        token=client_id,
        create=register,
        check_owner=owned_by(mentor, field="submitted_by"),
    )


@transaction.atomic
def field_correct(
    *, mentor: Mentor, umkm: UMKM, client_id: uuid.UUID, **proposed: Any
) -> tuple[FieldChange | None, bool]:
    """Apply contact and status changes now; send identity changes for review. Returns the
    review item (None when nothing needs one) and whether anything new was done."""
    found = find_by_token(FieldChange, "client_id", client_id)
    if found is not None:  # a resent form: nothing is applied twice
        owned_by(mentor, field="submitted_by")(found)
        return found, False
    require_area(mentor, umkm)
    # The registry locks the business until this transaction ends: the identity fields
    # below are compared with the business as it is, not as another request changes it.
    umkm, direct = _corrected(
        umkm=umkm,
        changes={name: value for name, value in proposed.items() if name in DIRECT_FIELDS},
        user=mentor.user,
        reason=_("Corrected in the field"),
    )
    identity = {
        name: [_plain(getattr(umkm, name)), _plain(value)]
        for name, value in proposed.items()
        if name in IDENTITY_FIELDS and (value or None) != (getattr(umkm, name) or None)
    }
    if not identity:
        return None, bool(direct)
    if FieldChange.objects.filter(umkm=umkm, state=FieldChange.State.PENDING).exists():
        raise MentoringError(_("A correction of this business is already waiting for review."))
    return create_once(
        FieldChange,
        field="client_id",
        token=client_id,
        create=lambda: FieldChange.objects.create(
            umkm=umkm,
            kind=FieldChange.Kind.CORRECTION,
            changes=identity,
            submitted_by=mentor,
            client_id=client_id,
        ),
        check_owner=owned_by(mentor, field="submitted_by"),
    )


def _corrected(
    *, umkm: UMKM, changes: dict[str, Any], user: User, reason: str
) -> tuple[UMKM, list[str]]:
    """The registry's correction, its refusal in mentoring's terms."""
    try:
        return umkm_correct(umkm=umkm, changes=changes, user=user, reason=reason)
    except RegistryError as error:
        raise MentoringError(str(error)) from error


def _plain(value: object) -> str | None:
    return None if value in ("", None) else str(value)


def _locked_pending(change: FieldChange) -> FieldChange:
    change = FieldChange.objects.select_for_update().select_related("umkm").get(pk=change.pk)
    if change.state != FieldChange.State.PENDING:
        raise MentoringError(_("This change was already reviewed."))
    return change


@transaction.atomic
def field_change_accept(*, change: FieldChange, user: User, note: str = "") -> FieldChange:
    change = _locked_pending(change)
    if change.kind == FieldChange.Kind.REGISTRATION:
        changes, reason = {"verified": True}, _("Verified by staff")
    else:
        changes = {name: new for name, (_old, new) in change.changes.items()}
        reason = _("Field correction accepted")
    _corrected(umkm=change.umkm, changes=changes, user=user, reason=reason)
    return _close(change, FieldChange.State.ACCEPTED, user, note)


@transaction.atomic
def field_change_reject(*, change: FieldChange, user: User, note: str) -> FieldChange:
    """Nothing proposed is applied. A rejected registration stays in the registry,
    unverified, so staff can merge it into the real record instead of losing the visits."""
    if not note.strip():
        raise MentoringError(_("Say why the change is rejected."))
    return _close(_locked_pending(change), FieldChange.State.REJECTED, user, note)


def _close(change: FieldChange, state: str, user: User, note: str) -> FieldChange:
    change.state, change.reviewed_by, change.reviewed_at = state, user, timezone.now()
    change.review_note = note.strip()
    change.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note"])
    return change
