class LendingError(Exception):
    """A lending rule refused the action; the message says why, in the user's language."""
