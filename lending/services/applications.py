"""An application's path: diajukan -> disurvei -> disetujui | ditolak -> dicairkan, and
dibatalkan (withdrawn) from any open state. Every transition is an ApplicationEvent."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.kernel.formatting import format_rupiah
from registry.models import UMKM
from registry.models import Status as BusinessStatus
from registry.validators import mask_nik

from ..models import Application, ApplicationEvent, Loan, Product, Survey
from .errors import LendingError

State = Application.State


def eligibility_problems(
    *, umkm: UMKM, product: Product, amount: int, tenor_months: int, on: date, application=None
) -> list[str]:
    """Why this business may not borrow this (empty when it may). Checked at submission,
    approval and disbursement, since things change in between."""
    problems = []
    if umkm.status != BusinessStatus.ACTIVE:
        problems.append(
            _("The business is not active in the registry (status: %(status)s).")
            % {"status": umkm.get_status_display()}
        )
    if not product.is_active_on(on):
        problems.append(
            _("The product %(product)s is not offered on this date.") % {"product": product}
        )
    if not product.min_amount <= amount <= product.max_amount:
        problems.append(
            _("The amount must be between %(min)s and %(max)s for %(product)s.")
            % {
                "min": format_rupiah(product.min_amount),
                "max": format_rupiah(product.max_amount),
                "product": product,
            }
        )
    if tenor_months not in product.tenors:
        problems.append(
            _("A tenor of %(months)s months is not offered; choose one of: %(tenors)s.")
            % {"months": tenor_months, "tenors": ", ".join(str(t) for t in product.tenors)}
        )
    active = Loan.objects.filter(umkm__owner_nik=umkm.owner_nik, status=Loan.Status.ACTIVE).first()
    if active is not None:
        problems.append(
            _("The owner (NIK %(nik)s) still has an active loan, %(loan)s.")
            % {"nik": mask_nik(umkm.owner_nik), "loan": active.number}
        )
    pending = Application.objects.filter(
        umkm__owner_nik=umkm.owner_nik, state__in=Application.OPEN_STATES
    )
    if application is not None:
        pending = pending.exclude(pk=application.pk)
    if (other := pending.first()) is not None:
        problems.append(
            _("The owner already has an application in progress, %(number)s.")
            % {"number": other.number}
        )
    return problems


def application_problems(application: Application, on: date) -> list[str]:
    """eligibility_problems for an application already made (not counting itself)."""
    return eligibility_problems(
        umkm=application.umkm,
        product=application.product,
        amount=application.amount,
        tenor_months=application.tenor_months,
        on=on,
        application=application,
    )


def _require_eligible(**kwargs) -> None:
    _refuse(eligibility_problems(**kwargs))


def _require_application_eligible(application: Application, on: date) -> None:
    _refuse(application_problems(application, on))


def _refuse(problems: list[str]) -> None:
    if problems:
        raise LendingError(" ".join(problems))


def _move(application: Application, to_state: str, *, actor, note: str = "") -> None:
    ApplicationEvent.objects.create(
        application=application,
        from_state=application.state,
        to_state=to_state,
        actor=actor,
        note=note,
    )
    application.state = to_state
    application.save(update_fields=["state"])


def _locked(application: Application, *allowed_states) -> Application:
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
    *, umkm: UMKM, product: Product, amount: int, tenor_months: int, purpose: str, submitted_by
) -> Application:
    UMKM.objects.select_for_update().get(pk=umkm.pk)  # one application at a time per business
    _require_eligible(
        umkm=umkm,
        product=product,
        amount=amount,
        tenor_months=tenor_months,
        on=timezone.localdate(),
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
    )
    ApplicationEvent.objects.create(
        application=application, to_state=State.SUBMITTED, actor=submitted_by
    )
    return application


@transaction.atomic
def application_survey(
    *, application: Application, surveyed_by, surveyed_on: date, **findings
) -> Survey:
    """A pendamping PDB's survey: business condition, use of funds, capacity to pay."""
    application = _locked(application, State.SUBMITTED)
    if surveyed_on > timezone.localdate():
        raise LendingError(_("The survey date cannot be in the future."))
    survey = Survey.objects.create(
        application=application, surveyed_by=surveyed_by, surveyed_on=surveyed_on, **findings
    )
    _move(application, State.SURVEYED, actor=surveyed_by, note=survey.get_recommendation_display())
    return survey


@transaction.atomic
def application_approve(*, application: Application, approver, note: str = "") -> Application:
    """Only the Kepala UPT approves (a permission), and never an application they submitted
    or surveyed themselves."""
    application = _locked(application, State.SURVEYED)
    if approver.pk == application.created_by_id:
        raise LendingError(_("You submitted this application, so someone else must approve it."))
    if approver.pk == application.survey.surveyed_by_id:
        raise LendingError(_("You surveyed this application, so someone else must approve it."))
    _require_application_eligible(application, timezone.localdate())
    application.decided_by = approver
    application.decided_at = timezone.now()
    application.save(update_fields=["decided_by", "decided_at"])
    _move(application, State.APPROVED, actor=approver, note=note)
    return application


@transaction.atomic
def application_reject(*, application: Application, decided_by, reason: str) -> Application:
    if not reason.strip():
        raise LendingError(_("A rejection needs a reason."))
    application = _locked(application, State.SUBMITTED, State.SURVEYED)
    application.decided_by = decided_by
    application.decided_at = timezone.now()
    application.save(update_fields=["decided_by", "decided_at"])
    _move(application, State.REJECTED, actor=decided_by, note=reason.strip())
    return application


@transaction.atomic
def application_withdraw(*, application: Application, withdrawn_by, note: str) -> Application:
    """The applicant no longer wants the loan (or it was entered by mistake)."""
    if not note.strip():
        raise LendingError(_("Say why the application is withdrawn."))
    application = _locked(application, *Application.OPEN_STATES)
    _move(application, State.WITHDRAWN, actor=withdrawn_by, note=note.strip())
    return application
