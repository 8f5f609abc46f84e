from django.db import transaction

from cilegon_umkm.accounts.models import User

from ..models import PersonalDataAccess


@transaction.atomic
def personal_data_access_log(
    *, user: User, umkm_id: int | None, action: str, detail: str = ""
) -> None:
    """Record that `user` saw full NIKs (UU PDP 27/2022): of one business, or, for an
    export, of the rows that `detail` describes."""
    PersonalDataAccess.objects.create(
        user=user, umkm_id=umkm_id, action=action, detail=detail[:255]
    )
