"""Training certificates say who really issued them: the registry's entry of each training
certificate becomes a training certificate ("pelatihan"), no longer a halal or competency
certificate issued by the Dinas; each certificate keeps its holder's names as they were on
the day of issue; certificates obtained through a training get their link."""

import datetime

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TRAINING = "pelatihan"


def training_certificates_are_training(apps, schema_editor):
    Certificate = apps.get_model("training", "Certificate")
    Certification = apps.get_model("registry", "Certification")
    HistoricalUMKM = apps.get_model("registry", "HistoricalUMKM")
    Certification.objects.filter(
        pk__in=Certificate.objects.filter(certification__isnull=False).values("certification")
    ).exclude(kind=TRAINING).update(kind=TRAINING)
    certificates = Certificate.objects.select_related("enrollment__umkm").order_by("pk")
    for certificate in certificates.iterator(chunk_size=500):
        umkm = certificate.enrollment.umkm
        # The names as they stood at the end of the day of issue, when the history has them.
        end_of_day = datetime.datetime.combine(
            certificate.issued_on + datetime.timedelta(days=1), datetime.time.min
        ).replace(tzinfo=datetime.timezone(datetime.timedelta(hours=7)))  # Asia/Jakarta
        then = (
            HistoricalUMKM.objects.filter(id=umkm.pk, history_date__lt=end_of_day)
            .order_by("-history_date", "-history_id")
            .values_list("name", "owner_name")
            .first()
        )
        certificate.business_name, certificate.owner_name = then or (umkm.name, umkm.owner_name)
        certificate.save(update_fields=["business_name", "owner_name"])


def training_certificates_back_to_track_kind(apps, schema_editor):
    Track = apps.get_model("training", "Track")
    Certificate = apps.get_model("training", "Certificate")
    Certification = apps.get_model("registry", "Certification")
    for track in Track.objects.all():
        Certification.objects.filter(
            kind=TRAINING,
            pk__in=Certificate.objects.filter(enrollment__cohort__track=track).values(
                "certification"
            ),
        ).update(kind=track.certificate_kind)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0009_certification_kind_pelatihan"),
        ("training", "0006_enrolment_override_reason"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="business_name",
            field=models.CharField(
                default="", max_length=200, verbose_name="business name on the certificate"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="certificate",
            name="owner_name",
            field=models.CharField(
                default="", max_length=150, verbose_name="owner name on the certificate"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalcertificate",
            name="business_name",
            field=models.CharField(
                default="", max_length=200, verbose_name="business name on the certificate"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalcertificate",
            name="owner_name",
            field=models.CharField(
                default="", max_length=150, verbose_name="owner name on the certificate"
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="track",
            name="certificate_kind",
            field=models.CharField(
                choices=[
                    ("nib", "NIB (business identity number)"),
                    ("pirt", "PIRT (home food industry permit)"),
                    ("halal", "Halal"),
                    ("sni", "SNI"),
                    ("bpom", "BPOM"),
                    ("hki", "Trademark / intellectual property (merek/HKI)"),
                    ("kompetensi", "Competency certificate"),
                    ("pelatihan", "Training certificate"),
                    ("lainnya", "Other"),
                ],
                max_length=12,
                verbose_name="certificate",
            ),
        ),
        migrations.CreateModel(
            name="FacilitatedCertification",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "certification",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="registry.certification",
                        verbose_name="certification",
                    ),
                ),
                (
                    "enrollment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="facilitated_certifications",
                        to="training.enrollment",
                        verbose_name="enrolment",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "certificate obtained through training",
                "verbose_name_plural": "certificates obtained through training",
                "ordering": ["-recorded_at", "-id"],
            },
        ),
        migrations.RunPython(
            training_certificates_are_training, training_certificates_back_to_track_kind
        ),
    ]
