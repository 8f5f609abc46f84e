"""Load test: the portal behind real gunicorn, a working day's mix of users from locust, and
then the books checked on the database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cilegon_bench_demo \\
        .venv/bin/python bench/load.py [--users 50] [--spawn-rate 2] [--run-time 3m]

On a SCRATCH PostgreSQL database with seed_demo data only: it writes (repayments, visits,
sessions) and gives the demo's mentor colleagues the demo password so that they can log in
(seed_demo leaves them without a usable one). It refuses a database without the demo users.

What it does, each step bounded in time:
1. prepares the plan of the run (who logs in, which loans, search terms) and checks the
   books once before, so that a fault found afterwards is known to come from the run;
2. collects the static files into a temporary folder and starts gunicorn (4 workers) with
   the production settings, adjusted by environment for plain http on 127.0.0.1;
3. runs locust headless (bench/load/locustfile.py), CSV into the output folder;
4. prints throughput, p50/p95 per page and the errors, and whether each p95 is under the
   target (500 ms);
5. checks the books again: fund totals against the ledger, every loan's paid totals against
   its ledger lines and a replay of its repayments, one client token per repayment, no
   receipt number posted twice for a loan, no cohort over its quota, no visit twice.

Exit status: 0 if every check passed and no request failed, 1 otherwise (a slow page is
reported, and fails the run only with --strict-p95)."""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent  # .venv/bin: gunicorn and locust beside python
LOCUSTFILE = ROOT / "bench" / "load" / "locustfile.py"
START_TIMEOUT = 60  # seconds for gunicorn to answer /healthz
CHECK_TIMEOUT_MS = 120_000  # per SQL statement of the books check
REPLAY_LIMIT = 500  # loans replayed in Python: every loan the run touched, then a sample

SETTINGS_MODULE = '''"""Written by bench/load.py: the production settings, with the static
files collected into a temporary folder (production keeps them in staticfiles/)."""

from cilegon_umkm.settings.production import *  # noqa: F403

STATIC_ROOT = env.path("LOAD_STATIC_ROOT")  # noqa: F405
'''


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument(
        "--spawn-rate",
        type=float,
        default=2,
        help="users started per second (default 2: the 50 log in over 25 s)",
    )
    parser.add_argument("--run-time", default="3m", help="locust's --run-time (default 3m)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (>1: gthread; default 1)"
    )
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "test-artifacts" / "load",
        help="folder for locust's CSV and the server log (default test-artifacts/load/)",
    )
    parser.add_argument("--p95-target", type=float, default=500, help="ms (default 500)")
    parser.add_argument("--strict-p95", action="store_true", help="a slow page fails the run")
    parser.add_argument(
        "--reset-stats",
        action="store_true",
        help="locust's --reset-stats: leave the ramp-up (the logins) out of the figures",
    )
    parser.add_argument(
        "--conn-max-age", default="60", help="CONN_MAX_AGE of the servers (default 60)"
    )
    parser.add_argument(
        "--cache-url",
        default="redis://127.0.0.1:6379/0",
        help="the servers' CACHE_URL, given a key prefix of this run's own (default: the "
        "machine's Redis, shared by the workers as in production; 'locmemcache://' for a "
        "cache per worker process)",
    )
    return parser.parse_args()


def seconds(run_time: str) -> int:
    """locust's 1h30m / 3m / 90s / 90 as seconds."""
    parts = re.findall(r"(\d+)([hms]?)", run_time)
    if not parts:
        sys.exit(f"cannot read --run-time {run_time!r}")
    return sum(int(n) * {"h": 3600, "m": 60, "s": 1, "": 1}[unit] for n, unit in parts)


# -- the environment shared by this process and the servers ----------------------------------


