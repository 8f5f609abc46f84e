"""What the mentoring services share: the domain error, the area check and the handling
of the id a phone gives each field form, so that a resent form returns what the first made."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from registry.models import UMKM

from ..models import Mentor
from ..selectors import current_kelurahan_ids


class MentoringError(Exception):
    """A refused mentoring action; the message is for the user."""


def require_area(mentor: Mentor, umkm: UMKM) -> None:
    if umkm.kelurahan_id not in current_kelurahan_ids(mentor):
        raise MentoringError(_("This business is not in your areas."))


def existing(model, client_id: uuid.UUID, mentor_field: str, mentor: Mentor):
    found = model.objects.filter(client_id=client_id).first()
    if found is not None and getattr(found, f"{mentor_field}_id") != mentor.pk:
        # A made-up or copied id: never hand one mentor another's record.
        raise MentoringError(_("This form was already sent by someone else. Open it again."))
    return found


def save_once(obj, model, client_id):
    """Insert; when another request with the same client_id won the race, return its row."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        winner = model.objects.filter(client_id=client_id).first()
        if winner is None:
            raise
        return winner, False
    return obj, True
