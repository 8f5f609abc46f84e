"""Comparing names as people write them: case, spacing and punctuation do not count."""

import re
import unicodedata
from functools import lru_cache

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


class Vocabulary:
    """The words people write for each choice ("Perempuan", "wanita", "P" for female),
    compared by compact_key. Lookups are cached: a spreadsheet repeats a few spellings
    thousands of times."""

    def __init__(self, words_by_choice: dict):
        self._by_key = {
            compact_key(word): choice for choice, words in words_by_choice.items() for word in words
        }
        self.find = lru_cache(maxsize=1024)(self._find)

    def _find(self, text: str | None):
        """The choice `text` means, or None when the word is unknown."""
        return self._by_key.get(compact_key(text))
