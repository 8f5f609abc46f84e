"""Writes to the registry. Views, admin actions, commands, seed_demo and the other apps call
these; nothing else writes businesses or their certifications."""

from .certifications import (
    NewCertification,
    certification_add,
    certification_add_many,
    certification_revoke,
)
from .duplicates import duplicate_dismiss, duplicates_refresh
from .importing import (
    ImportOutcome,
    import_batch_apply,
    import_batch_cancel,
    import_batch_create,
    umkm_import,
)
from .merging import umkm_merge
from .personal_data import personal_data_access_log
from .sector_words import sector_word_apply, sector_word_save
from .umkm import umkm_correct, umkm_register

__all__ = [
    "ImportOutcome",
    "NewCertification",
    "certification_add",
    "certification_add_many",
    "certification_revoke",
    "duplicate_dismiss",
    "duplicates_refresh",
    "import_batch_apply",
    "import_batch_cancel",
    "import_batch_create",
    "personal_data_access_log",
    "sector_word_apply",
    "sector_word_save",
    "umkm_correct",
    "umkm_import",
    "umkm_merge",
    "umkm_register",
]
