"""A pendamping PDB's loan work: the applications to survey and the loans in arrears of
their own areas. The loans are lending's; which of them a mentor may see is mentoring's."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from cilegon_umkm.accounts.models import User
from cilegon_umkm.accounts.roles import Section
from lending.models import Application, Loan
from lending.selectors import loans_in_arrears, surveyable_by
from lending.selectors.collection import loans_of_kelurahan

from ..models import Mentor, MentorKind, Referral
from .areas import in_areas, mentor_of, user_areas

# Who may read the portfolio may read every mentor's collection sheet.
VIEW_PORTFOLIO = "lending.view_portfolio"


def surveys_waiting(user: User | AnonymousUser) -> QuerySet[Application]:
    """Applications of the mentor's areas waiting for a survey, oldest first; not those
    they filed or whose business they referred (four eyes: lending's survey_refusals, and
    any loan referral of theirs for the business). The survey page finds its application
    here, so what is left out cannot be surveyed either."""
    areas = user_areas(user)
    waiting = Application.objects.filter(
        in_areas(areas, via="umkm__"), state=Application.State.SUBMITTED
    )
    if isinstance(user, User):
        # Four eyes, whichever way the application was filed: not a business this mentor
        # referred for a loan (an application filed at the desk carries no referral).
        referred = Referral.objects.filter(referred_by__user=user, kind=Referral.Kind.LOAN).values(
            "umkm_id"
        )
        waiting = surveyable_by(waiting, user).exclude(umkm_id__in=referred)
    return waiting.select_related("umkm__kelurahan__kecamatan", "product").order_by(
        "created_at", "pk"
    )


def arrears_of_areas(user: User | AnonymousUser) -> QuerySet[Loan]:
    """Running loans made in the mentor's areas that are late today, most overdue first
    (lending's rule of arrears). A loan belongs to the kelurahan where it was made
    (Loan.kelurahan): when its business moves, the mentor who had it keeps collecting it."""
    loans = loans_of_kelurahan(user_areas(user)).select_related("kelurahan__kecamatan")
    return loans_in_arrears(loans, timezone.localdate())


def collection_mentors() -> QuerySet[Mentor]:
    """The pendamping PDB who collect, for the office to choose a mentor's sheet."""
    return Mentor.objects.filter(active=True, kind=MentorKind.PDB).select_related("user")


def get_mentor_for_sheet(user: User | AnonymousUser, pk: int) -> Mentor:
    """The mentor whose collection sheet `user` asks for, or 404. The office (who reads the
    portfolio) may open any mentor's; a pendamping PDB only their own: another mentor's
    sheet does not exist for them, as another area's business does not."""
    if user.has_perm(Section.LENDING.permission) and user.has_perm(VIEW_PORTFOLIO):
        mentor = Mentor.objects.select_related("user").filter(pk=pk).first()
    else:
        own = mentor_of(user)
        mentor = own if own is not None and own.pk == pk and own.kind == MentorKind.PDB else None
    if mentor is None:
        raise Http404
    return mentor
