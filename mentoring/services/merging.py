"""A merge of two businesses in the registry: mentoring's own records of the duplicate move
to the survivor (registered as a merge step in apps.py)."""

from cilegon_umkm.kernel.references import move_references
from registry.models import UMKM


def umkm_records_move(*, duplicate: UMKM, survivor: UMKM) -> int:
    return move_references(UMKM, app_label="mentoring", old=duplicate, new=survivor)
