"""Writes of the mentoring app: visits and referrals. Every field submission carries an id
made on the phone (client_id), so a resent form or a retried request is recognised and
returns what the first one made, instead of making it twice."""

from __future__ import annotations

import uuid
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lending.models import Product
from lending.services import application_submit
from registry.models import UMKM

from .models import Mentor, Need, Referral, Visit
from .selectors import current_kelurahan_ids


class MentoringError(Exception):
    """A refused mentoring action; the message is for the user."""


def _require_area(mentor: Mentor, umkm: UMKM) -> None:
    if umkm.kelurahan_id not in current_kelurahan_ids(mentor):
        raise MentoringError(_("This business is not in your areas."))


def _existing(model, client_id: uuid.UUID, mentor_field: str, mentor: Mentor):
    found = model.objects.filter(client_id=client_id).first()
    if found is not None and getattr(found, f"{mentor_field}_id") != mentor.pk:
        # A made-up or copied id: never hand one mentor another's record.
        raise MentoringError(_("This form was already sent by someone else. Open it again."))
    return found


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
    photo=None,
    latitude=None,
    longitude=None,
) -> tuple[Visit, bool]:
    """Record a visit; returns (visit, created). The same client_id returns the first."""
    existing = _existing(Visit, client_id, "mentor", mentor)
    if existing is not None:
        return existing, False
    _require_area(mentor, umkm)
    if visited_on > timezone.localdate():
        raise MentoringError(_("The visit date cannot be in the future."))
    if follow_up_on and follow_up_on < visited_on:
        raise MentoringError(_("The follow-up date cannot be before the visit."))
    unknown = set(needs or []) - set(Need.values)
    if unknown:
        raise MentoringError(_("Unknown need: %(needs)s.") % {"needs": ", ".join(sorted(unknown))})
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
    return _save_once(visit, Visit, client_id)


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
    """Refer a business of the mentor's areas to UPT PDB or to training."""
    existing = _existing(Referral, client_id, "referred_by", mentor)
    if existing is not None:
        return existing, False
    _require_area(mentor, umkm)
    if not need.strip():
        raise MentoringError(_("Say what the business needs."))
    if kind == Referral.Kind.TRAINING and not training_topic.strip():
        raise MentoringError(_("Say which certification or skill the training is for."))
    open_one = Referral.objects.filter(umkm=umkm, kind=kind, state=Referral.State.SENT).first()
    if open_one is not None:
        raise MentoringError(
            _("This business already has an open referral of this kind (%(date)s).")
            % {"date": timezone.localtime(open_one.created_at).strftime("%d-%m-%Y")}
        )
    referral = Referral(
        umkm=umkm,
        referred_by=mentor,
        client_id=client_id,
        kind=kind,
        need=need.strip(),
        amount_wished=amount_wished if kind == Referral.Kind.LOAN else None,
        training_topic=training_topic.strip() if kind == Referral.Kind.TRAINING else "",
        visit=visit,
    )
    return _save_once(referral, Referral, client_id)


def _save_once(obj, model, client_id):
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


def _locked_open(referral: Referral) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.state != Referral.State.SENT:
        raise MentoringError(_("This referral was already handled."))
    return referral


@transaction.atomic
def referral_accept_loan(
    *, referral: Referral, user, product: Product, amount: int, tenor_months: int, purpose: str
):
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
    )
    referral.state = Referral.State.ACCEPTED
    referral.application = application
    referral.decided_by, referral.decided_at = user, timezone.now()
    referral.save(update_fields=["state", "application", "decided_by", "decided_at"])
    return application


@transaction.atomic
def referral_accept_training(*, referral: Referral, user) -> Referral:
    """Take up a training referral: the business becomes a candidate for enrolment."""
    referral = _locked_open(referral)
    if referral.kind != Referral.Kind.TRAINING:
        raise MentoringError(_("A loan referral is taken up by making the application."))
    referral.state = Referral.State.ACCEPTED
    referral.decided_by, referral.decided_at = user, timezone.now()
    referral.save(update_fields=["state", "decided_by", "decided_at"])
    return referral


@transaction.atomic
def referral_decline(*, referral: Referral, user, reason: str) -> Referral:
    if not reason.strip():
        raise MentoringError(_("Say why the referral is declined."))
    referral = _locked_open(referral)
    referral.state = Referral.State.DECLINED
    referral.decline_reason = reason.strip()
    referral.decided_by, referral.decided_at = user, timezone.now()
    referral.save(update_fields=["state", "decline_reason", "decided_by", "decided_at"])
    return referral
