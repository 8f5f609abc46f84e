"""Deciding what each valid row does to the registry: create, update, leave unchanged, or
be rejected (duplicate within the file, conflict with another registered business).

A row matches a registered business by NIB when it has one registered, otherwise by
(owner NIK, business name key). Blank cells change nothing, so importing the same file
twice leaves everything unchanged the second time."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import UMKM, Source, Status
from ..sectors import Sector
from ..validators import mask_nik, record_flags
from .rows import CleanRow, RejectedRow

# Fields an import may set, as stored (kelurahan by id).
IMPORT_FIELDS = [
    "name", "owner_name", "owner_nik", "owner_sex", "owner_phone", "nib", "address",
    "kelurahan_id", "kbli", "sector", "product", "capital", "annual_turnover", "workers",
    "year_started", "source", "status", "is_entrepreneur", "sector_word",
]  # fmt: skip


@dataclass
class Update:
    row: CleanRow
    umkm_id: int
    values: dict  # every IMPORT_FIELD, as it will be after the update
    changed: list[str]
    previous: dict = field(default_factory=dict)  # every IMPORT_FIELD, as registered


@dataclass
class ImportPlan:
    creates: list[CleanRow] = field(default_factory=list)
    create_values: list[dict] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    unchanged: list[CleanRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # row number, message


def _stored(row: CleanRow) -> dict:
    values = dict(row.values, name_key=row.name_key[1])
    kelurahan = values.pop("kelurahan", None)
    if kelurahan is not None:
        values["kelurahan_id"] = kelurahan.pk
    return values


def plan_import(rows: list[CleanRow | RejectedRow], *, default_source: str) -> ImportPlan:
    plan = ImportPlan(rejected=[row for row in rows if isinstance(row, RejectedRow)])
    valid = _without_duplicates_in_file([row for row in rows if isinstance(row, CleanRow)], plan)
    by_nib, by_key = _registered_matches(valid)
    claimed: dict[int, list[CleanRow]] = defaultdict(list)
    targets: list[tuple[CleanRow, dict | None]] = []
    for row in valid:
        target, problem = _match(row, by_nib, by_key)
        if problem:
            plan.rejected.append(RejectedRow(row.number, [problem], row.source_cells))
            continue
        targets.append((row, target))
        if target is not None:
            claimed[target["id"]].append(row)
    for row, target in targets:
        if target is not None and len(claimed[target["id"]]) > 1:
            others = ", ".join(str(r.number) for r in claimed[target["id"]] if r is not row)
            plan.rejected.append(
                RejectedRow(
                    row.number,
                    [
                        _("Rows %(rows)s describe the same registered business; keep one.")
                        % {"rows": f"{row.number}, {others}"}
                    ],
                    row.source_cells,
                )
            )
            continue
        _plan_row(plan, row, target, default_source)
    plan.rejected.sort(key=lambda rejected: rejected.number)
    plan.warnings.sort()
    return plan


def _without_duplicates_in_file(rows: list[CleanRow], plan: ImportPlan) -> list[CleanRow]:
    """The first row of a business (same owner NIK and name, or same NIB) goes on; each
    later row of it is rejected, naming the row it repeats, and saying so when it differs
    (its other values are not silently dropped as a copy's)."""
    first: dict[tuple, CleanRow] = {}
    kept = []
    for row in rows:
        keys = [("key", row.name_key), *([("nib", row.nib)] if row.nib else [])]
        earlier = next((first[key] for key in keys if key in first), None)
        if earlier is None:
            for key in keys:
                first[key] = row
            kept.append(row)
            continue
        if _as_compared(row) == _as_compared(earlier):
            reason = _("Same as row %(row)s.") % {"row": earlier.number}
        else:
            reason = _(
                "The same business as row %(row)s (same owner NIK and name, or same NIB), "
                "with other values; put what is right into one row."
            ) % {"row": earlier.number}
        plan.rejected.append(RejectedRow(row.number, [reason], row.source_cells))
    return kept


def _as_compared(row: CleanRow) -> tuple[dict, str]:
    """What makes two rows copies: their values, the name as its key ("WARUNG BU SITI" is
    the same name as "Warung Bu Siti")."""
    return {**row.values, "name": row.name_key[1]}, row.sector_word


def _registered_matches(rows: list[CleanRow]) -> tuple[dict, dict]:
    """Registered businesses that rows may refer to, by NIB and by (NIK, name key): only
    those sharing a NIB or an owner NIK with the file are read, not the whole registry."""
    nibs = sorted({row.nib for row in rows if row.nib})
    niks = sorted({row.values["owner_nik"] for row in rows})
    by_nib, by_key = {}, {}
    for existing in _registered_rows(nibs, niks):
        if existing["nib"]:
            by_nib[existing["nib"]] = existing
        by_key[(existing["owner_nik"], existing["name_key"])] = existing
    return by_nib, by_key


def _registered_rows(nibs: list[str], niks: list[str]):
    # Two array parameters instead of 34,000 placeholders: the driver parses a query's
    # placeholders one by one, and that alone would cost half a second.
    columns = ["id", "name_key", *IMPORT_FIELDS]
    table = UMKM._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM {table} "  # noqa: S608 - model metadata
            "WHERE nib = ANY(%s) OR owner_nik = ANY(%s)",
            [nibs, niks],
        )
        for values in cursor.fetchall():
            yield dict(zip(columns, values, strict=True))


