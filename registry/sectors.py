"""Business sectors: the office's categories and KBLI 2020 codes.

KBLI (Klasifikasi Baku Lapangan Usaha Indonesia) codes have 5 digits; the first two are the
division, and each division belongs to one of 21 sections (A-U). The office reports in its
own, coarser categories (Sector); a KBLI code suggests one when the spreadsheet has none."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import Vocabulary, compact_key


class Sector(models.TextChoices):
    KULINER = "kuliner", _("Food and drink (kuliner)")
    FASHION = "fashion", _("Clothing and tailoring (fashion/konveksi)")
    KRIYA = "kriya", _("Handicraft (kriya)")
    PERDAGANGAN = "perdagangan", _("Retail and trade")
    JASA = "jasa", _("Services (laundry, salon, repair, ...)")
    OTOMOTIF = "otomotif", _("Automotive (bengkel)")
    PERTANIAN = "pertanian", _("Agriculture, livestock and fisheries")
    INDUSTRI = "industri", _("Other manufacturing")
    LAINNYA = "lainnya", _("Other")


# KBLI 2020 divisions (first two digits) by section letter.
_SECTION_DIVISIONS = {
    "A": range(1, 4), "B": range(5, 10), "C": range(10, 34), "D": range(35, 36),
    "E": range(36, 40), "F": range(41, 44), "G": range(45, 48), "H": range(49, 54),
    "I": range(55, 57), "J": range(58, 64), "K": range(64, 67), "L": range(68, 69),
    "M": range(69, 76), "N": range(77, 83), "O": range(84, 85), "P": range(85, 86),
    "Q": range(86, 89), "R": range(90, 94), "S": range(94, 97), "T": range(97, 99),
    "U": range(99, 100),
}  # fmt: skip


def kbli_section(code: str) -> str | None:
    """ "56102" -> "I" (accommodation and food service). None for an unknown division."""
    if len(code or "") < 2 or not (code[:2].isascii() and code[:2].isdigit()):
        return None
    division = int(code[:2])
    for section, divisions in _SECTION_DIVISIONS.items():
        if division in divisions:
            return section
    return None


# The office's category for a KBLI division, where one is obvious.
_SECTOR_BY_DIVISION = {
    **dict.fromkeys([10, 11, 56], Sector.KULINER),
    **dict.fromkeys([13, 14, 15], Sector.FASHION),
    **dict.fromkeys([16, 23, 32], Sector.KRIYA),
    **dict.fromkeys([46, 47], Sector.PERDAGANGAN),
    **dict.fromkeys([45], Sector.OTOMOTIF),
    **dict.fromkeys([1, 2, 3], Sector.PERTANIAN),
    **dict.fromkeys([95, 96, 74, 81, 82, 85, 55, 49, 77], Sector.JASA),
}


def sector_for_kbli(code: str) -> Sector:
    if not code or not (code[:2].isascii() and code[:2].isdigit()):
        return Sector.LAINNYA
    division = int(code[:2])
    if division in _SECTOR_BY_DIVISION:
        return _SECTOR_BY_DIVISION[division]
    return Sector.INDUSTRI if kbli_section(code) == "C" else Sector.LAINNYA


# Words people write in the "sektor" column, for each category.
_SECTOR_WORDS = {
    Sector.KULINER: ["kuliner", "makanan", "minuman", "makanan dan minuman", "mamin",
                     "makanan & minuman", "catering", "katering", "jasa boga", "warung makan",
                     "kue", "food"],
    Sector.FASHION: ["fashion", "fesyen", "konveksi", "pakaian", "seragam", "jahit",
                     "penjahit", "garmen", "busana"],
    Sector.KRIYA: ["kriya", "kerajinan", "kerajinan tangan", "handicraft", "souvenir"],
    Sector.PERDAGANGAN: ["perdagangan", "dagang", "toko", "warung", "kelontong", "retail",
                         "ritel", "sembako"],
    Sector.JASA: ["jasa", "laundry", "binatu", "salon", "pangkas rambut", "barbershop",
                  "servis", "service", "percetakan", "fotokopi"],
    Sector.OTOMOTIF: ["otomotif", "bengkel", "bengkel motor", "bengkel mobil", "cuci motor",
                      "cuci mobil", "tambal ban"],
    Sector.PERTANIAN: ["pertanian", "peternakan", "perikanan", "agribisnis", "tani",
                       "ternak", "ikan", "budidaya"],
    Sector.INDUSTRI: ["industri", "industri pengolahan", "manufaktur", "produksi"],
    Sector.LAINNYA: ["lainnya", "lain lain", "lain-lain", "other"],
}  # fmt: skip

_SECTOR_VOCABULARY = Vocabulary(
    {sector: [*_SECTOR_WORDS[sector], sector.value] for sector in Sector}
)


def sector_from_text(text: str | None) -> Sector | None:
    """The category a spreadsheet means by "Makanan & Minuman", "KONVEKSI", "laundry"...
    None when the word is unknown (the importer reports it)."""
    return _SECTOR_VOCABULARY.find(text)


def sector_word_key(text: str | None) -> str:
    """What identifies an office's own sektor word however it is spelt: its compact_key, or
    for a word of no letters or digits ("🍩🍩", "!!!") the word itself, in lower case and
    without spaces, so that staff can still map it."""
    return compact_key(text) or "".join(str(text or "").casefold().split())
