from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.formatting import format_rupiah
from cilegon_umkm.kernel.spreadsheets import Column, csv_response, write_xlsx, xlsx_response

from ..errors import ImportFileError
from ..importing.columns import ALL_COLUMNS
from ..importing.reader import MAX_FILE_BYTES
from ..importing.report import rejected_rows_csv_chunks, rejected_rows_xlsx
from ..models import UMKM, ImportBatch, Kelurahan, Source
from ..selectors import import_batches
from ..services import ImportOutcome, import_batch_apply, import_batch_cancel, import_batch_create

IMPORT_UMKM = "registry.import_umkm"
SHOWN_REJECTIONS = 500


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    default_source = forms.ChoiceField(
        label=gettext_lazy("Data source of new businesses"),
        choices=Source.choices,
        initial=Source.DINKOP,
        help_text=gettext_lazy("Used where the sumber_data column is empty."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB. Split it into smaller files.")
                % {"limit": MAX_FILE_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Only CSV and XLSX files can be imported."))
        return upload


@section_required(Section.REGISTRY, IMPORT_UMKM)
def import_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = import_batch_create(
            data=upload.read(),
            filename=upload.name,
            user=request.user,
            default_source=form.cleaned_data["default_source"],
        )
        return redirect("registry:import-batch", pk=batch.pk)
    batches = import_batches()[:20]
    return render(
        request,
        "registry/import_upload.html",
        {"form": form, "batches": batches, "columns": ALL_COLUMNS},
    )


@section_required(Section.REGISTRY, IMPORT_UMKM)
def import_batch(request, pk: int):
    batch = get_object_or_404(import_batches(), pk=pk)
    outcome = ImportOutcome.from_json(batch.outcome)
    kelurahan_names = dict(Kelurahan.objects.values_list("pk", "name"))
    return render(
        request,
        "registry/import_batch.html",
        {
            "batch": batch,
            "outcome": outcome,
            "rejections": outcome.rejected_rows[:SHOWN_REJECTIONS],
            "more_rejections": max(outcome.rejected - SHOWN_REJECTIONS, 0),
            "warnings": outcome.warnings[:SHOWN_REJECTIONS],
            "creations": [
                {**created, "kelurahan": kelurahan_names.get(created["kelurahan_id"], "")}
                for created in outcome.created_rows
            ],
            "more_creations": max(outcome.created - len(outcome.created_rows), 0),
            "changes": [
                {
                    **updated,
                    "changes": [
                        _shown_change(name, before, after, kelurahan_names)
                        for name, before, after in updated["changes"]
                    ],
                }
                for updated in outcome.updated_rows
            ],
            "more_changes": max(outcome.updated - len(outcome.updated_rows), 0),
        },
    )


def _shown_change(name: str, before, after, kelurahan_names: dict) -> dict:
    """A changed field as the office reads it: its label, and both values as words."""
    field = UMKM._meta.get_field(name.removesuffix("_id"))
    return {
        "label": capfirst(field.verbose_name),
        "before": _shown_value(field, before, kelurahan_names),
        "after": _shown_value(field, after, kelurahan_names),
    }


def _shown_value(field, value, kelurahan_names: dict) -> str:
    if value is None or value == "":
        return "—"
    if field.name == "kelurahan":
        return kelurahan_names.get(value, str(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.name in ("capital", "annual_turnover"):
        return format_rupiah(value)
    return str(value)


@require_POST
@section_required(Section.REGISTRY, IMPORT_UMKM)
def import_batch_apply_view(request, pk: int):
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        outcome = import_batch_apply(batch=batch, user=request.user)
    except ImportFileError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Import done: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
              "%(rejected)s rejected.")
            % {"created": outcome.created, "updated": outcome.updated,
               "unchanged": outcome.unchanged, "rejected": outcome.rejected},
        )  # fmt: skip
    return redirect("registry:import-batch", pk=pk)


@require_POST
@section_required(Section.REGISTRY, IMPORT_UMKM)
def import_batch_cancel_view(request, pk: int):
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        import_batch_cancel(batch=batch)
    except ImportFileError as error:
        messages.error(request, str(error))
    else:
        messages.info(request, _("The import was cancelled; nothing was changed."))
    return redirect("registry:import")


@section_required(Section.REGISTRY, IMPORT_UMKM)
def import_batch_rejected(request, pk: int, fmt: str):
    batch = get_object_or_404(ImportBatch, pk=pk)
    outcome = ImportOutcome.from_json(batch.outcome)
    filename = f"{batch.original_name.rsplit('.', 1)[0]}-ditolak.{fmt}"
    if fmt == "csv":
        return csv_response(rejected_rows_csv_chunks(outcome), filename)
    return xlsx_response(rejected_rows_xlsx(outcome), filename)


@section_required(Section.REGISTRY, IMPORT_UMKM)
def import_template(request):
    """An empty spreadsheet with the import's headers, to fill in."""
    columns = [Column(name, lambda row: "", width=18) for name in ALL_COLUMNS]
    return xlsx_response(write_xlsx([], columns, title="UMKM"), "templat-impor-umkm.xlsx")
