"""A pendamping PDB's loan work: the applications to survey and the loans in arrears of
their own areas. The loans are lending's; which of them a mentor may see is mentoring's."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from cilegon_umkm.accounts.models import User
from lending.models import Application, Loan
from lending.selectors import loans_for_list, loans_in_arrears

from .areas import in_areas, user_areas


def surveys_waiting(user: User | AnonymousUser) -> QuerySet[Application]:
    """Applications of the mentor's areas waiting for a survey, oldest first."""
    areas = user_areas(user)
    return (
        Application.objects.filter(in_areas(areas, via="umkm__"), state=Application.State.SUBMITTED)
        .select_related("umkm__kelurahan__kecamatan", "product")
        .order_by("created_at", "pk")
    )


def arrears_of_areas(user: User | AnonymousUser) -> QuerySet[Loan]:
    """Running loans of the mentor's areas that are late today, most overdue first (lending's
    rule of arrears)."""
    loans = loans_for_list().filter(in_areas(user_areas(user), via="umkm__"))
    return loans_in_arrears(loans, timezone.localdate())
