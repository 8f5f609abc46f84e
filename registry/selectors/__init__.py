"""Reads of the registry shared by views, admin, exports, dashboards and the other apps:
one module per concept, everything callers use re-exported here."""

from .duplicates import Pair, find_duplicate_pairs, open_duplicates, similarity
from .imports import import_batches
from .search import MIN_TRIGRAM_TERM, TRIGRAM_THRESHOLDS, search_umkm
from .sector_words import (
    UnmappedWord,
    businesses_by_word_key,
    businesses_with_word,
    sector_word_mapping,
    unmapped_sector_words,
)
from .umkm import (
    certification_valid_on,
    real_certification,
    umkm_detail,
    umkm_list,
    with_certification,
    with_valid_certification,
)
from .wilayah import kecamatan_with_kelurahan

__all__ = [
    "MIN_TRIGRAM_TERM",
    "TRIGRAM_THRESHOLDS",
    "Pair",
    "UnmappedWord",
    "businesses_by_word_key",
    "businesses_with_word",
    "certification_valid_on",
    "find_duplicate_pairs",
    "import_batches",
    "kecamatan_with_kelurahan",
    "open_duplicates",
    "real_certification",
    "search_umkm",
    "sector_word_mapping",
    "similarity",
    "umkm_detail",
    "umkm_list",
    "unmapped_sector_words",
    "with_certification",
    "with_valid_certification",
]
