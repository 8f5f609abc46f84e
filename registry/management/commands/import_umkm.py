import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from registry.importing.report import rejected_rows_csv
from registry.models import Source
from registry.services import umkm_import


class Command(BaseCommand):
    help = (
        "Import businesses from a CSV or XLSX file (columns: nama_usaha, nama_pemilik, nik, "
        "kelurahan, and optional ones). Rejected rows are written to FILE.ditolak.csv."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="report only, change nothing")
        parser.add_argument(
            "--source",
            default=Source.DINKOP.value,
            choices=[source.value for source in Source],
            help="data source of new businesses without a sumber_data cell",
        )
        parser.add_argument("--user", help="username recorded in the history as the importer")
        parser.add_argument("--rejected", type=Path, help="where to write the rejected rows")

    def handle(self, *args, file: Path, dry_run: bool, source: str, user, rejected, **options):
        translation.activate(settings.LANGUAGE_CODE)  # reasons in Indonesian, as in the portal
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f"No such user: {user}")
        started = time.perf_counter()
        outcome = umkm_import(
            data=file.read_bytes(),
            filename=file.name,
            user=importer,
            dry_run=dry_run,
            default_source=source,
        )
        if outcome.file_error:
            raise CommandError(outcome.file_error)
        elapsed = time.perf_counter() - started
        prefix = "Dry run: would have " if dry_run else ""
        self.stdout.write(
            f"{prefix}{outcome.created} created, {outcome.updated} updated, "
            f"{outcome.unchanged} unchanged, {outcome.rejected} rejected "
            f"of {outcome.total} rows in {elapsed:.2f} s."
        )
        if outcome.rejected:
            target = rejected or file.with_name(f"{file.stem}.ditolak.csv")
            target.write_text(rejected_rows_csv(outcome), encoding="utf-8")
            self.stdout.write(f"Rejected rows with reasons: {target}")
