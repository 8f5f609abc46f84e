"""A merge of two businesses in the registry: lending's own records of the duplicate move
to the survivor (registered as a merge step in apps.py), once lending's check has allowed it
(registered as a merge check)."""

from django.utils.translation import gettext as _

from cilegon_umkm.kernel.references import move_references
from registry.models import UMKM

from ..models import Loan


def umkm_merge_check(*, duplicate: UMKM, survivor: UMKM) -> list[str]:
    """One owner, one active loan: a merge never leaves the owner with two. Both NIKs count,
    since staff merge two NIKs only when they confirmed they are one owner."""
    numbers = list(
        Loan.objects.filter(
            umkm__owner_nik__in={survivor.owner_nik, duplicate.owner_nik},
            status=Loan.Status.ACTIVE,
        )
        .order_by("number")
        .values_list("number", flat=True)
    )
    if len(numbers) < 2:
        return []
    return [
        _(
            "The owner would have %(count)s active loans (%(loans)s); merge after all but "
            "one are repaid."
        )
        % {"count": len(numbers), "loans": ", ".join(numbers)}
    ]


def umkm_records_move(*, duplicate: UMKM, survivor: UMKM) -> int:
    return move_references(UMKM, app_label="lending", old=duplicate, new=survivor)
