"""Cilegon's reference geography: loading it, and finding a kecamatan or kelurahan by a name
as people write it ("Kel. Karangasem", "KEC  GROGOL", "36.72.01.1005")."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .text import words

WILAYAH_CSV = Path(__file__).resolve().parent / "data" / "cilegon_wilayah.csv"
KELURAHAN_COUNT = 43

# Words that people put before a place name; they carry no identity.
_PREFIX_WORDS = {"kel", "kelurahan", "desa", "kec", "kecamatan"}


@lru_cache(maxsize=4096)
def place_key(text: str | None) -> str:
    """A comparison key that ignores case, spacing, punctuation and prefixes such as
    "Kel." / "Kelurahan" / "Kec.". Spaces are dropped too, so "Karang Asem" and
    "Karangasem" meet; a Kemendagri code reduces to its digits."""
    parts = words(text)
    while len(parts) > 1 and parts[0] in _PREFIX_WORDS:
        parts.pop(0)
    return "".join(parts)


def load_reference_wilayah(kecamatan_model, kelurahan_model) -> None:
    """Create or update the 8 kecamatan and 43 kelurahan from the Kemendagri list.
    Takes the model classes so that a migration can pass its historical ones."""
    with WILAYAH_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    kecamatan_by_code = {}
    for row in rows:
        if row["tingkat"] == "kecamatan":
            kecamatan_by_code[row["kode"]], _ = kecamatan_model.objects.update_or_create(
                code=row["kode"], defaults={"name": row["nama"], "alt_names": _alt_names(row)}
            )
    for row in rows:
        if row["tingkat"] == "kelurahan":
            kelurahan_model.objects.update_or_create(
                code=row["kode"],
                defaults={
                    "name": row["nama"],
                    "kecamatan": kecamatan_by_code[row["kode_kecamatan"]],
                    "alt_names": _alt_names(row),
                },
            )


def _alt_names(row: dict) -> list[str]:
    return [name.strip() for name in row["ejaan_lain"].split(";") if name.strip()]


@dataclass
class WilayahIndex:
    """All of Cilegon's places in memory (51 rows), keyed by place_key of name, other
    spellings and code. Build it once per import or form and look up as often as needed."""

    kecamatan_by_key: dict[str, object] = field(default_factory=dict)
    kelurahan_by_key: dict[str, list] = field(default_factory=dict)

    @classmethod
    def load(cls) -> WilayahIndex:
        from .models import Kecamatan, Kelurahan

        index = cls()
        for kecamatan in Kecamatan.objects.all():
            for key in _keys_of(kecamatan):
                index.kecamatan_by_key[key] = kecamatan
        for kelurahan in Kelurahan.objects.select_related("kecamatan"):
            for key in _keys_of(kelurahan):
                index.kelurahan_by_key.setdefault(key, []).append(kelurahan)
        return index

    def kecamatan(self, text: str | None):
        """The kecamatan named by text, or None."""
        return self.kecamatan_by_key.get(place_key(text))

    def kelurahan(self, text: str | None, kecamatan=None):
        """The kelurahan named by text, or None when unknown or ambiguous. A kecamatan
        (object or name) narrows the search; a kelurahan outside it is not a match."""
        candidates = self.kelurahan_by_key.get(place_key(text), [])
        if kecamatan is not None:
            if isinstance(kecamatan, str):
                kecamatan = self.kecamatan(kecamatan)
            candidates = [k for k in candidates if kecamatan and k.kecamatan_id == kecamatan.pk]
        return candidates[0] if len(candidates) == 1 else None


def _keys_of(place) -> set[str]:
    return {place_key(name) for name in [place.name, place.code, *place.alt_names]}
