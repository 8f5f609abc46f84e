"""Spending (realisasi) is posted money: the database refuses to change it (and to delete
it, on PostgreSQL); a wrong entry is corrected by a reversing one."""

from django.db import migrations

from cilegon_umkm.kernel.posted import posted_guards

add_guards, drop_guards = posted_guards(["training_spending"], "training_refuse_change_of_spending")


class Migration(migrations.Migration):
    dependencies = [("training", "0001_budget_tracks_cohorts")]

    operations = [migrations.RunPython(add_guards, drop_guards)]
