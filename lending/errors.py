"""Lending's domain error: the one a service raises when a lending rule refuses an action."""


class LendingError(Exception):
    """A lending rule refused the action; the message says why, in the user's language."""
