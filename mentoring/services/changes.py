"""A mentor keeps the registry current from the field: a business not yet in it is
registered at once but unverified; contact details and status apply at once with history;
who a business is (name, NIK, NIB) changes only when office staff accept it."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from registry.models import UMKM, Source

from ..models import DIRECT_FIELDS, IDENTITY_FIELDS, FieldChange, Mentor
from ..selectors import current_kelurahan_ids
from .common import MentoringError, existing, require_area, save_once


def _validated(umkm: UMKM) -> None:
    try:
        umkm.full_clean()
    except ValidationError as error:
        raise MentoringError(" ".join(error.messages)) from error


@transaction.atomic
def field_register(*, mentor: Mentor, client_id: uuid.UUID, **data) -> tuple[FieldChange, bool]:
    """Register a business met in the field (source "lapangan", unverified): it is in the
    registry now, so it can be visited and referred, and waits for staff to check it."""
    found = existing(FieldChange, client_id, "submitted_by", mentor)
    if found is not None:
        return found, False
    if data.get("kelurahan") is None or data["kelurahan"].pk not in current_kelurahan_ids(mentor):
        raise MentoringError(_("This business is not in your areas."))
    umkm = UMKM(**data, source=Source.FIELD, verified=False)
    _validated(umkm)
    umkm.save()
    update_change_reason(umkm, _("Registered in the field"))
    change = FieldChange(
        umkm=umkm,
        kind=FieldChange.Kind.REGISTRATION,
        changes={name: [None, _plain(getattr(umkm, name))] for name in data},
        submitted_by=mentor,
        client_id=client_id,
    )
    return save_once(change, FieldChange, client_id)


@transaction.atomic
def field_correct(
    *, mentor: Mentor, umkm: UMKM, client_id: uuid.UUID, **proposed
) -> tuple[FieldChange | None, bool]:
    """Apply contact and status changes now; send identity changes for review. Returns the
    review item (None when nothing needs one) and whether anything new was done."""
    found = existing(FieldChange, client_id, "submitted_by", mentor)
    if found is not None:
        return found, False
    require_area(mentor, umkm)
    umkm = UMKM.objects.select_for_update().get(pk=umkm.pk)
    direct = {
        name: value
        for name, value in proposed.items()
        if name in DIRECT_FIELDS and value != getattr(umkm, name)
    }
    identity = {
        name: [_plain(getattr(umkm, name)), _plain(value)]
        for name, value in proposed.items()
        if name in IDENTITY_FIELDS and (value or None) != (getattr(umkm, name) or None)
    }
    if direct:
        for name, value in direct.items():
            setattr(umkm, name, value)
        _validated(umkm)
        umkm.save(update_fields=[*direct, "updated_at"])
        update_change_reason(umkm, _("Corrected in the field"))
    if not identity:
        return None, bool(direct)
    if FieldChange.objects.filter(umkm=umkm, state=FieldChange.State.PENDING).exists():
        raise MentoringError(_("A correction of this business is already waiting for review."))
    change = FieldChange(
        umkm=umkm,
        kind=FieldChange.Kind.CORRECTION,
        changes=identity,
        submitted_by=mentor,
        client_id=client_id,
    )
    return save_once(change, FieldChange, client_id)


def _plain(value):
    return None if value in ("", None) else str(value)


def _locked_pending(change: FieldChange) -> FieldChange:
    change = FieldChange.objects.select_for_update().select_related("umkm").get(pk=change.pk)
    if change.state != FieldChange.State.PENDING:
        raise MentoringError(_("This change was already reviewed."))
    return change


@transaction.atomic
def field_change_accept(*, change: FieldChange, user, note: str = "") -> FieldChange:
    change = _locked_pending(change)
    umkm = UMKM.objects.select_for_update().get(pk=change.umkm_id)
    if change.kind == FieldChange.Kind.REGISTRATION:
        umkm.verified = True
        umkm.save(update_fields=["verified", "updated_at"])
        update_change_reason(umkm, _("Verified by staff"))
    else:
        for name, (_old, new) in change.changes.items():
            setattr(umkm, name, new)
        _validated(umkm)
        umkm.save(update_fields=[*change.changes, "updated_at"])
        update_change_reason(umkm, _("Field correction accepted"))
    return _close(change, FieldChange.State.ACCEPTED, user, note)


@transaction.atomic
def field_change_reject(*, change: FieldChange, user, note: str) -> FieldChange:
    """Nothing proposed is applied. A rejected registration stays in the registry,
    unverified, so staff can merge it into the real record instead of losing the visits."""
    if not note.strip():
        raise MentoringError(_("Say why the change is rejected."))
    return _close(_locked_pending(change), FieldChange.State.REJECTED, user, note)


def _close(change: FieldChange, state: str, user, note: str) -> FieldChange:
    change.state, change.reviewed_by, change.reviewed_at = state, user, timezone.now()
    change.review_note = note.strip()
    change.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note"])
    return change
