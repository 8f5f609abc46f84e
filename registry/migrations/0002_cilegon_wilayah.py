"""Load Cilegon's 8 kecamatan and 43 kelurahan (Kemendagri codes) from registry/data/."""

from django.db import migrations

from registry.wilayah import load_reference_wilayah


def load_wilayah(apps, schema_editor):
    load_reference_wilayah(apps.get_model("registry", "Kecamatan"), apps.get_model("registry", "Kelurahan"))


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(load_wilayah, migrations.RunPython.noop)]
