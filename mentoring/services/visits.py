from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.kernel.idempotency import create_once
from registry.models import UMKM

from ..errors import MentoringError
from ..models import Mentor, Need, Visit
from .common import owned_by, require_area


@transaction.atomic
def visit_record(
    *,
    mentor: Mentor,
    umkm: UMKM,
    client_id: uuid.UUID,
    visited_on: date,
    purpose: str,
    findings: str = "",
    needs: list[str] | None = None,
    follow_up: str = "",
    follow_up_on: date | None = None,
    photo: File | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
) -> tuple[Visit, bool]:
    """Record a visit; returns (visit, created). The same client_id returns the first."""

    def create() -> Visit:
        require_area(mentor, umkm)
        if visited_on > timezone.localdate():
            raise MentoringError(_("The visit date cannot be in the future."))
        if follow_up_on and follow_up_on < visited_on:
            raise MentoringError(_("The follow-up date cannot be before the visit."))
        unknown = set(needs or []) - set(Need.values)
        if unknown:
            raise MentoringError(
                _("Unknown need: %(needs)s.") % {"needs": ", ".join(sorted(unknown))}
            )
        visit = Visit(
            umkm=umkm,
            mentor=mentor,
            client_id=client_id,
            visited_on=visited_on,
            purpose=purpose,
            findings=findings.strip(),
            needs=sorted(set(needs or []), key=Need.values.index),
            follow_up=follow_up.strip(),
            follow_up_on=follow_up_on,
            latitude=latitude,
            longitude=longitude,
        )
        if photo:
            visit.photo = photo
        visit.save()
        return visit

    return create_once(
        Visit,
        field="client_id",
        token=client_id,
        create=create,
        check_owner=owned_by(mentor, field="mentor"),
    )
