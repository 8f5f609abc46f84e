class TrainingError(Exception):
    """A refused training action; the message is for the user."""
