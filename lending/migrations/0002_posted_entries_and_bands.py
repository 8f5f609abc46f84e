"""Posted money is never changed: the database refuses UPDATE and DELETE of fund ledger
entries and repayments. Also the default collectibility table."""

from django.db import migrations

from cilegon_umkm.kernel.posted import posted_guards
from lending.arrears import DEFAULT_BANDS

TABLES = ["lending_fundentry", "lending_repayment"]

add_guards, drop_guards = posted_guards(TABLES, "lending_refuse_change_of_posted_entry")


def add_default_bands(apps, schema_editor):
    band_model = apps.get_model("lending", "CollectibilityBand")
    for band in DEFAULT_BANDS:
        band_model.objects.update_or_create(
            level=band.level,
            defaults={"name": band.name, "min_days": band.min_days, "max_days": band.max_days},
        )


class Migration(migrations.Migration):
    dependencies = [("lending", "0001_initial")]

    operations = [
        migrations.RunPython(add_guards, drop_guards),
        migrations.RunPython(add_default_bands, migrations.RunPython.noop),
    ]
