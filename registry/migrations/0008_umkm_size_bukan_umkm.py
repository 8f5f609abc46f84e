# The size becomes "bukan_umkm" when capital or turnover is above PP 7/2021's menengah limits
# (kept and flagged instead of refused, and never classed by the smaller figure). PostgreSQL
# cannot change a generated column's expression: both columns are dropped and added again,
# and the registry tally, keyed by size, is counted again.

from django.db import migrations, models

RECOUNT_TALLY = """
DELETE FROM registry_umkmtally;
INSERT INTO registry_umkmtally (kelurahan_id, size, sector, source, registered_month, n)
SELECT kelurahan_id, coalesce(size, ''), sector, source,
       date_trunc('month', created_at AT TIME ZONE 'Asia/Jakarta')::date, count(*)
FROM registry_umkm GROUP BY 1, 2, 3, 4, 5;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0007_umkm_not_verified_index'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='umkm',
            name='umkm_within_pp7_2021_limits',
        ),
        migrations.RemoveField(model_name='umkm', name='size'),
        migrations.RemoveField(model_name='umkm', name='size_basis'),
        migrations.AddField(
            model_name='umkm',
            name='size',
            field=models.GeneratedField(db_persist=True, expression=models.Case(models.When(models.Q(('capital__gt', 10000000000), ('annual_turnover__gt', 50000000000), _connector='OR'), then=models.Value('bukan_umkm')), models.When(annual_turnover__isnull=False, then=models.Case(models.When(annual_turnover__lte=2000000000, then=models.Value('mikro')), models.When(annual_turnover__lte=15000000000, then=models.Value('kecil')), models.When(annual_turnover__lte=50000000000, then=models.Value('menengah')), default=models.Value(None), output_field=models.CharField())), models.When(capital__isnull=False, then=models.Case(models.When(capital__lte=1000000000, then=models.Value('mikro')), models.When(capital__lte=5000000000, then=models.Value('kecil')), models.When(capital__lte=10000000000, then=models.Value('menengah')), default=models.Value(None), output_field=models.CharField())), default=models.Value(None), output_field=models.CharField()), output_field=models.CharField(choices=[('mikro', 'Micro (mikro)'), ('kecil', 'Small (kecil)'), ('menengah', 'Medium (menengah)'), ('bukan_umkm', 'Not an UMKM (bukan UMKM)')], max_length=10, null=True), verbose_name='size'),
        ),
        migrations.AddField(
            model_name='umkm',
            name='size_basis',
            field=models.GeneratedField(db_persist=True, expression=models.Case(models.When(annual_turnover__gt=50000000000, then=models.Value('omzet')), models.When(capital__gt=10000000000, then=models.Value('modal')), models.When(annual_turnover__isnull=False, then=models.Value('omzet')), models.When(capital__isnull=False, then=models.Value('modal')), default=models.Value(None), output_field=models.CharField()), output_field=models.CharField(choices=[('omzet', 'annual turnover'), ('modal', 'capital')], max_length=5, null=True), verbose_name='size from'),
        ),
        migrations.RunSQL(RECOUNT_TALLY, RECOUNT_TALLY),
    ]
