"""Comparing names as people write them: case, spacing and punctuation do not count."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")


def words(text: str | None) -> list[str]:
    """ "  Warung BU. Siti's " -> ["warung", "bu", "siti", "s"]."""
    text = str(text or "")
    if not text.isascii():  # NFKC costs; most names in the registry are plain ASCII
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    return _NON_WORD.sub(" ", text).replace("_", " ").split()


def compact_key(text: str | None) -> str:
    """A key for equality: "Karang Asem" and "KARANGASEM" meet, as do "Warung Bu Siti" and
    "warung bu-siti". Used for business names (uniqueness per owner), places and sectors."""
    return "".join(words(text))
