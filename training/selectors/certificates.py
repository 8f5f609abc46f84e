"""Finding a certificate from what is printed on it, for the public verification page, and
the certificates from their real issuers that came through an enrolment."""

from __future__ import annotations

import re

from django.db.models import QuerySet

from ..models import Certificate, Enrollment, FacilitatedCertification


def certificate_by_code_or_number(typed: str) -> Certificate | None:
    """The certificate whose verification code or number this is: the code in any case,
    with or without its dashes and spaces (XXXX-XXXX-XXXX); the number in any case."""
    text = typed.strip()
    compact = re.sub(r"[\s-]", "", text).upper()
    if len(compact) == 12:
        code = f"{compact[:4]}-{compact[4:8]}-{compact[8:]}"
        found = Certificate.objects.filter(code=code).first()
        if found is not None:
            return found
    # Codes made before the look-alike-free alphabet are mixed case: exact, then any case.
    return (
        Certificate.objects.filter(code=text).first()
        or Certificate.objects.filter(code__iexact=text).first()
        or Certificate.objects.filter(number__iexact=text).first()
    )


def facilitated_certifications(enrollment: Enrollment) -> QuerySet[FacilitatedCertification]:
    """The certificates from their real issuers recorded through this enrolment, each with
    its registry entry (kind, number, issuer, dates): one query however many."""
    return (
        FacilitatedCertification.objects.filter(enrollment=enrollment)
        .select_related("certification")
        .order_by("certification__issued_on", "pk")
    )
