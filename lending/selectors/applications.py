"""Applications: who may borrow, and the queue of applications by state."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

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
    """eligibility_problems for an application already made (not counting itself)."""
    return eligibility_problems(
        umkm=application.umkm,
        product=application.product,
        amount=application.amount,
        tenor_months=application.tenor_months,
        on=on,
        application=application,
    )


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
