"""Who uses the server, and the watchdog that stops it once nobody does.

Every process that connects (runserver, pytest and each xdist worker, manage.py commands)
adds its pid to .pgdata/users.json. A detached watchdog, started with the server, stops it
when no listed process has lived for a grace period (LOCAL_POSTGRES_GRACE seconds, 10 by
default): so the server outlives the moment between two commands of `make run` and every
reload of runserver, yet stops soon after the last command ends however it ended (Ctrl-C,
SIGTERM, SIGKILL). A pid whose process is gone, or now belongs to another process, counts
for nothing."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time

import psutil

from .paths import PROJECT, ROOT, USERS, WATCHDOG
from .server import locked, postmaster_pid, stop_server


def grace() -> float:
    return float(os.environ.get("LOCAL_POSTGRES_GRACE") or 10)


def add_user(pid: int) -> None:
    users = read_users()
    if pid not in users:
        users.append(pid)
    USERS.write_text(json.dumps([_entry(pid) for pid in users if _entry(pid)]))


def remove_user(pid: int) -> None:
    """At exit: off the list at once (the watchdog stops the server after the grace)."""
    with contextlib.suppress(OSError), locked():
        users = [user for user in read_users() if user != pid]
        USERS.write_text(json.dumps([_entry(user) for user in users if _entry(user)]))


def read_users() -> list[int]:
    """Pids of processes that use the server and still live (a killed run leaves its own)."""
    try:
        entries = json.loads(USERS.read_text())
    except (OSError, ValueError):
        return []
    return [entry["pid"] for entry in entries if _alive(entry)]


def clear_users() -> None:
    USERS.write_text("[]")


def ensure_watchdog() -> None:
    """Under locked(), with the server running: one watchdog, started unless it lives."""
    try:
        if _alive(json.loads(WATCHDOG.read_text())):
            return
    except (OSError, ValueError):
        pass
    process = subprocess.Popen(
        [sys.executable, "-m", "cilegon_umkm.local_postgres", "watch"],
        cwd=PROJECT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # not stopped with the terminal's Ctrl-C
        close_fds=True,
    )
    entry = _entry(process.pid)
    WATCHDOG.write_text(json.dumps(entry))


def watch() -> None:
    """The watchdog's loop: stop the server once nobody has used it for grace() seconds;
    end when the server is gone (stopped by someone else, or `make clean`)."""
    idle_since: float | None = None
    while True:
        time.sleep(1)
        if not ROOT.exists():
            return
        with locked():
            if postmaster_pid() is None:
                return
            if read_users():
                idle_since = None
                continue
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since >= grace():
                stop_server()
                return


def _entry(pid: int) -> dict | None:
    try:
        return {"pid": pid, "started": psutil.Process(pid).create_time()}
    except psutil.Error:
        return None


def _alive(entry: object) -> bool:
    """Alive and the same process (a pid can be reused once its process is gone)."""
    if not isinstance(entry, dict):
        return False
    try:
        process = psutil.Process(entry["pid"])
        return (
            process.status() != psutil.STATUS_ZOMBIE and process.create_time() == entry["started"]
        )
    except (psutil.Error, KeyError, TypeError):
        return False
