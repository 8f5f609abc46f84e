"""Finding businesses that may be registered twice, and the pairs waiting for staff. Pure
reads and arithmetic; storing the candidates (services/duplicates.py) and merging
(services/merging.py) are services.

Three signs, as the office sees them: the same owner NIK with a similar business name;
the same phone number under different NIKs; a very similar business name (and owner) in
the same kelurahan under different NIKs, usually a mistyped NIK. Similar names are compared
between neighbours in name order within each kelurahan (sorted-neighbourhood blocking), so
the work grows with the registry, not with its square."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import QuerySet

from ..models import UMKM, DuplicateCandidate
from ..text import compact_key

SAME_NIK_MIN_SIMILARITY = 0.75
SIMILAR_NAME_MIN_SIMILARITY = 0.9
NEIGHBOURS = 4
_MAX_GROUP = 50  # a phone shared by more businesses than this is an office or a placeholder


@dataclass(frozen=True)
class Pair:
    first: int
    second: int
    reason: str
    score: float


@dataclass(frozen=True)
class _Row:
    id: int
    kelurahan_id: int
    owner_nik: str
    owner_phone: str
    name_key: str
    owner_key: str


def similarity(a: str, b: str) -> float:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
        return 0.0
    return matcher.ratio()


def open_duplicates() -> QuerySet[DuplicateCandidate]:
    """The pairs staff have not decided on yet, most alike first, with both businesses."""
    return DuplicateCandidate.objects.filter(state=DuplicateCandidate.State.OPEN).select_related(
        "first__kelurahan__kecamatan", "second__kelurahan__kecamatan"
    )


def find_duplicate_pairs() -> list[Pair]:
    rows = [
        _Row(pk, kelurahan_id, nik, phone, name_key, compact_key(owner_name))
        for pk, kelurahan_id, nik, phone, name_key, owner_name in UMKM.objects.values_list(
            "pk", "kelurahan_id", "owner_nik", "owner_phone", "name_key", "owner_name"
        ).iterator(chunk_size=5000)
    ]
    found: dict[tuple[int, int], Pair] = {}
    for pair in [*_same_nik(rows), *_same_phone(rows), *_similar_names(rows)]:
        key = (pair.first, pair.second)
        if key not in found or found[key].score < pair.score:
            found[key] = pair
    return list(found.values())


def _pair(a: _Row, b: _Row, reason: str, score: float) -> Pair:
    first, second = sorted((a.id, b.id))
    return Pair(first, second, reason, round(score, 3))


def _groups(rows: list[_Row], key: Callable[[_Row], str]) -> list[list[_Row]]:
    groups: defaultdict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        value = key(row)
        if value:
            groups[value].append(row)
    return [group for group in groups.values() if 1 < len(group) <= _MAX_GROUP]


def _same_nik(rows: list[_Row]) -> Iterator[Pair]:
    for group in _groups(rows, lambda row: row.owner_nik):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                score = similarity(a.name_key, b.name_key)
                if score >= SAME_NIK_MIN_SIMILARITY:
                    yield _pair(a, b, DuplicateCandidate.Reason.SAME_NIK, score)


def _same_phone(rows: list[_Row]) -> Iterator[Pair]:
    for group in _groups(rows, lambda row: row.owner_phone):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.owner_nik != b.owner_nik:
                    yield _pair(
                        a,
                        b,
                        DuplicateCandidate.Reason.SAME_PHONE,
                        similarity(a.name_key, b.name_key),
                    )


def _similar_names(rows: list[_Row]) -> Iterator[Pair]:
    by_kelurahan: defaultdict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        by_kelurahan[row.kelurahan_id].append(row)
    for group in by_kelurahan.values():
        group.sort(key=lambda row: row.name_key)
        for i, a in enumerate(group):
            for b in group[i + 1 : i + 1 + NEIGHBOURS]:
                if a.owner_nik == b.owner_nik:
                    continue  # the same-NIK rule judges those
                score = min(
                    similarity(a.name_key, b.name_key), similarity(a.owner_key, b.owner_key)
                )
                if score >= SIMILAR_NAME_MIN_SIMILARITY:
                    yield _pair(a, b, DuplicateCandidate.Reason.SIMILAR_NAME, score)
