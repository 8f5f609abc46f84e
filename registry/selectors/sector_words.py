"""The sektor words of import files that are none of the office's sectors: which businesses
were filed under a guess because of them, and which words still wait for staff to map."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from ..models import UMKM, SectorWord
from ..sectors import sector_word_key


@dataclass(frozen=True)
class UnmappedWord:
    word: str  # as most businesses have it written
    businesses: int


def _spellings() -> list[tuple[str, int]]:
    """Each distinct sektor word as written, with how many businesses have it (a few hundred
    spellings at most: only guesses keep a word)."""
    return list(
        UMKM.objects.exclude(sector_word="")
        .values_list("sector_word")
        .annotate(n=Count("id"))
        .order_by()
    )


def businesses_by_word_key() -> Counter[str]:
    """sector_word_key(word) -> how many businesses were imported with that word."""
    counts: Counter[str] = Counter()
    for word, n in _spellings():
        counts[sector_word_key(word)] += n
    return counts


def unmapped_sector_words() -> list[UnmappedWord]:
    """Words businesses were imported with and no SectorWord maps yet, most used first."""
    mapped = set(SectorWord.objects.values_list("key", flat=True))
    spellings: dict[str, Counter[str]] = {}
    for word, n in _spellings():
        key = sector_word_key(word)
        if key not in mapped:
            spellings.setdefault(key, Counter())[word] += n
    words = [
        UnmappedWord(counter.most_common(1)[0][0], sum(counter.values()))
        for counter in spellings.values()
    ]
    return sorted(words, key=lambda w: (-w.businesses, w.word.casefold()))


def businesses_with_word(key: str) -> QuerySet[UMKM]:
    """The businesses whose import file wrote this word (by sector_word_key) in sektor."""
    spellings = [word for word, _n in _spellings() if sector_word_key(word) == key]
    return UMKM.objects.filter(sector_word__in=spellings)


def sector_word_mapping() -> dict[str, str]:
    """sector_word_key(word) -> sector, for an import to read once."""
    return dict(SectorWord.objects.values_list("key", "sector"))
