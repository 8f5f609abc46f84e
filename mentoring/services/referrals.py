from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User
from cilegon_umkm.kernel.idempotency import create_once
from lending.models import Application, Product
from lending.services import application_submit
from registry.models import UMKM
from training.errors import TrainingError
from training.models import Cohort
from training.services import enrollment_create

from ..errors import MentoringError
from ..models import Mentor, Referral, Visit
from .common import owned_by, require_area


@transaction.atomic
def referral_make(
    *,
    mentor: Mentor,
    umkm: UMKM,
    client_id: uuid.UUID,
    kind: str,
    need: str,
    amount_wished: int | None = None,
    training_topic: str = "",
    visit: Visit | None = None,
) -> tuple[Referral, bool]:
    """Refer a business of the mentor's areas to UPT PDB or to training; returns
    (referral, created). The same client_id returns the first."""

    def create() -> Referral:
        require_area(mentor, umkm)
        if not need.strip():
            raise MentoringError(_("Say what the business needs."))
        if kind == Referral.Kind.TRAINING and not training_topic.strip():
            raise MentoringError(_("Say which certification or skill the training is for."))
        open_one = Referral.objects.filter(umkm=umkm, kind=kind, state=Referral.State.SENT).first()
        if open_one is not None:
            raise MentoringError(
                _("This business already has an open referral of this kind (%(date)s).")
                % {"date": date_format(timezone.localdate(open_one.created_at))}
            )
        return Referral.objects.create(
            umkm=umkm,
            referred_by=mentor,
            client_id=client_id,
            kind=kind,
            need=need.strip(),
            amount_wished=amount_wished if kind == Referral.Kind.LOAN else None,
            training_topic=training_topic.strip() if kind == Referral.Kind.TRAINING else "",
            visit=visit,
        )

    return create_once(
        Referral,
        field="client_id",
        token=client_id,
        create=create,
        check_owner=owned_by(mentor, field="referred_by"),
    )


def _locked_open(referral: Referral) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.state != Referral.State.SENT:
        raise MentoringError(_("This referral was already handled."))
    return referral


@transaction.atomic
def referral_accept_loan(
    *,
    referral: Referral,
    user: User,
    product: Product,
    amount: int,
    tenor_months: int,
    purpose: str,
) -> Application:
    """Take up a loan referral: the loan application is made from it, in one step."""
    referral = _locked_open(referral)
    if referral.kind != Referral.Kind.LOAN:
        raise MentoringError(_("Only a loan referral becomes a loan application."))
    application = application_submit(
        umkm=referral.umkm,
        product=product,
        amount=amount,
        tenor_months=tenor_months,
        purpose=purpose,
        submitted_by=user,
        # Four eyes: the mentor who referred the business may not survey its application.
        referred_by=referral.referred_by.user,
    )
    referral.state = Referral.State.ACCEPTED
    referral.application = application
    referral.decided_by, referral.decided_at = user, timezone.now()
    referral.save(update_fields=["state", "application", "decided_by", "decided_at"])
    return application


@transaction.atomic
def referral_accept_training(*, referral: Referral, user: User, cohort: Cohort) -> Referral:
    """Take up a training referral by enrolling the business in a cohort (or on its waiting
    list), with the training rules: a refusal comes back with its reason."""
    referral = _locked_open(referral)
    if referral.kind != Referral.Kind.TRAINING:
        raise MentoringError(_("A loan referral is taken up by making the application."))
    try:
        enrollment_create(cohort=cohort, umkm=referral.umkm, user=user)
    except TrainingError as error:
        raise MentoringError(str(error)) from error
    referral.state = Referral.State.ACCEPTED
    referral.decided_by, referral.decided_at = user, timezone.now()
    referral.save(update_fields=["state", "decided_by", "decided_at"])
    return referral


@transaction.atomic
def referral_decline(*, referral: Referral, user: User, reason: str) -> Referral:
    if not reason.strip():
        raise MentoringError(_("Say why the referral is declined."))
    referral = _locked_open(referral)
    referral.state = Referral.State.DECLINED
    referral.decline_reason = reason.strip()
    referral.decided_by, referral.decided_at = user, timezone.now()
    referral.save(update_fields=["state", "decline_reason", "decided_by", "decided_at"])
    return referral
