"""Typo-tolerant search: pg_trgm and a GIN trigram index on the search text."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "umkm_search_text_trgm"


def create_index(apps, schema_editor):
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON registry_umkm USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_umkm_certification")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
    ]
