"""The registry's domain errors: a refused action, with a message for the user in their
language. Other apps catch RegistryError around the registry's services."""


class RegistryError(Exception):
    """A registry write was refused; nothing was changed."""


class MergeError(RegistryError):
    """The merge would lose or contradict data; nothing was changed."""


class ImportFileError(RegistryError):
    """The whole import file is unusable; the message says why."""


class CellError(ValueError):
    """One cell of an import row cannot be read; the message says why, and the row is
    rejected with it (the import goes on with the other rows)."""
