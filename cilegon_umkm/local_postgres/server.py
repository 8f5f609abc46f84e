"""The server's own steps: initdb, start, stop, and clearing what a killed server left.
Every step runs under the lock of .pgdata/, so processes starting at the same moment make
one server between them."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pwd
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

from .executables import LocalPostgresError, binaries
from .paths import CLUSTER, LOCK, LOG, OS_USER, PORT, ROOT, SUPERUSER, socket_dir

# A development copy that `make clean` throws away: no fsync (the test suite creates and
# drops databases all the time). What was committed survives a killed server or program;
# only a crash of the machine itself can cost the demo data.
SERVER_OPTIONS = "-c listen_addresses='' -c fsync=off -c full_page_writes=off"


@contextlib.contextmanager
def locked() -> Iterator[None]:
    ROOT.mkdir(exist_ok=True)
    with open(LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_running() -> bool:
    """Under locked(): start the server unless it runs (initdb first when there is no
    cluster). True if this call started it."""
    if not (CLUSTER / "PG_VERSION").exists():
        _initdb()
    if postmaster_pid() is not None:
        return False
    _clear_killed_server()
    options = f"{SERVER_OPTIONS} -k {shlex.quote(str(socket_dir()))} -p {PORT}"
    _run("pg_ctl", "-D", str(CLUSTER), "-l", str(LOG), "-o", options, "-w", "-t", "60", "start")
    return True


def ensure_database(database: str) -> None:
    import psycopg

    with psycopg.connect(
        host=str(socket_dir()), port=PORT, user=SUPERUSER, dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{database}"')


def stop_server() -> bool:
    if postmaster_pid() is None:
        return False
    _run("pg_ctl", "-D", str(CLUSTER), "-m", "fast", "-w", "-t", "60", "stop")
    return True


def postmaster_pid() -> int | None:
    """The running server's pid, from its postmaster.pid, if it is one of ours."""
    try:
        pid = int((CLUSTER / "postmaster.pid").read_text().split()[0])
        process = psutil.Process(pid)
        # A killed server nobody reaped stays a zombie under its pid (containers whose
        # first process reaps no orphans): gone all the same.
        if process.status() == psutil.STATUS_ZOMBIE or "postgres" not in process.name():
            return None
        return pid
    except (OSError, IndexError, ValueError, psutil.Error):
        return None


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


def _initdb() -> None:
    """initdb into a folder of its own, renamed to the cluster only once it is whole: a run
    killed half-way leaves no cluster that looks made and is not."""
    making = ROOT / "cluster.initdb"
    if making.exists():
        shutil.rmtree(making)  # an initdb that did not finish
    making.mkdir(mode=0o700)
    user = server_os_user()
    if user:
        _let_traverse(ROOT, user)
        _let_traverse(binaries().bindir, user)
        os.chown(making, user.pw_uid, user.pw_gid)
        os.chown(ROOT, user.pw_uid, user.pw_gid)  # the server writes its log here
    _run(
        "initdb",
        "-D",
        str(making),
        "-U",
        SUPERUSER,
        "--auth=trust",
        "--encoding=UTF8",
        "--locale=C.UTF-8",
        "--no-instructions",
    )
    if CLUSTER.exists():  # an empty or broken folder in the way
        shutil.rmtree(CLUSTER)
    making.rename(CLUSTER)


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
        for stale in [lock, *CLUSTER.glob(".s.PGSQL.*")]:  # the socket and its lock file
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


def _let_traverse(path: Path, user: pwd.struct_passwd) -> None:
    """The server's user must reach the cluster and the binaries: give o+x (enter, not
    list) to each folder on the way that lacks it, and say so."""
    opened = []
    for folder in [path, *path.parents]:
        mode = folder.stat().st_mode
        if not mode & 0o001:
            folder.chmod(mode | 0o001)
            opened.append(str(folder))
    if opened:
        print(
            f"Let PostgreSQL's user {user.pw_name} pass through (o+x): {', '.join(opened)}",
            file=sys.stderr,
        )
