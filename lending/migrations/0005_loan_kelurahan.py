import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def where_made(apps, schema_editor):
    """Existing loans were made where their business is now (no move was recorded)."""
    Loan = apps.get_model("lending", "Loan")
    UMKM = apps.get_model("registry", "UMKM")
    Loan.objects.update(
        kelurahan_id=Subquery(UMKM.objects.filter(pk=OuterRef("umkm_id")).values("kelurahan_id"))
    )


class Migration(migrations.Migration):

    dependencies = [
        ("lending", "0004_application_dates_given"),
        ("registry", "0006_umkm_tally"),
    ]

    operations = [
        migrations.AddField(
            model_name="loan",
            name="kelurahan",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="loans",
                to="registry.kelurahan",
                verbose_name="kelurahan",
            ),
        ),
        migrations.RunPython(where_made, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="loan",
            name="kelurahan",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="loans",
                to="registry.kelurahan",
                verbose_name="kelurahan",
            ),
        ),
    ]
