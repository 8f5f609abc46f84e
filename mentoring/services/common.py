"""What the mentoring services share: the area check, and create_once's check that a row
made with a field form's id (client_id, made on the phone when the form opens) is the
mentor's own, so that a copied id never hands one mentor another's record."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models
from django.utils.translation import gettext as _

from registry.models import UMKM

from ..errors import MentoringError
from ..models import Mentor
from ..selectors import current_kelurahan_ids


def require_area(mentor: Mentor, umkm: UMKM) -> None:
    if umkm.kelurahan_id not in current_kelurahan_ids(mentor):
        raise MentoringError(_("This business is not in your areas."))


def owned_by(mentor: Mentor, *, field: str) -> Callable[[models.Model], None]:
    """create_once's check_owner: a row already made with this client id must be this
    mentor's (`field` names the row's mentor)."""

    def check(row: models.Model) -> None:
        if getattr(row, f"{field}_id") != mentor.pk:
            # A made-up or copied id: never hand one mentor another's record.
            raise MentoringError(_("This form was already sent by someone else. Open it again."))

    return check
