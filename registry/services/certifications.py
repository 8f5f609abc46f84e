"""A business's certifications, as other apps add and end them: training enters the
certificate it issues, and ends it when the certificate is revoked. Kept in the history
with who and why, like every change of the registry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from cilegon_umkm.accounts.models import User

from ..errors import RegistryError
from ..models import UMKM, Certification
from .common import validated, with_history


@transaction.atomic
def certification_add(
    *,
    umkm: UMKM,
    kind: str,
    number: str,
    issuer: str = "",
    issued_on: date | None = None,
    expires_on: date | None = None,
    user: User,
    reason: str,
) -> Certification:
    """A certification the business now holds (training's certificate when it is issued),
    validated as the admin validates it."""
    certification = Certification(
        umkm=umkm,
        kind=kind,
        number=number,
        issuer=issuer,
        issued_on=issued_on,
        expires_on=expires_on,
    )
    validated(certification)
    with_history(certification, user=user, reason=reason)
    certification.save()
    return certification


@dataclass(frozen=True)
class NewCertification:
    """One certification for certification_add_many (by the business's id)."""

    umkm_id: int
    kind: str
    number: str
    issuer: str = ""
    issued_on: date | None = None
    expires_on: date | None = None


@transaction.atomic
def certification_add_many(
    *, certifications: Iterable[NewCertification], user: User | None, reason: str
) -> list[Certification]:
    """Many certifications at once (the demo data), with their history rows, in a few
    statements. Fields are checked one by one here; uniqueness, by the database."""
    rows = [Certification(**asdict(entry)) for entry in certifications]
    if not rows:
        return []
    for row in rows:
        _check_fields(row)
    try:
        with transaction.atomic():
            return bulk_create_with_history(
                rows,
                Certification,
                batch_size=2000,
                default_user=user,
                default_change_reason=reason,
            )
    except IntegrityError as error:
        raise RegistryError(_("This business already has this certificate.")) from error


def _check_fields(row: Certification) -> None:
    # Per field, without the queries full_clean() makes for the business and the
    # constraints; the one constraint between fields is checked here as the database does.
    try:
        row.clean_fields(exclude=["umkm"])
    except ValidationError as error:
        raise RegistryError(" ".join(error.messages)) from error
    if row.issued_on and row.expires_on and row.expires_on < row.issued_on:
        raise RegistryError(_("A certificate cannot expire before it is issued."))


@transaction.atomic
def certification_revoke(
    *, certification: Certification, on: date, user: User | None, reason: str
) -> Certification:
    """The certification ends that day (it is kept, so its history stays readable); one that
    already ended earlier keeps its end."""
    certification = Certification.objects.select_for_update().get(pk=certification.pk)
    if certification.expires_on is not None and certification.expires_on <= on:
        return certification
    certification.expires_on = on
    validated(certification)
    with_history(certification, user=user, reason=reason)
    certification.save(update_fields=["expires_on", "updated_at"])
    return certification
