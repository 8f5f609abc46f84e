"""Writes to the registry. Views, admin actions, commands and seed_demo call these; nothing
else writes businesses."""

from .duplicates import duplicate_dismiss, duplicates_refresh
from .importing import (
    ImportOutcome,
    import_batch_apply,
    import_batch_cancel,
    import_batch_create,
    umkm_import,
)
from .merging import MergeError, umkm_merge
from .personal_data import personal_data_access_log

__all__ = [
    "ImportOutcome",
    "MergeError",
    "duplicate_dismiss",
    "duplicates_refresh",
    "import_batch_apply",
    "import_batch_cancel",
    "import_batch_create",
    "personal_data_access_log",
    "umkm_import",
    "umkm_merge",
]
