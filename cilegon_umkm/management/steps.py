"""One line per step of a long command, with what it did and how long it took, so that
`make run` never sits silent while it sets up:

      3.1 s  Businesses: 34000 created, 0 updated, 0 unchanged, 0 rejected
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator


class Steps:
    def __init__(self, out) -> None:
        self.out = out
        self.started = time.perf_counter()
        self._result = ""

    @contextlib.contextmanager
    def __call__(self, label: str) -> Iterator[None]:
        self._result = ""
        started = time.perf_counter()
        yield
        seconds = time.perf_counter() - started
        self.out.write(f"{seconds:7.1f} s  {label}: {self._result or 'done'}")

    def done(self, result: str) -> None:
        """What the step did, written on its line when it ends."""
        self._result = result

    @property
    def total(self) -> str:
        return f"{time.perf_counter() - self.started:.0f} s in all"
