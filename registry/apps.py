from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    """The UMKM registry and Cilegon's geography (kecamatan, kelurahan)."""

    name = "registry"
    verbose_name = _("UMKM registry")

    def ready(self) -> None:
        post_migrate.connect(_ensure_reference_wilayah, sender=self)
        connection_created.connect(_tune_trigram_search)


def _ensure_reference_wilayah(sender, **kwargs) -> None:
    """The data migration loads the geography once; `flush` (run between transactional
    tests) empties every table and then sends post_migrate, so reload it here too."""
    from .models import Kecamatan, Kelurahan
    from .wilayah import KELURAHAN_COUNT, load_reference_wilayah

    if Kelurahan.objects.using(kwargs.get("using", "default")).count() != KELURAHAN_COUNT:
        load_reference_wilayah(Kecamatan, Kelurahan)


def _tune_trigram_search(sender, connection, **kwargs) -> None:
    """The search's similarity thresholds, once per database connection."""
    from .selectors import TRIGRAM_THRESHOLDS

    with connection.cursor() as cursor:
        for name, value in TRIGRAM_THRESHOLDS.items():
            cursor.execute("SELECT set_config(%s, %s, false)", [name, str(value)])
