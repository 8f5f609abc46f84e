"""Create the role groups with their permissions (accounts/roles.py)."""

from django.db import migrations

from cilegon_umkm.accounts.roles import sync_role_groups_migration


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(sync_role_groups_migration, migrations.RunPython.noop)]
