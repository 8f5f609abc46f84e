from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cilegon_umkm.accounts.models import User

from ..models import DuplicateCandidate
from ..selectors import find_duplicate_pairs


@dataclass
class RefreshOutcome:
    found: int
    new: int
    closed: int


@transaction.atomic
def duplicates_refresh() -> RefreshOutcome:
    """Look for possible duplicates again. New pairs open; open pairs that no longer look
    alike close; pairs staff called different stay closed for good."""
    pairs = {(pair.first, pair.second): pair for pair in find_duplicate_pairs()}
    known = {
        (first, second): (pk, state)
        for pk, first, second, state in DuplicateCandidate.objects.values_list(
            "pk", "first_id", "second_id", "state"
        )
    }
    stale = [
        pk
        for key, (pk, state) in known.items()
        if key not in pairs and state == DuplicateCandidate.State.OPEN
    ]
    DuplicateCandidate.objects.filter(pk__in=stale).delete()
    new = [
        DuplicateCandidate(first_id=p.first, second_id=p.second, reason=p.reason, score=p.score)
        for key, p in pairs.items()
        if key not in known
    ]
    DuplicateCandidate.objects.bulk_create(new, batch_size=2000)
    return RefreshOutcome(found=len(pairs), new=len(new), closed=len(stale))


@transaction.atomic
def duplicate_dismiss(*, candidate: DuplicateCandidate, user: User) -> None:
    """Staff checked the pair: two different businesses. It will not be proposed again."""
    candidate.state = DuplicateCandidate.State.DISMISSED
    candidate.decided_by = user
    candidate.decided_at = timezone.now()
    candidate.save(update_fields=["state", "decided_by", "decided_at"])
