"""Validating one row of an import file in memory: every problem of the row is reported,
not only the first, so that the office can fix the row in one go."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..errors import CellError
from ..models import UMKM
from ..sectors import sector_for_kbli, sector_from_text, sector_word_key
from ..text import compact_key
from ..validators import (
    nik_is_female,
    normalize_phone,
    validate_kbli,
    validate_nib,
    validate_nik,
)
from ..wilayah import WilayahIndex
from .cells import (
    best_sector,
    parse_amount,
    parse_identifier_digits,
    parse_registration_date,
    parse_sex,
    parse_source,
    parse_status,
    parse_whole_number,
    parse_year,
    parse_yes_no,
    validation_message,
)
from .reader import SheetRow

MAX_LENGTHS = {"name": 200, "owner_name": 150, "address": 255, "product": 200}
# Excel's own limit for a cell: anything longer is no cell a person typed.
MAX_CELL_CHARS = 32_767
# Control characters no one types (tab and line breaks are text): a database refuses NUL,
# an XLSX file all of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SECTOR_WORD_LENGTH = UMKM._meta.get_field("sector_word").max_length or 100
_PLACE_PREFIX = re.compile(r"^(?:(?:kel|kelurahan|desa|kec|kecamatan)\b\.?\s*)+", re.IGNORECASE)


def _place_name(text: str) -> str:
    """ "Kelurahan Antah Berantah" -> "Antah Berantah", for a message that already says
    "Kelurahan"."""
    return _PLACE_PREFIX.sub("", text).strip() or text


@dataclass
class CleanRow:
    """A valid row: the fields it sets (blank optional cells set nothing)."""

    number: int
    values: dict
    source_cells: list[str]
    # The sektor cell as written when it is no known or mapped sector: kept with the
    # business (UMKM.sector_word), in the row's warning and in its history.
    sector_word: str = ""

    @cached_property
    def nib(self) -> str | None:
        return self.values.get("nib")

    @cached_property
    def name_key(self) -> tuple[str, str]:
        return (self.values["owner_nik"], compact_key(self.values["name"]))


@dataclass
class RejectedRow:
    number: int
    reasons: list[str]
    source_cells: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return join_sentences(self.reasons)


def join_sentences(messages: list[str]) -> str:
    """ "NIK ... digit." + "Kelurahan ..." -> "NIK ... digit. Kelurahan ....": each message
    a sentence, never "digit.; Kelurahan"."""
    return " ".join(
        message if message.endswith((".", "!", "?")) else f"{message}." for message in messages
    )


class RowValidator:
    def __init__(
        self,
        positions: dict[str, int],
        wilayah: WilayahIndex,
        headers: list[str] | None = None,
        sector_words: dict[str, str] | None = None,
    ):
        self.positions = positions
        self.headers = headers or []
        self.wilayah = wilayah
        # The office's own words mapped to sectors (registry SectorWord), by sector_word_key.
        self.sector_words = sector_words or {}
        # Asked once, not per row: over a whole file these lookups alone would add up.
        self.today = timezone.localdate()
        self.zone = timezone.get_current_timezone()
        # Built once: translating the labels again for every row would add up too.
        self.parsers = [(column, parse) for column, parse in self._parsers() if column in positions]
        self.required_labels = {
            "nama_usaha": _("Business name"),
            "nama_pemilik": _("Owner name"),
            "nik": "NIK",
            "kelurahan": _("Kelurahan"),
        }

    def validate(self, row: SheetRow) -> CleanRow | RejectedRow:
        if row.unclosed_quote_until is not None:
            return RejectedRow(row.number, [_unclosed_quote(row)], _storable(row.cells))
        errors = self._unstorable(row.cells)
        if errors:
            # Neither a NUL nor a huge cell can be stored with the outcome; nor parsed.
            return RejectedRow(row.number, errors, _storable(row.cells))
        cells = {
            column: row.cells[index].strip() if index < len(row.cells) else ""
            for column, index in self.positions.items()
        }
        values: dict = {}
        for column, parse in self.parsers:
            text = cells[column]
            if not text:
                continue
            try:
                parse(text, values)
            except CellError as error:
                errors.append(str(error))
            except ValidationError as error:
                errors.append(validation_message(error))
        errors.extend(self._required(cells))
        if not errors:
            errors.extend(self._consistency(cells, values))
        if errors:
            return RejectedRow(row.number, errors, row.cells)
        sector_word = values.pop("_sector_word", "")
        if sector_word and "sector" not in values:  # no KBLI code to go by either
            values["sector"] = best_sector(sector_word).value
        return CleanRow(row.number, values, row.cells, sector_word)

    def _unstorable(self, cells: list[str]) -> list[str]:
        errors = []
        for index, cell in enumerate(cells):
            if len(cell) > MAX_CELL_CHARS:
                errors.append(
                    _("Column %(column)s holds %(count)s characters; a cell holds at most %(max)s.")
                    % {
                        "column": self._column(index),
                        "count": number_format(len(cell), force_grouping=True),
                        "max": number_format(MAX_CELL_CHARS, force_grouping=True),
                    }
                )
            elif _CONTROL.search(cell):
                errors.append(
                    _(
                        "Column %(column)s contains an invisible control character "
                        "(%(code)s); type the cell again."
                    )
                    % {"column": self._column(index), "code": _control_name(cell)}
                )
        return errors

    def _column(self, index: int) -> str:
        header = self.headers[index] if index < len(self.headers) else ""
        return header or str(index + 1)

    def _parsers(self):
        return [
            ("nama_usaha", self._text("name", _("Business name"))),
            ("nama_pemilik", self._text("owner_name", _("Owner name"))),
            ("nik", self._nik),
            ("jenis_kelamin", lambda text, values: values.update(owner_sex=parse_sex(text))),
            ("nib", self._nib),
            ("no_hp", lambda text, values: values.update(owner_phone=normalize_phone(text))),
            ("alamat", self._text("address", _("Address"))),
            ("kelurahan", self._kelurahan),
            ("kbli", self._kbli),
            ("sektor", self._sector),
            ("produk", self._text("product", _("Product"))),
            ("modal_usaha", lambda text, values: values.update(capital=parse_amount(text))),
            (
                "omzet_tahunan",
                lambda text, values: values.update(annual_turnover=parse_amount(text)),
            ),
            ("tenaga_kerja", self._workers),
            ("tahun_mulai", self._year_started),
            ("sumber_data", lambda text, values: values.update(source=parse_source(text))),
            ("status", lambda text, values: values.update(status=parse_status(text))),
            ("wirausaha", self._entrepreneur),
            ("tanggal_daftar", self._registered),
        ]

    @staticmethod
    def _text(field_name: str, label: str):
        maximum = MAX_LENGTHS[field_name]

        def parse(text: str, values: dict) -> None:
            text = " ".join(text.split())
            if len(text) > maximum:
                raise CellError(
                    _("%(label)s is longer than %(max)s characters.")
                    % {"label": label, "max": maximum}
                )
            values[field_name] = text

        return parse

    def _year_started(self, text: str, values: dict) -> None:
        values["year_started"] = parse_year(text, self.today)

    def _registered(self, text: str, values: dict) -> None:
        values["created_at"] = parse_registration_date(text, self.today, self.zone)

    def _nik(self, text: str, values: dict) -> None:
        nik = parse_identifier_digits(text, "NIK")
        validate_nik(nik, self.today)
        values["owner_nik"] = nik

    @staticmethod
    def _nib(text: str, values: dict) -> None:
        nib = parse_identifier_digits(text, "NIB")
        validate_nib(nib)
        values["nib"] = nib

    @staticmethod
    def _kbli(text: str, values: dict) -> None:
        kbli = parse_identifier_digits(text, "KBLI")
        if len(kbli) == 4:
            kbli = "0" + kbli  # Excel drops the leading zero of 01xxx-03xxx (agriculture)
        validate_kbli(kbli)
        values["kbli"] = kbli

    def _sector(self, text: str, values: dict) -> None:
        sector = sector_from_text(text) or self.sector_words.get(sector_word_key(text))
        if sector is None:
            # An office's own word (Keripik, Olahan Ikan) that staff have not mapped yet does
            # not lose the row: the plan files it under the closest sector and warns.
            values["_sector_word"] = " ".join(text.split())[:SECTOR_WORD_LENGTH]
        else:
            values["sector"] = str(sector)

    @staticmethod
    def _entrepreneur(text: str, values: dict) -> None:
        values["is_entrepreneur"] = parse_yes_no(text, gettext_lazy("Entrepreneur"))

    @staticmethod
    def _workers(text: str, values: dict) -> None:
        values["workers"] = parse_whole_number(
            text, minimum=0, maximum=100_000, label=gettext_lazy("Workers")
        )

    def _kelurahan(self, text: str, values: dict) -> None:
        kelurahan = self.wilayah.kelurahan(text)
        if kelurahan is None:
            raise CellError(
                _("Kelurahan '%(value)s' is unknown in Kota Cilegon.")
                % {"value": _place_name(text)}
            )
        values["kelurahan"] = kelurahan

    def _required(self, cells: dict[str, str]) -> list[str]:
        return [
            _("%(label)s is empty.") % {"label": label}
            for column, label in self.required_labels.items()
            if not cells[column]
        ]

    def _consistency(self, cells: dict[str, str], values: dict) -> list[str]:
        """Rules across cells, once each cell is valid on its own."""
        errors = []
        kecamatan_text = cells.get("kecamatan", "")
        if kecamatan_text:
            kecamatan = self.wilayah.kecamatan(kecamatan_text)
            if kecamatan is None:
                errors.append(
                    _("Kecamatan '%(value)s' is unknown in Kota Cilegon.")
                    % {"value": _place_name(kecamatan_text)}
                )
            elif values["kelurahan"].kecamatan_id != kecamatan.pk:
                errors.append(
                    _("Kelurahan %(kelurahan)s is in Kecamatan %(actual)s, not %(given)s.")
                    % {
                        "kelurahan": values["kelurahan"].name,
                        "actual": values["kelurahan"].kecamatan.name,
                        "given": kecamatan.name,
                    }
                )
        sex_from_nik = "P" if nik_is_female(values["owner_nik"]) else "L"
        if values.setdefault("owner_sex", sex_from_nik) != sex_from_nik:
            errors.append(_("Sex %(sex)s does not match the NIK.") % {"sex": values["owner_sex"]})
        if "kbli" in values and "sector" not in values:
            values["sector"] = sector_for_kbli(values["kbli"]).value
        return errors


def _storable(cells: list[str]) -> list[str]:
    """The row's cells as they can be kept for the rejected-rows file: without control
    characters, and a huge cell cut to what a spreadsheet cell holds."""
    return [_CONTROL.sub("", cell)[:MAX_CELL_CHARS] for cell in cells]


def _unclosed_quote(row: SheetRow) -> str:
    return _(
        'A quotation mark (") opened in this row is never closed, so lines %(first)s to '
        "%(last)s were read as this one row. Close the quotation mark, or remove it, and "
        "import those rows again."
    ) % {"first": row.number, "last": row.unclosed_quote_until}


def _control_name(cell: str) -> str:
    """ "NUL" or "U+0002": the first control character of the cell, as Unicode names it."""
    match = _CONTROL.search(cell)
    code = ord(match[0]) if match else 0
    return "NUL" if code == 0 else f"U+{code:04X}"
