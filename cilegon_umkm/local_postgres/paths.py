"""Where the project's PostgreSQL keeps its files, and the socket it listens on."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

# LOCAL_POSTGRES_DIR moves it (the tests of this package use a folder of their own).
ROOT = Path(
    os.environ.get("LOCAL_POSTGRES_DIR")
    or Path(__file__).resolve().parent.parent.parent / ".pgdata"
)
CLUSTER = ROOT / "cluster"
LOG = ROOT / "server.log"
USERS = ROOT / "users.json"  # the processes using the server
WATCHDOG = ROOT / "watchdog.json"  # the process that stops it once nobody uses it
LOCK = ROOT / "lock"
SOCKET_LINK = ROOT / "socket"  # names the short way to the cluster, when one is needed
PROJECT = Path(__file__).resolve().parent.parent.parent  # where `python -m` finds us

DATABASE = "cilegon_umkm"
SUPERUSER = "postgres"
PORT = 5432  # only names the socket file; the server listens on no TCP address
OS_USER = "cilegon-pg"  # runs the server when we are root
# A Unix socket's path holds about 107 bytes; the socket's lock file has the longest name.
_SOCKET_PATH_LIMIT = 100


def socket_dir() -> Path:
    """The folder named as the server's socket folder. The socket always lives in the
    cluster (0700, the server's own), so only its owner (and root) can connect. When the
    cluster's path is too long for a socket, a symbolic link in /tmp with an unguessable
    name, made by us and pointing at the cluster, names it instead: recorded in
    .pgdata/socket and used again only while it is still that link of ours."""
    if len(str(CLUSTER / f".s.PGSQL.{PORT}.lock")) < _SOCKET_PATH_LIMIT:
        return CLUSTER
    try:
        recorded = Path(SOCKET_LINK.read_text().strip())
        if _our_link_to_the_cluster(recorded):
            return recorded
    except (OSError, ValueError):
        pass
    ROOT.mkdir(exist_ok=True)
    link = Path("/tmp") / f"cilegon-pg-{secrets.token_hex(6)}"  # noqa: S108 (checked above)
    link.symlink_to(CLUSTER, target_is_directory=True)
    SOCKET_LINK.write_text(str(link))
    return link


def _our_link_to_the_cluster(path: Path) -> bool:
    try:
        return (
            path.is_symlink()
            and path.lstat().st_uid == os.geteuid()
            and os.readlink(path) == str(CLUSTER)
        )
    except OSError:
        return False


def forget_socket_link() -> None:
    """`stop` for good (make clean): the link in /tmp goes with the cluster."""
    try:
        recorded = Path(SOCKET_LINK.read_text().strip())
    except (OSError, ValueError):
        return
    if _our_link_to_the_cluster(recorded):
        recorded.unlink()
    SOCKET_LINK.unlink(missing_ok=True)
