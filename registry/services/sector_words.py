"""Mapping the sektor words of import files to the office's sectors, and refiling the
businesses an earlier import filed under a guess."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from cilegon_umkm.accounts.models import User

from ..errors import RegistryError
from ..importing.writer import REASON_LENGTH
from ..models import UMKM, SectorWord
from ..sectors import Sector, sector_from_text, sector_word_key
from ..selectors.sector_words import businesses_with_word
from .common import validated, with_history


def sector_word_check(*, word: str, sector: str, mapping: SectorWord | None = None) -> str:
    """The word as it will be kept (spacing tidied), or RegistryError: a word the sectors
    already know ("makanan") needs no mapping, and one word has one mapping however it is
    spelt. The admin's form asks this before it saves."""
    word = " ".join(str(word or "").split())
    key = sector_word_key(word)
    if not key:
        raise RegistryError(_("Write the word as the import files write it."))
    known = sector_from_text(word)
    if known is not None:
        raise RegistryError(
            _("“%(word)s” is already read as %(sector)s; it needs no mapping.")
            % {"word": word, "sector": known.label}
        )
    if sector not in Sector.values:
        raise RegistryError(_("Choose one of the sectors."))
    taken = SectorWord.objects.filter(key=key)
    if mapping is not None:
        taken = taken.exclude(pk=mapping.pk)
    if taken.exists():
        raise RegistryError(
            _("“%(word)s” is already mapped (as “%(existing)s”); change that mapping instead.")
            % {"word": word, "existing": taken.get().word}
        )
    return word


@transaction.atomic
def sector_word_save(
    *, word: str, sector: str, user: User, mapping: SectorWord | None = None
) -> SectorWord:
    """A new mapping, or `mapping` changed (sector_word_check's rules)."""
    word = sector_word_check(word=word, sector=sector, mapping=mapping)
    row = mapping or SectorWord()
    row.word, row.key, row.sector = word, sector_word_key(word), sector
    validated(row)
    with_history(row, user=user, reason=_("Sector word mapped"))
    row.save()
    return row


@transaction.atomic
def sector_word_apply(*, mapping: SectorWord, user: User) -> int:
    """File every business imported with this word under the mapped sector, each change in
    its history. Businesses already in that sector are left as they are. Returns how many
    were refiled."""
    mapping = SectorWord.objects.select_for_update().get(pk=mapping.pk)
    businesses = list(
        businesses_with_word(mapping.key)
        .exclude(sector=mapping.sector)
        .select_for_update()
        .order_by("pk")
    )
    now = timezone.now()
    for umkm in businesses:
        umkm.sector, umkm.updated_at = mapping.sector, now
    bulk_update_with_history(
        businesses,
        UMKM,
        ["sector", "updated_at"],
        batch_size=500,
        default_user=user,
        default_change_reason=(
            _("Sector word “%(word)s” mapped to %(sector)s")
            % {"word": mapping.word, "sector": mapping.get_sector_display()}
        )[:REASON_LENGTH],
        default_date=now,
    )
    return len(businesses)