def _match(row: CleanRow, by_nib: dict, by_key: dict) -> tuple[dict | None, str | None]:
    """The registered business this row updates (or None to create one), or a problem."""
    same_key = by_key.get(row.name_key)
    if row.nib and row.nib in by_nib:
        target = by_nib[row.nib]
        if target["owner_nik"] != row.values["owner_nik"]:
            # A mistyped NIB must not hand someone else's business to this owner.
            return None, _(
                "NIB %(nib)s is registered to %(target)s of another owner (NIK %(nik)s)."
            ) % {"nib": row.nib, "target": target["name"], "nik": mask_nik(target["owner_nik"])}
        if same_key is not None and same_key["id"] != target["id"]:
            return None, _(
                "NIB %(nib)s belongs to %(target)s, but this owner already has another "
                "registered business named %(name)s."
            ) % {"nib": row.nib, "target": target["name"], "name": same_key["name"]}
        return target, None
    if same_key is not None and row.nib and same_key["nib"] and same_key["nib"] != row.nib:
        return None, _("This business is registered with NIB %(registered)s, not %(nib)s.") % {
            "registered": same_key["nib"],
            "nib": row.nib,
        }
    return same_key, None


def _plan_row(plan: ImportPlan, row: CleanRow, target: dict | None, default_source: str):
    values = _stored(row)
    created_at = values.pop("created_at", None)
    # What the history of the business keeps of a word the registry has no field for.
    note = _("sector written as '%(word)s'") % {"word": row.sector_word} if row.sector_word else ""
    if target is None:
        complete = {
            "owner_phone": "", "address": "", "kbli": "", "product": "", "nib": None,
            "capital": None, "annual_turnover": None, "workers": None, "year_started": None,
            "sector": Sector.LAINNYA.value, "source": default_source or Source.DINKOP.value,
            "status": Status.ACTIVE.value, "is_entrepreneur": True,
            **values, "sector_word": row.sector_word,
            "created_at": created_at or timezone.now(), "note": note,
        }  # fmt: skip
        plan.creates.append(row)
        plan.create_values.append(complete)
        _flag(plan, row, complete)
        if row.sector_word:
            plan.warnings.append((row.number, _sector_warning(row, complete["sector"], kept=False)))
        return
    if row.sector_word:
        values.pop("sector", None)  # a guess never overwrites the sector staff registered
    elif "sector" in values:
        values["sector_word"] = ""  # the sector is known now, no longer a guess
    merged = {name: target[name] for name in IMPORT_FIELDS} | values
    _flag(plan, row, merged)
    changed = [name for name in IMPORT_FIELDS if merged[name] != target[name]]
    if changed:
        plan.updates.append(
            Update(row, target["id"], merged | {"note": note}, changed, previous=target)
        )
    else:
        plan.unchanged.append(row)
    if row.sector_word:
        plan.warnings.append((row.number, _sector_warning(row, target["sector"], kept=True)))


def _flag(plan: ImportPlan, row: CleanRow, values: dict) -> None:
    """What the office should check about a row that is imported all the same (under 17 by
    the NIK, above the UMKM limits): a warning of the row, like the business page's flags."""
    for flag in record_flags(
        owner_nik=values["owner_nik"],
        capital=values["capital"],
        annual_turnover=values["annual_turnover"],
    ):
        plan.warnings.append((row.number, flag))


def _sector_warning(row: CleanRow, sector: str, *, kept: bool) -> str:
    params = {"word": row.sector_word, "sector": Sector(sector).label}
    if kept:
        return (
            _("Sector '%(word)s' is not a known sector; the registered %(sector)s stays.") % params
        )
    return _("Sector '%(word)s' is not a known sector; filed as %(sector)s.") % params
