"""How passwords are stored."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OfficeArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id at the first configuration of OWASP's Password Storage Cheat Sheet: 46 MiB
    of memory, one pass, one lane. Django's own defaults (100 MiB, two passes, eight lanes)
    cost so much CPU per login that on the office's two-core server every request queued
    behind the morning's logins (BENCHMARKS.md); this is cheaper and still memory-hard.
    Hashes made with other parameters are rehashed at their owner's next login (Django
    compares the parameters)."""

    time_cost = 1
    memory_cost = 47_104  # KiB
    parallelism = 1
