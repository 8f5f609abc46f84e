"""Importing businesses from a spreadsheet: one-shot (command, seeder) or uploaded,
previewed, then applied (the staff page)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User

from ..errors import ImportFileError
from ..importing.columns import map_headers
from ..importing.plan import ImportPlan, plan_import
from ..importing.reader import Sheet, read_sheet
from ..importing.rows import RowValidator
from ..importing.writer import write_plan
from ..models import UMKM, ImportBatch
from ..selectors.sector_words import sector_word_mapping
from ..tally import tally_compact
from ..wilayah import WilayahIndex


@dataclass
class ImportOutcome:
    """What an import did (or, in a dry run, would do)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected_rows: list[dict] = field(default_factory=list)  # number, reason, cells
    headers: list[str] = field(default_factory=list)
    file_error: str = ""
    dry_run: bool = False
    delimiter: str = ","  # of the uploaded CSV: the rejected rows are written the same way
    warnings: list[dict] = field(default_factory=list)  # number, warning: imported anyway
    # What the import creates and changes, for the preview (the first DETAILS_KEPT of each):
    # created: number, name, owner_name, kelurahan_id; updated: number, name, umkm_id and
    # changes [field, before, after] in stored values.
    created_rows: list[dict] = field(default_factory=list)
    updated_rows: list[dict] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.rejected_rows)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.rejected

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ImportOutcome:
        return cls(**data) if data else cls()


DETAILS_KEPT = 500


def umkm_import(
    *, data: bytes, filename: str, user: User | None, dry_run: bool, default_source: str
) -> ImportOutcome:
    """Import businesses from a CSV/XLSX file. Good rows are created or updated even when
    others are rejected; a rejected row is reported with its reasons, never dropped. A file
    that cannot be read changes nothing. All writes of one import are one transaction."""
    outcome = ImportOutcome(dry_run=dry_run)
    try:
        sheet = read_sheet(data, filename)
        positions = map_headers(sheet.headers)
    except ImportFileError as error:
        outcome.file_error = str(error)
        return outcome
    outcome.headers = sheet.headers
    outcome.delimiter = sheet.delimiter
    with cyclic_gc_paused():
        plan = _plan_and_write(
            sheet,
            positions,
            user=user,
            dry_run=dry_run,
            filename=filename,
            default_source=default_source,
        )
    outcome.created = len(plan.creates)
    outcome.updated = len(plan.updates)
    outcome.unchanged = len(plan.unchanged)
    outcome.rejected_rows = [
        {"number": row.number, "reason": row.reason, "cells": row.source_cells}
        for row in plan.rejected
    ]
    outcome.warnings = [{"number": number, "warning": text} for number, text in plan.warnings]
    outcome.created_rows = [
        {
            "number": row.number,
            "name": values["name"],
            "owner_name": values["owner_name"],
            "kelurahan_id": values["kelurahan_id"],
        }
        for row, values in zip(
            plan.creates[:DETAILS_KEPT], plan.create_values[:DETAILS_KEPT], strict=True
        )
    ]
    outcome.updated_rows = [
        {
            "number": update.row.number,
            "umkm_id": update.umkm_id,
            "name": update.values["name"],
            "changes": [
                [name, update.previous.get(name), update.values[name]] for name in update.changed
            ],
        }
        for update in plan.updates[:DETAILS_KEPT]
    ]
    return outcome


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """An import makes hundreds of thousands of small objects and no reference cycles; the
    cyclic garbage collector would walk them all again and again, for nothing. Reference
    counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _plan_and_write(
    sheet: Sheet,
    positions: dict[str, int],
    *,
    user: User | None,
    dry_run: bool,
    filename: str,
    default_source: str,
) -> ImportPlan:
    validator = RowValidator(
        positions, WilayahIndex.load(), sheet.headers, sector_words=sector_word_mapping()
    )
    rows = [validator.validate(row) for row in sheet.rows]
    with transaction.atomic():
        if not dry_run:
            # Matching and writing must see the same registry: no other import or edit of
            # businesses in between (reads stay open).
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {UMKM._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
        plan = plan_import(rows, default_source=default_source)
        if not dry_run:
            reason = _("Import of %(file)s") % {"file": filename}
            write_plan(
                create_values=plan.create_values, updates=plan.updates, user=user, reason=reason
            )
            tally_compact()  # an import appends the most tally rows: fold them at once
    return plan


@transaction.atomic
def import_batch_create(
    *, data: bytes, filename: str, user: User, default_source: str
) -> ImportBatch:
    """Keep an uploaded file and preview what importing it would do."""
    batch = ImportBatch(original_name=filename, uploaded_by=user, default_source=default_source)
    batch.file.save(filename, ContentFile(data), save=False)
    outcome = umkm_import(
        data=data, filename=filename, user=user, dry_run=True, default_source=default_source
    )
    batch.outcome = outcome.as_json()
    if outcome.file_error:
        batch.state = ImportBatch.State.FAILED
        batch.error = outcome.file_error
    batch.save()
    return batch


def import_batch_apply(*, batch: ImportBatch, user: User) -> ImportOutcome:
    """Import a previewed file for real. The registry may have changed since the preview;
    the outcome stored is that of the real run."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.state != ImportBatch.State.PREVIEWED:
            raise ImportFileError(_("This import has already been applied or cancelled."))
        with batch.file.open("rb") as handle:
            data = handle.read()
        outcome = umkm_import(
            data=data,
            filename=batch.original_name,
            user=user,
            dry_run=False,
            default_source=batch.default_source,
        )
        batch.outcome = outcome.as_json()
        batch.state = ImportBatch.State.FAILED if outcome.file_error else ImportBatch.State.APPLIED
        batch.error = outcome.file_error
        batch.applied_at = timezone.now()
        batch.save(update_fields=["outcome", "state", "error", "applied_at"])
    return outcome


@transaction.atomic
def import_batch_cancel(*, batch: ImportBatch) -> None:
    updated = ImportBatch.objects.filter(pk=batch.pk, state=ImportBatch.State.PREVIEWED).update(
        state=ImportBatch.State.CANCELLED
    )
    if not updated:
        raise ImportFileError(_("This import has already been applied or cancelled."))
