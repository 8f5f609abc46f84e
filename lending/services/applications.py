"""An application's path: diajukan -> disurvei -> disetujui | ditolak -> dicairkan, and
dibatalkan (withdrawn) from any open state. Every transition is an ApplicationEvent."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User
from registry.models import UMKM

from ..errors import LendingError
from ..models import Application, ApplicationEvent, Product, Survey
from ..selectors.applications import (
    application_problems,
    eligibility_problems,
    survey_refusals,
    unrecovered_write_offs,
)

State = Application.State


def _require_application_eligible(application: Application, on: date) -> None:
    _refuse(application_problems(application, on))


def _refuse(problems: list[str]) -> None:
    if problems:
        raise LendingError(" ".join(problems))


def _move(application: Application, to_state: str, *, actor: User, note: str = "") -> None:
    ApplicationEvent.objects.create(
        application=application,
        from_state=application.state,
        to_state=to_state,
        actor=actor,
        note=note,
    )
    application.state = to_state
    application.save(update_fields=["state"])


def _locked(application: Application, *allowed_states: str) -> Application:
    locked = (
        Application.objects.select_for_update()
        .select_related("umkm", "product")
        .get(pk=application.pk)
    )
    if locked.state not in allowed_states:
        raise LendingError(
            _("This application is %(state)s; that cannot be done now.")
            % {"state": locked.get_state_display()}
        )
    return locked


@transaction.atomic
def application_submit(
    *,
    umkm: UMKM,
    product: Product,
    amount: int,
    tenor_months: int,
    purpose: str,
    submitted_by: User,
    referred_by: User | None = None,
) -> Application:
    """File an application. referred_by: the mentor who referred the business (from a
    referral), who may then not survey it. An unverified business may apply; it cannot be
    approved nor disbursed until staff verify it (application_problems)."""
    # Eligibility is per owner (one open application, one running loan): lock every business
    # of the owner, in one order, so that two submissions for them are checked one at a time.
    list(UMKM.objects.select_for_update().filter(owner_nik=umkm.owner_nik).order_by("pk"))
    _refuse(
        eligibility_problems(
            umkm=umkm,
            product=product,
            amount=amount,
            tenor_months=tenor_months,
            on=timezone.localdate(),
        )
    )
    if not purpose.strip():
        raise LendingError(_("Say what the loan is for."))
    application = Application.objects.create(
        umkm=umkm,
        product=product,
        amount=amount,
        tenor_months=tenor_months,
        purpose=purpose.strip(),
        created_by=submitted_by,
        referred_by=referred_by,
    )
    ApplicationEvent.objects.create(
        application=application, to_state=State.SUBMITTED, actor=submitted_by
    )
    return application


@transaction.atomic
def application_survey(
    *, application: Application, surveyed_by: User, surveyed_on: date, **findings: object
) -> Survey:
    """A pendamping PDB's survey: business condition, use of funds, capacity to pay."""
    application = _locked(application, State.SUBMITTED)
    _refuse(survey_refusals(application, surveyed_by))
    if surveyed_on > timezone.localdate():
        raise LendingError(_("The survey date cannot be in the future."))
    filed_on = timezone.localdate(application.created_at)
    if surveyed_on < filed_on:
        raise LendingError(
            _("The survey date cannot be before the application was filed (%(date)s).")
            % {"date": date_format(filed_on)}
        )
    survey = Survey.objects.create(
        application=application, surveyed_by=surveyed_by, surveyed_on=surveyed_on, **findings
    )
    _move(application, State.SURVEYED, actor=surveyed_by, note=survey.get_recommendation_display())
    return survey


@transaction.atomic
def application_approve(
    *, application: Application, approver: User, note: str = "", reason: str = ""
) -> Application:
    """Only the Kepala UPT approves (a permission), and never an application they submitted
    or surveyed themselves. Against a "tidak layak" survey only with a written reason,
    kept on the application and shown on the loan."""
    application = _locked(application, State.SURVEYED)
    if approver.pk == application.created_by_id:
        raise LendingError(_("You submitted this application, so someone else must approve it."))
    if approver.pk == application.survey.surveyed_by_id:
        raise LendingError(_("You surveyed this application, so someone else must approve it."))
    against_survey = application.survey.recommendation == Survey.Recommendation.NOT_FEASIBLE
    if against_survey and not reason.strip():
        raise LendingError(
            _("The survey found the loan not feasible: write why you approve it nonetheless.")
        )
    _require_application_eligible(application, timezone.localdate())
    application.decided_by = approver
    application.decided_at = timezone.now()
    application.approval_reason = reason.strip() if against_survey else ""
    application.save(update_fields=["decided_by", "decided_at", "approval_reason"])
    _move(application, State.APPROVED, actor=approver, note=note)
    return application


def require_other_than_approver(application: Application, user: User) -> None:
    """Four eyes on the money: who approved a loan does not disburse it (loan_disburse)."""
    if user.pk == application.decided_by_id:
        raise LendingError(_("You approved this application, so someone else must disburse it."))


@transaction.atomic
def application_override_write_off(
    *, application: Application, by: User, reason: str
) -> Application:
    """The Kepala UPT lets an owner with a written-off loan not recovered borrow again,
    saying why: the write-off then no longer blocks approval and disbursement."""
    if not reason.strip():
        raise LendingError(_("Say why this owner may borrow despite the write-off."))
    application = _locked(application, State.SUBMITTED, State.SURVEYED, State.APPROVED)
    if application.created_by_id == by.pk:
        raise LendingError(
            _("You submitted this application, so someone else must decide on the write-off.")
        )
    if not unrecovered_write_offs(application.umkm.owner_nik).exists():
        raise LendingError(_("This owner has no written-off loan left to recover."))
    application.write_off_override_reason = reason.strip()
    application.write_off_override_by = by
    application.write_off_override_at = timezone.now()
    application.save(
        update_fields=[
            "write_off_override_reason",
            "write_off_override_by",
            "write_off_override_at",
        ]
    )
    ApplicationEvent.objects.create(
        application=application,
        from_state=application.state,
        to_state=application.state,
        actor=by,
        note=_("Allowed despite a written-off loan: %(reason)s") % {"reason": reason.strip()},
    )
    return application


@transaction.atomic
def application_reject(*, application: Application, decided_by: User, reason: str) -> Application:
    if not reason.strip():
        raise LendingError(_("A rejection needs a reason."))
    application = _locked(application, State.SUBMITTED, State.SURVEYED)
    application.decided_by = decided_by
    application.decided_at = timezone.now()
    application.save(update_fields=["decided_by", "decided_at"])
    _move(application, State.REJECTED, actor=decided_by, note=reason.strip())
    return application


@transaction.atomic
def application_withdraw(*, application: Application, withdrawn_by: User, note: str) -> Application:
    """The applicant no longer wants the loan (or it was entered by mistake)."""
    if not note.strip():
        raise LendingError(_("Say why the application is withdrawn."))
    application = _locked(application, *Application.OPEN_STATES)
    _move(application, State.WITHDRAWN, actor=withdrawn_by, note=note.strip())
    return application