def server_env(tmp: Path, conn_max_age: str, cache_url: str) -> dict[str, str]:
    (tmp / "loadtest_settings.py").write_text(SETTINGS_MODULE)
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "loadtest_settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain http on 127.0.0.1: no TLS redirect, no HSTS, cookies over http.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "AXES_PROXY_COUNT": "0",  # no proxy in front: the client is REMOTE_ADDR
        "LOAD_STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "CONN_MAX_AGE": conn_max_age,
        "CACHE_URL": with_key_prefix(cache_url, f"load-{secrets.token_hex(4)}"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def with_key_prefix(cache_url: str, prefix: str) -> str:
    """A cold cache for each run: figures another run left in Redis are not read."""
    if cache_url.startswith("locmem"):
        return cache_url
    return f"{cache_url}{'&' if '?' in cache_url else '?'}key_prefix={prefix}"


def setup_django(env: dict[str, str]) -> None:
    for key in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "LOAD_STATIC_ROOT"):
        os.environ[key] = env[key]
    sys.path[:0] = env["PYTHONPATH"].split(os.pathsep)
    import django

    django.setup()


# -- the plan of the run ----------------------------------------------------------------------


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def make_plan(run: str) -> dict:
    from django.contrib.auth import get_user_model
    from django.db.models import Q
    from django.utils import timezone

    from cilegon_umkm.accounts.demo import DEMO_PASSWORD, DEMO_USERS
    from lending.models import Loan
    from mentoring.models import Mentor
    from registry.models import UMKM, Kecamatan, Kelurahan, Source, Status
    from registry.sectors import Sector
    from registry.size import Size

    users = get_user_model().objects
    demo = {d.username for d in DEMO_USERS}
    if users.filter(username__in=demo).count() != len(demo):
        sys.exit("refused: this database has no seed_demo users, so it is not a scratch one")
    for name in ("staf.dinas", "staf.upt", "pimpinan", "kepala.upt"):
        if not users.get(username=name).check_password(DEMO_PASSWORD):
            sys.exit(f"{name} does not have the demo password; not logging in with a guess")

    today = timezone.localdate()
    in_force = Q(assignments__starts_on__lte=today) & (
        Q(assignments__ends_on__isnull=True) | Q(assignments__ends_on__gte=today)
    )
    mentors = list(
        Mentor.objects.filter(in_force, active=True, user__is_active=True)
        .distinct()
        .order_by("user__username")
        .values_list("user__username", flat=True)
    )
    # seed_demo's colleagues have unusable passwords: give them the demo one (one hash).
    sample = users.get(username="pendamping.ekonomi")
    given = (
        users.filter(username__in=mentors, password__startswith="!")  # noqa: S106 unusable
        .exclude(pk=sample.pk)
        .update(password=sample.password)
    )

    rng = random.Random(run)  # noqa: S311  picking search terms, not secrets
    names = list(
        UMKM.objects.order_by("?").values_list("name", "owner_name", "nib", "owner_phone")[:400]
    )
    terms = []
    for name, owner, nib, phone in names:
        roll = rng.random()
        if roll < 0.45:
            terms.append(" ".join(name.split()[:2]))
        elif roll < 0.65:
            terms.append(_typo(name.split()[-1], rng))
        elif roll < 0.85:
            terms.append(owner)
        elif roll < 0.95 and nib:
            terms.append(nib)
        elif phone:
            terms.append(phone)
    loans = [
        {"pk": pk, "number": number, "owner": owner}
        for pk, number, owner in Loan.objects.filter(status=Loan.Status.ACTIVE)
        .order_by("pk")
        .values_list("pk", "number", "umkm__owner_name")
    ]
    return {
        "run": run,
        "password": DEMO_PASSWORD,
        "year": today.year,
        "office": ["staf.dinas"],
        "desk": ["staf.upt"],
        "leaders": ["pimpinan", "kepala.upt"],
        "mentors": mentors,
        "mentor_passwords_given": given,
        "loans": loans,
        "search_terms": terms,
        "umkm_ids": list(UMKM.objects.order_by("?").values_list("pk", flat=True)[:500]),
        "filters": {
            "kecamatan": list(Kecamatan.objects.values_list("pk", flat=True)),
            "kelurahan": list(Kelurahan.objects.values_list("pk", flat=True)),
            "skala": list(Size.values),
            "sektor": list(Sector.values),
            "status": list(Status.values),
            "sumber": list(Source.values),
        },
    }


