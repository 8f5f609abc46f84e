"""One name for denda and one for jasa in the code: penalty_* and late_fee_* become denda_*,
annual_rate becomes jasa_percent_per_year. Columns are renamed, so every value stays; the
loan's copies of the product's terms and the installments' paid parts get the labels the
admin shows, and the rate's check constraint is restated on the new name."""

from django.db import migrations, models

RENAMES = {
    "product": [
        ("annual_rate", "jasa_percent_per_year"),
        ("late_fee_percent_per_month", "denda_percent_per_month"),
        ("late_fee_grace_days", "denda_grace_days"),
    ],
    "loan": [
        ("annual_rate", "jasa_percent_per_year"),
        ("late_fee_percent_per_month", "denda_percent_per_month"),
        ("late_fee_grace_days", "denda_grace_days"),
        ("penalty_paid", "denda_paid"),
    ],
    "historicalloan": [
        ("annual_rate", "jasa_percent_per_year"),
        ("late_fee_percent_per_month", "denda_percent_per_month"),
        ("late_fee_grace_days", "denda_grace_days"),
        ("penalty_paid", "denda_paid"),
    ],
    "installment": [("penalty_paid", "denda_paid")],
}


class Migration(migrations.Migration):
    dependencies = [
        ("lending", "0007_fund_totals"),
    ]

    operations = [
        *(
            migrations.RenameField(model_name=model, old_name=old, new_name=new)
            for model, fields in RENAMES.items()
            for old, new in fields
        ),
        migrations.RemoveConstraint(
            model_name="product",
            name="product_rate_not_negative",
        ),
        migrations.AlterField(
            model_name="fundentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("modal", "capital added (APBD)"),
                    ("pencairan", "principal disbursed"),
                    ("pokok", "principal repaid"),
                    ("jasa", "jasa received"),
                    ("denda", "denda received"),
                    ("hapus_buku", "principal written off"),
                ],
                max_length=12,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="fundtotal",
            name="kind",
            field=models.CharField(
                choices=[
                    ("modal", "capital added (APBD)"),
                    ("pencairan", "principal disbursed"),
                    ("pokok", "principal repaid"),
                    ("jasa", "jasa received"),
                    ("denda", "denda received"),
                    ("hapus_buku", "principal written off"),
                ],
                max_length=12,
            ),
        ),
        migrations.AlterField(
            model_name="historicalloan",
            name="denda_grace_days",
            field=models.PositiveSmallIntegerField(verbose_name="denda grace days"),
        ),
        migrations.AlterField(
            model_name="historicalloan",
            name="denda_percent_per_month",
            field=models.DecimalField(
                decimal_places=2,
                max_digits=5,
                verbose_name="denda (percent of the installment per month late)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalloan",
            name="early_payoff_rule",
            field=models.CharField(max_length=16, verbose_name="early payoff"),
        ),
        migrations.AlterField(
            model_name="historicalloan",
            name="rounding_multiple",
            field=models.PositiveIntegerField(verbose_name="installments rounded to (Rp)"),
        ),
        migrations.AlterField(
            model_name="installment",
            name="denda_paid",
            field=models.BigIntegerField(default=0, verbose_name="denda paid"),
        ),
        migrations.AlterField(
            model_name="installment",
            name="jasa_paid",
            field=models.BigIntegerField(default=0, verbose_name="jasa paid"),
        ),
        migrations.AlterField(
            model_name="installment",
            name="jasa_waived",
            field=models.BigIntegerField(default=0, verbose_name="jasa waived"),
        ),
        migrations.AlterField(
            model_name="installment",
            name="principal_paid",
            field=models.BigIntegerField(default=0, verbose_name="principal paid"),
        ),
        migrations.AlterField(
            model_name="installment",
            name="settled_on",
            field=models.DateField(blank=True, null=True, verbose_name="paid off on"),
        ),
        migrations.AlterField(
            model_name="loan",
            name="denda_grace_days",
            field=models.PositiveSmallIntegerField(verbose_name="denda grace days"),
        ),
        migrations.AlterField(
            model_name="loan",
            name="denda_percent_per_month",
            field=models.DecimalField(
                decimal_places=2,
                max_digits=5,
                verbose_name="denda (percent of the installment per month late)",
            ),
        ),
        migrations.AlterField(
            model_name="loan",
            name="early_payoff_rule",
            field=models.CharField(max_length=16, verbose_name="early payoff"),
        ),
        migrations.AlterField(
            model_name="loan",
            name="rounding_multiple",
            field=models.PositiveIntegerField(verbose_name="installments rounded to (Rp)"),
        ),
        migrations.AddConstraint(
            model_name="product",
            constraint=models.CheckConstraint(
                condition=models.Q(("jasa_percent_per_year__gte", 0)),
                name="product_rate_not_negative",
            ),
        ),
    ]
