"""Applications: who may borrow, and the queue of applications by state."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User
from cilegon_umkm.kernel.formatting import format_rupiah
from registry.models import UMKM
from registry.models import Status as BusinessStatus
from registry.validators import mask_nik

from ..models import Application, Loan, Product


def eligibility_problems(
    *,
    umkm: UMKM,
    product: Product,
    amount: int,
    tenor_months: int,
    on: date,
    application: Application | None = None,
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
    """eligibility_problems for an application already made (not counting itself), and
    what blocks approval and disbursement but not submission: a business the office has
    not verified yet, and an owner's written-off loan not recovered (unless the Kepala UPT
    overrode it on this application)."""
    umkm = application.umkm
    problems = eligibility_problems(
        umkm=umkm,
        product=application.product,
        amount=application.amount,
        tenor_months=application.tenor_months,
        on=on,
        application=application,
    )
    if not umkm.verified:
        problems.append(
            _(
                "The business is not verified yet (registered in the field): staff must "
                "check its registration before a loan is approved or disbursed."
            )
        )
    if not application.write_off_override_at:
        written_off = unrecovered_write_offs(umkm.owner_nik).first()
        if written_off is not None:
            problems.append(
                _(
                    "The owner (NIK %(nik)s) has a written-off loan not recovered, %(loan)s "
                    "(%(unrecovered)s): only the Kepala UPT can allow a new loan."
                )
                % {
                    "nik": mask_nik(umkm.owner_nik),
                    "loan": written_off.number,
                    "unrecovered": format_rupiah(written_off.principal_unrecovered),
                }
            )
    return problems


def unrecovered_write_offs(owner_nik: str) -> QuerySet[Loan]:
    """The owner's loans written off and not (fully) recovered: a loss still on the fund.
    A fully recovered loan has the status "pulih" and does not count."""
    return Loan.objects.filter(
        umkm__owner_nik=owner_nik,
        status=Loan.Status.WRITTEN_OFF,
        principal_recovered__lt=F("written_off_principal"),
    ).order_by("written_off_on", "pk")


def survey_refusals(application: Application, user: User | AnonymousUser) -> list[str]:
    """Why this user may not survey this application (empty when they may): four eyes,
    neither who filed it nor the mentor who referred the business."""
    problems = []
    if user.pk == application.created_by_id:
        problems.append(_("You submitted this application, so someone else must survey it."))
    if application.referred_by_id is not None and user.pk == application.referred_by_id:
        problems.append(
            _("You referred this business, so another mentor must survey its application.")
        )
    return problems


def surveyable_by(applications: QuerySet[Application], user: User) -> QuerySet[Application]:
    """The applications this user may survey (survey_refusals, in SQL)."""
    return applications.exclude(created_by=user).exclude(referred_by=user)


def application_queue_counts() -> dict[str, int]:
    counts = dict(
        Application.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    return {state: counts.get(state, 0) for state in Application.State.values}


def applications_for_list() -> QuerySet[Application]:
    return Application.objects.select_related("umkm", "product")


def applications_in_progress() -> QuerySet[Application]:
    """Open applications, oldest first: what waits for someone at UPT PDB."""
    return applications_for_list().filter(state__in=Application.OPEN_STATES).order_by("created_at")


def application_in_kecamatan(kecamatan_id: int) -> Q:
    """Where an application counts, for the queue's filter and the dashboards alike: with a
    loan, where the loan was made (as the portfolio counts it); without one, where the
    business is now."""
    return Q(loan__isnull=False, loan__kelurahan__kecamatan_id=kecamatan_id) | Q(
        loan__isnull=True, umkm__kelurahan__kecamatan_id=kecamatan_id
    )