# -- the books --------------------------------------------------------------------------------


def check_books(since_repayment: int, since_visit: int) -> list[str]:
    """Every rule the run must not have broken; returns the faults found (empty: fine)."""
    from django.db import connection
    from django.db.models import Count, F, OuterRef, Q, Subquery, Sum, Value
    from django.db.models.functions import Coalesce

    from lending.models import Fund, FundEntry, FundTotal, Loan, Repayment
    from lending.selectors import loan_position
    from mentoring.models import Visit
    from training.models import Cohort, Enrollment

    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {CHECK_TIMEOUT_MS}")
    faults: list[str] = []

    def fault(text: str) -> None:
        faults.append(text)
        print(f"  FAIL {text}")

    def ok(text: str) -> None:
        print(f"  ok   {text}")

    # 1. Per fund and kind: the trigger-kept totals equal the ledger's sums.
    ledger = {
        (row["fund"], row["kind"]): row["total"]
        for row in FundEntry.objects.values("fund", "kind").annotate(total=Sum("amount"))
    }
    totals = {(t.fund_id, t.kind): t.total for t in FundTotal.objects.all()}
    wrong = {
        key: (totals.get(key), ledger.get(key))
        for key in set(ledger) | set(totals)
        if (totals.get(key) or 0) != (ledger.get(key) or 0)
    }
    if wrong:
        fault(f"FundTotal differs from the ledger (fund, kind: total, ledger): {wrong}")
    else:
        ok(f"FundTotal equals the ledger sums ({len(ledger)} fund/kind pairs)")

    # 2. Per loan: paid totals equal the loan's ledger lines of that kind.
    parts = {"principal_paid": "pokok", "jasa_paid": "jasa", "denda_paid": "denda"}
    for field, kind in parts.items():
        off = list(
            Loan.objects.annotate(
                ledger=Coalesce(
                    Sum("fund_entries__amount", filter=Q(fund_entries__kind=kind)), Value(0)
                )
            )
            .exclude(**{field: F("ledger")})
            .values_list("number", field, "ledger")[:10]
        )
        if off:
            fault(f"loan {field} differs from its '{kind}' ledger lines: {off}")
        else:
            ok(f"every loan's {field} equals its '{kind}' ledger lines")

    # 3. Per fund: principal repaid in the ledger equals the loans' principal_paid.
    for fund in Fund.objects.all():
        repaid = ledger.get((fund.pk, FundEntry.Kind.PRINCIPAL_REPAID)) or 0
        loans = Loan.objects.filter(fund=fund).aggregate(s=Sum("principal_paid"))["s"] or 0
        if repaid != loans:
            fault(f"{fund}: ledger principal repaid {repaid} != loans' principal_paid {loans}")
        else:
            ok(f"{fund}: ledger principal repaid = loans' principal_paid = {loans}")

    # 4. Per repayment: its ledger lines add up to what counts of it (all of an effective
    # repayment, nothing of a reversed one or of a reversal row).
    effective = Q(reverses__isnull=True, reversal__isnull=True)
    lines = (
        FundEntry.objects.filter(repayment=OuterRef("pk"))
        .values("repayment")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    with_lines = Repayment.objects.annotate(ledger=Coalesce(Subquery(lines), Value(0)))
    off = list(
        with_lines.filter(effective)
        .exclude(ledger=F("amount"))
        .values_list("pk", "loan__number", "amount", "ledger")[:10]
    ) + list(
        with_lines.exclude(effective)
        .exclude(ledger=0)
        .values_list("pk", "loan__number", "amount", "ledger")[:10]
    )
    if off:
        fault(f"repayments whose ledger lines differ from their amount: {off}")
    else:
        ok("every repayment's ledger lines add up to its amount (0 once reversed)")

    # 5. Replay: the loans the run touched (and a sample of others) replayed from their
    # repayments give the stored totals and installments.
    touched = list(
        Repayment.objects.filter(pk__gt=since_repayment)
        .values_list("loan_id", flat=True)
        .distinct()[:REPLAY_LIMIT]
    )
    others = list(
        Loan.objects.exclude(pk__in=touched)
        .order_by("?")
        .values_list("pk", flat=True)[: max(0, REPLAY_LIMIT - len(touched))]
    )
    off = []
    for loan in Loan.objects.filter(pk__in=touched + others).prefetch_related("installments"):
        installments = sorted(loan.installments.all(), key=lambda i: i.number)
        position = loan_position(loan, installments=installments)
        replayed = sum(i.principal_paid for i in position.installments)
        stored = [i.principal_paid for i in installments]
        if replayed != loan.principal_paid or stored != [
            i.principal_paid for i in position.installments
        ]:
            off.append((loan.number, loan.principal_paid, replayed))
    if off:
        fault(f"loans whose replayed repayments differ from what is stored: {off[:10]}")
    else:
        ok(
            f"replay of {len(touched) + len(others)} loans ({len(touched)} with repayments "
            f"after #{since_repayment}) matches principal_paid and the installments"
        )

    # 6. One client token per repayment (also a unique constraint: this checks it holds).
    twice = list(
        Repayment.objects.values("client_token").annotate(n=Count("id")).filter(n__gt=1)[:10]
    )
    if twice:
        fault(f"client_token used twice: {twice}")
    else:
        ok("no client_token appears twice")

    # 7. No receipt number posted twice for one loan (reversed ones free their number).
    twice = list(
        Repayment.objects.filter(effective)
        .exclude(receipt_no="")
        .values("loan__number", "receipt_no")
        .annotate(n=Count("id"))
        .filter(n__gt=1)[:10]
    )
    if twice:
        fault(f"receipt number posted twice for one loan without reversal: {twice}")
    else:
        ok("no receipt number posted twice for one loan without a reversal")

    # 8. No cohort over its quota.
    over = list(
        Cohort.objects.annotate(
            enrolled=Count("enrollments", filter=Q(enrollments__state=Enrollment.State.ENROLLED))
        )
        .filter(enrolled__gt=F("quota"))
        .values_list("pk", "quota", "enrolled")[:10]
    )
    if over:
        fault(f"cohorts over their quota (id, quota, enrolled): {over}")
    else:
        ok(f"no cohort over its quota ({Cohort.objects.count()} cohorts)")

    # 9. Visits: one per client id (the run's resends must not have added any).
    twice = list(Visit.objects.values("client_id").annotate(n=Count("id")).filter(n__gt=1)[:10])
    if twice:
        fault(f"visit client_id recorded twice: {twice}")
    else:
        new = Visit.objects.filter(pk__gt=since_visit).count()
        ok(f"no visit recorded twice ({new} recorded by this run)")
    return faults


# -- gunicorn and locust ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_checked(argv: list[str], env: dict, timeout: int, log: Path) -> None:
    with log.open("ab") as output:
        # A fixed argv of this virtualenv's programs, no shell.
        done = subprocess.run(  # noqa: S603
            argv, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, timeout=timeout
        )
    if done.returncode:
        sys.exit(f"{' '.join(argv)} failed; see {log}")


def start_gunicorn(
    env: dict, port: int, workers: int, log: Path, threads: int = 1
) -> subprocess.Popen:
    with log.open("ab") as output:
        # gunicorn of this virtualenv, fixed arguments, no shell.
        process = subprocess.Popen(  # noqa: S603
            [
                str(VENV_BIN / "gunicorn"),
                "cilegon_umkm.wsgi",
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                f"--threads={threads}",
                "--timeout=30",
                "--graceful-timeout=10",
                "--error-logfile=-",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so the workers stop with it
        )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited at start; see {log}")
        try:
            # http://127.0.0.1:<port> of the server just started, nothing else.
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    sys.exit(f"gunicorn did not answer /healthz in {START_TIMEOUT} s; see {log}")


def stop(process: subprocess.Popen) -> None:
    """Stop a process group this script started: TERM, then KILL after 15 s."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def run_locust(
    args, env: dict, host: str, out: Path, plan: Path, log: Path, sampler: CpuSampler
) -> None:
    duration = seconds(args.run_time)
    argv = [
        str(VENV_BIN / "locust"),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        host,
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        args.run_time,
        "--stop-timeout",
        "20",
        "--csv",
        str(out / "locust"),
        "--only-summary",
        "--exit-code-on-error",
        "0",
        *(["--reset-stats"] if args.reset_stats else []),
    ]
    with log.open("wb") as output:
        # locust of this virtualenv, fixed arguments, no shell; its own process group.
        process = subprocess.Popen(  # noqa: S603
            argv,
            cwd=ROOT,
            env={**env, "LOAD_PLAN": str(plan)},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        sampler.groups["locust"] = process.pid
        try:
            process.wait(timeout=duration + 120)
        except subprocess.TimeoutExpired:
            print(f"locust still running {duration + 120} s after start: stopped")
        finally:
            stop(process)


class CpuSampler(threading.Thread):
    """Where the machine's CPU went during the run, from /proc: gunicorn (master and
    workers), locust, the PostgreSQL backends of this database, and everything else (other
    work on the machine). Linux only; samples every 5 s."""

    def __init__(self, groups: dict[str, int], database: str):
        super().__init__(daemon=True)
        self.groups, self.database = groups, database
        self.used: dict[str, float] = {}
        self.busy = self.total = 0.0
        self.loadavg: list[float] = []
        self._halt = threading.Event()
        self._last: dict[int, float] = {}

    @staticmethod
    def _cpu_of(pid: int) -> tuple[int, float] | None:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return int(fields[2]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _pids(self) -> dict[int, str]:
        owner = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    group = os.getpgid(int(entry.name))
                except OSError:
                    continue
                for label, pgid in self.groups.items():
                    if group == pgid:
                        owner[int(entry.name)] = label
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.database],
            )
            owner.update({pid: "postgres (this database)" for (pid,) in cursor.fetchall()})
        return owner

    @staticmethod
    def _machine() -> tuple[float, float]:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        idle = values[3] + values[4]
        return (sum(values) - idle) / os.sysconf("SC_CLK_TCK"), sum(values) / os.sysconf(
            "SC_CLK_TCK"
        )

    def run(self):
        start_busy, start_total = self._machine()
        for pid in self._pids():  # what ran before the run (gunicorn's boot) is not counted
            now = self._cpu_of(pid)
            if now is not None:
                self._last[pid] = now[1]
        while not self._halt.wait(5):
            for pid, label in self._pids().items():
                now = self._cpu_of(pid)
                if now is None:
                    continue
                # A process first seen now (a new database backend, locust) counts from 0.
                before = self._last.get(pid, 0.0)
                self.used[label] = self.used.get(label, 0.0) + now[1] - before
                self._last[pid] = now[1]
            self.loadavg.append(os.getloadavg()[0])
            busy, total = self._machine()
            self.busy, self.total = busy - start_busy, total - start_total

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=10)

    def print(self) -> None:
        if not self.total:
            return
        cores = os.cpu_count() or 1
        wall = self.total / cores
        print(f"\nCPU over {wall:.0f} s on {cores} cores (100% = one core):")
        print(f"  machine busy            {100 * self.busy / wall:6.0f}%")
        for label, used in sorted(self.used.items()):
            print(f"  {label:<24}{100 * used / wall:6.0f}%")
        ours = sum(self.used.values())
        print(f"  other work (not ours)   {100 * (self.busy - ours) / wall:6.0f}%")
        if self.loadavg:
            print(f"  load average (1 min): {min(self.loadavg):.1f} to {max(self.loadavg):.1f}")


# -- the report -------------------------------------------------------------------------------


def report(out: Path, target: float) -> tuple[int, list[str], float]:
    """Print the table; returns (failed requests, pages over target, throughput)."""
    rows = list(csv.DictReader((out / "locust_stats.csv").open()))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    pages = [r for r in rows if r["Name"] != "Aggregated"]
    slow = []
    print(f"\n{'page':<30} {'requests':>8} {'fails':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for r in sorted(pages, key=lambda r: r["Name"]):
        p95 = float(r["95%"] or 0)
        verdict = "ok" if p95 < target else f"OVER {target:.0f} ms"
        if p95 >= target:
            slow.append(r["Name"])
        print(
            f"{r['Name']:<30} {r['Request Count']:>8} {r['Failure Count']:>6} "
            f"{r['50%']:>7} {r['95%']:>7} {r['99%']:>7}  {verdict}"
        )
    failures = int(total["Failure Count"])
    rps = float(total["Requests/s"])
    print(
        f"{'all':<30} {total['Request Count']:>8} {failures:>6} {total['50%']:>7} "
        f"{total['95%']:>7} {total['99%']:>7}"
    )
    print(f"\nthroughput: {rps:.1f} requests/s; failed requests: {failures}")
    failures_csv = out / "locust_failures.csv"
    if failures_csv.exists():
        for r in csv.DictReader(failures_csv.open()):
            print(f"  {r['Occurrences']:>5} x {r['Method']} {r['Name']}: {r['Error'][:300]}")
    return failures, slow, rps


def server_errors(log: Path) -> list[str]:
    text = log.read_text(errors="replace")
    return [line for line in text.splitlines() if "Traceback" in line or "ERROR" in line][:20]


def main() -> int:
    args = parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("set DATABASE_URL to a scratch PostgreSQL database with seed_demo data")
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("locust*"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="cilegon-load-") as tmp_name:
        tmp = Path(tmp_name)
        env = server_env(tmp, args.conn_max_age, args.cache_url)
        setup_django(env)
        from django.db import connection
        from django.db.models import Max

        from lending.models import Repayment
        from mentoring.models import Visit

        run = time.strftime("%m%d%H%M%S")
        plan = make_plan(run)
        plan_file = tmp / "plan.json"
        plan_file.write_text(json.dumps(plan))
        print(
            f"database {connection.settings_dict['NAME']}: {len(plan['loans'])} active loans, "
            f"{len(plan['mentors'])} mentors in force "
            f"({plan['mentor_passwords_given']} given the demo password)"
        )
        print("books before the run:")
        if check_books(0, 0):
            print("the books were already wrong before the run (see above)")
        since_repayment = Repayment.objects.aggregate(m=Max("pk"))["m"] or 0
        since_visit = Visit.objects.aggregate(m=Max("pk"))["m"] or 0
        connection.close()  # hold nothing open while the servers work

        server_log = out / "gunicorn.log"
        server_log.write_text("")
        run_checked(
            [str(VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
            env,
            timeout=300,
            log=server_log,
        )
        port = args.port or free_port()
        print(
            f"gunicorn on 127.0.0.1:{port}, {args.workers} workers x {args.threads} threads; "
            f"locust {args.users} users at {args.spawn_rate}/s; cache {args.cache_url}"
        )
        print(f"load average before the run (1, 5, 15 min): {os.getloadavg()}")
        server = start_gunicorn(env, port, args.workers, server_log, args.threads)
        sampler = CpuSampler({"gunicorn": server.pid}, connection.settings_dict["NAME"])
        sampler.start()
        try:
            run_locust(
                args, env, f"http://127.0.0.1:{port}", out, plan_file, out / "locust.log", sampler
            )
        finally:
            sampler.stop()
            stop(server)

        failures, slow, _rps = report(out, args.p95_target)
        sampler.print()
        errors = server_errors(server_log)
        if errors:
            print(f"server log ({server_log}) has errors:")
            for line in errors:
                print(f"  {line}")
        print("\nbooks after the run:")
        faults = check_books(since_repayment, since_visit)
        added = Repayment.objects.filter(pk__gt=since_repayment).count()
        print(f"repayments posted by the run: {added}")
    print(f"\nCSV and logs: {out}")
    if slow:
        print(f"p95 over {args.p95_target:.0f} ms: {', '.join(slow)}")
    failed = bool(faults) or failures > 0 or bool(errors) or (args.strict_p95 and bool(slow))
    print("RESULT:", "FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
