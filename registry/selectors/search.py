"""The registry's search box, shared by the browse page, the admin, and the other apps'
pickers of a business."""

from __future__ import annotations

import contextlib
import re

from django.contrib.postgres.search import TrigramStrictWordSimilarity, TrigramWordSimilarity
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from ..models import UMKM
from ..validators import normalize_phone, only_digits

_IDENTIFIER = re.compile(r"[\d\s.+()\-]+")
MIN_TRIGRAM_TERM = 3
# pg_trgm settings for every connection. "warung bu sity" is 0.87 word-similar to
# "Warung Bu Siti ..." (a close match); "warng bu siti" only 0.71 (strict), found by the
# second pass.
TRIGRAM_THRESHOLDS = {
    "pg_trgm.word_similarity_threshold": 0.8,
    "pg_trgm.strict_word_similarity_threshold": 0.6,
}


def search_umkm(queryset: QuerySet[UMKM], term: str) -> QuerySet[UMKM]:
    """The search box. Digits look up a NIK, NIB or phone number exactly; words look in the
    business and owner names: every word as written first, and only when that finds
    nothing, typo-tolerant (trigram word similarity, so "warung bu sity" finds
    "Warung Bu Siti")."""
    term = " ".join(term.split())
    if not term:
        return queryset
    if _IDENTIFIER.fullmatch(term) and len(only_digits(term)) >= 6:
        # A few rows at most (one owner's businesses), in a fixed order for the pages.
        return queryset.filter(_identifier_match(term)).order_by("name", "id")
    lowered = term.lower()
    # Each word anywhere in the names, in any order ("siti warung"). The GIN trigram index
    # serves LIKE too, and its recheck is a plain substring test: much cheaper than
    # computing a similarity for each of the thousands of rows that share a common word
    # like "warung" (which also made ordering by relevance costly).
    # Ordered by the searched text itself (name, then owner, case aside), which has no btree
    # index: PostgreSQL then takes the matches from the trigram index and sorts them. By
    # "name" it would walk the name index and filter, and for "warung" pass over every name
    # before W first.
    as_written = queryset.filter(
        *(Q(search_text__contains=word) for word in lowered.split())
    ).order_by("search_text", "id")
    if len(lowered) < MIN_TRIGRAM_TERM:
        return as_written
    # exists(): instant when the words are common; when they are common but never together
    # the planner may scan the table, where a count() would cost every search of a common
    # word that much instead.
    if as_written.exists():
        return as_written
    return _typo_tolerant(queryset, lowered)


def _typo_tolerant(queryset: QuerySet[UMKM], lowered: str) -> QuerySet[UMKM]:
    # Two passes over the GIN trigram index. A close match first: with a high threshold the
    # index itself discards most candidates. Only when that finds nothing, a looser
    # strict-word match for heavier typos. The thresholds are set per connection
    # (TRIGRAM_THRESHOLDS, apps.py).
    close = queryset.filter(search_text__trigram_word_similar=lowered)
    # count(), not exists(): under LIMIT 1 the planner trusts its optimistic estimate and
    # scans the whole table when there is no match.
    if close.count():
        return close.annotate(relevance=TrigramWordSimilarity(lowered, "search_text")).order_by(
            "-relevance", "name", "id"
        )
    return (
        queryset.filter(search_text__trigram_strict_word_similar=lowered)
        .annotate(relevance=TrigramStrictWordSimilarity(lowered, "search_text"))
        .order_by("-relevance", "name", "id")
    )


def _identifier_match(term: str) -> Q:
    digits = only_digits(term)
    query = Q(owner_nik=digits) | Q(nib=digits)
    with contextlib.suppress(ValidationError):  # not a phone number: NIK or NIB only
        query |= Q(owner_phone=normalize_phone(term))
    return query
