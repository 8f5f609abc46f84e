"""Mentoring's domain error: the one a service raises when a mentoring rule refuses an
action."""


class MentoringError(Exception):
    """A refused mentoring action; the message is for the user."""
