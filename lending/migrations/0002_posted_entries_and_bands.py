"""Posted money is never changed: the database refuses UPDATE (and DELETE, on PostgreSQL)
of fund ledger entries and repayments. SQLite keeps only the UPDATE guard, because Django's
test flush empties tables with DELETE there. Also the default collectibility table."""

from django.db import migrations

from lending.arrears import DEFAULT_BANDS

TABLES = ["lending_fundentry", "lending_repayment"]

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION lending_refuse_change_of_posted_entry() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE =
        'a posted entry of ' || TG_TABLE_NAME || ' is never changed or deleted; post a reversal';
END;
$$ LANGUAGE plpgsql
"""


def add_guards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_posted BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION lending_refuse_change_of_posted_entry()"
            )
        elif vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_posted BEFORE UPDATE ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'a posted entry is never changed; post a reversal'); END"
            )


def drop_guards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_posted ON {table}")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_posted")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS lending_refuse_change_of_posted_entry()")


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
