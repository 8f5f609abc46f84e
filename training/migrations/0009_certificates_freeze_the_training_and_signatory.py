"""A certificate keeps what its paper says as of the day of issue: the kelurahan, the
training (track, cohort, dates, venue) and who signed it. Existing certificates take these
from their enrolment as it stands now (the closest record there is) and the signatory from
the settings of the day this migration runs."""

import datetime

from django.conf import settings
from django.db import migrations, models

PLACEHOLDER_DAY = datetime.date(2000, 1, 1)  # replaced for every row below

CHAR_FIELDS = [
    ("kelurahan_name", 100, "kelurahan on the certificate", False),
    ("track_name", 150, "training on the certificate", False),
    ("cohort_name", 150, "cohort on the certificate", False),
    ("venue", 200, "venue on the certificate", False),
    ("signatory_title", 200, "signatory's title", True),
    ("signatory_name", 150, "signatory's name", True),
    ("signatory_nip", 30, "signatory's NIP", True),
]
DATE_FIELDS = [
    ("cohort_starts_on", "training started on"),
    ("cohort_ends_on", "training ended on"),
]


def _add_fields():
    operations = []
    for model_name in ("certificate", "historicalcertificate"):
        for name, length, label, blank in CHAR_FIELDS:
            operations.append(
                migrations.AddField(
                    model_name=model_name,
                    name=name,
                    field=models.CharField(
                        default="", max_length=length, verbose_name=label, blank=blank
                    ),
                    preserve_default=False,
                )
            )
        for name, label in DATE_FIELDS:
            operations.append(
                migrations.AddField(
                    model_name=model_name,
                    name=name,
                    field=models.DateField(default=PLACEHOLDER_DAY, verbose_name=label),
                    preserve_default=False,
                )
            )
    return operations


def freeze_existing(apps, schema_editor):
    Certificate = apps.get_model("training", "Certificate")
    certificates = Certificate.objects.select_related(
        "enrollment__umkm__kelurahan", "enrollment__cohort__track"
    ).order_by("pk")
    batch = []
    for certificate in certificates.iterator(chunk_size=500):
        cohort = certificate.enrollment.cohort
        certificate.kelurahan_name = certificate.enrollment.umkm.kelurahan.name
        certificate.track_name = cohort.track.name
        certificate.cohort_name = cohort.name
        certificate.cohort_starts_on = cohort.starts_on
        certificate.cohort_ends_on = cohort.ends_on
        certificate.venue = cohort.venue
        certificate.signatory_title = settings.CERTIFICATE_SIGNATORY_TITLE
        certificate.signatory_name = settings.CERTIFICATE_SIGNATORY_NAME
        certificate.signatory_nip = settings.CERTIFICATE_SIGNATORY_NIP
        batch.append(certificate)
    Certificate.objects.bulk_update(
        batch,
        [name for name, *_rest in CHAR_FIELDS] + [name for name, _label in DATE_FIELDS],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [("training", "0008_allocation_year_in_range")]

    operations = [
        *_add_fields(),
        migrations.RunPython(freeze_existing, migrations.RunPython.noop),
    ]
