"""Enrolment, for a business that may join (selectors.enrollment says which may). The quota
holds when two staff enrol at the same moment (the cohort's row is locked); beyond it, a
waiting list in order, whose first is moved up when someone withdraws."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User
from registry.models import UMKM

from ..errors import TrainingError
from ..models import Cohort, Enrollment
from ..selectors.enrollment import enrollment_problems

State = Enrollment.State


@transaction.atomic
def enrollment_create(
    *, cohort: Cohort, umkm: UMKM, user: User, override_reason: str = ""
) -> Enrollment:
    """Enrol; with a reason, staff may enrol an owner who already holds the track's
    certificate (the reason is kept on the enrolment and in its history)."""
    cohort = Cohort.objects.select_for_update().select_related("track").get(pk=cohort.pk)
    override_reason = override_reason.strip()
    problems = enrollment_problems(cohort=cohort, umkm=umkm)
    if problems and override_reason:
        problems = enrollment_problems(cohort=cohort, umkm=umkm, override=True)
    else:
        override_reason = ""  # kept only where it set a rule aside
    if problems:
        raise TrainingError(" ".join(problems))
    taken = cohort.enrollments.filter(state=State.ENROLLED).count()
    state = State.ENROLLED if taken < cohort.quota else State.WAITING
    withdrawn = Enrollment.objects.filter(cohort=cohort, umkm=umkm, state=State.WITHDRAWN).first()
    if withdrawn is not None:  # coming back: a new place at the end of the line
        withdrawn.state, withdrawn.created_at, withdrawn.enrolled_by = state, timezone.now(), user
        withdrawn.override_reason = override_reason
        withdrawn.save(update_fields=["state", "created_at", "enrolled_by", "override_reason"])
        return withdrawn
    return Enrollment.objects.create(
        cohort=cohort, umkm=umkm, state=state, enrolled_by=user, override_reason=override_reason
    )


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment) -> Enrollment | None:
    """Withdraw; returns the enrolment moved up from the waiting list, if any. Not once the
    cohort has ended: whoever was in it stays in its figures, and nobody moves up into a
    training that is over."""
    cohort = Cohort.objects.select_for_update().get(pk=enrollment.cohort_id)
    if cohort.ends_on < timezone.localdate():
        raise TrainingError(
            _("The cohort ended on %(date)s: its participants can no longer withdraw.")
            % {"date": date_format(cohort.ends_on)}
        )
    enrollment = Enrollment.objects.get(pk=enrollment.pk)
    was_enrolled = enrollment.state == State.ENROLLED
    enrollment.state = State.WITHDRAWN
    enrollment.save(update_fields=["state"])
    if not was_enrolled:
        return None
    first = cohort.enrollments.filter(state=State.WAITING).order_by("created_at", "id").first()
    if first is not None:
        first.state = State.ENROLLED
        first.save(update_fields=["state"])
    return first
