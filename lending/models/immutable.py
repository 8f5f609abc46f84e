# Kept at this path: lending's first migration names the mixin here.
from cilegon_umkm.kernel.posted import PostedEntry

__all__ = ["PostedEntry"]
