"""Two real gunicorn app servers on two ports against one PostgreSQL, as the README's
"several gunicorn hosts can serve one PostgreSQL" promises: a session made on one server
works on the other, and repayments posted through both at the same moment stay correct.

The servers run `cilegon_umkm.settings.test` (plain http, DEBUG off, static files from the
app folders, the suite's password hasher so the factories' users can log in through the
real form). The production settings would need HTTPS, a collectstatic manifest and a real
password hasher; what this test proves (sessions and row locks in the shared database) does
not depend on those. Both servers get the same SECRET_KEY, as every host of a deployment
must: the session's auth hash is signed with it."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cilegon_umkm.accounts.roles import Role
from lending.models import Loan, Repayment
from tests.concurrency import run_together
from tests.factories import TEST_PASSWORD, UserFactory
from tests.lending.factories import People, disbursed_loan
from tests.registry.factories import UMKMFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.resilience]

SERVER_SETTINGS = "cilegon_umkm.settings.test"
REDIS_URL = "redis://127.0.0.1:6379/0"  # .ci/run starts the machine's Redis if it is down
START_TIMEOUT = 20  # seconds for a gunicorn to answer /healthz
REQUEST_TIMEOUT = 15


# -- the app servers ----------------------------------------------------------------------


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def logs(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    """The test database (test_<name>, made by pytest-django) as a DATABASE_URL."""
    db = connection.settings_dict
    quote = urllib.parse.quote
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    if host.startswith("/"):  # a socket directory: django-environ reads it from the path
        return f"postgres://{credentials}@/{quote(host)}/{quote(db['NAME'], safe='')}"
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"


def _start(name: str, env: dict, log: Path) -> Server:
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
                "--workers=1",
                "--timeout=30",
                "--graceful-timeout=5",
                "--access-logfile=-",
                "--error-logfile=-",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the worker can be killed too
        )
    return Server(name=name, process=process, port=port, log=log)


def _wait_until_healthy(server: Server, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"gunicorn {server.name} exited at start:\n{server.logs()}")
        try:
            # http://127.0.0.1:<port> of the server just started, nothing else.
            with urllib.request.urlopen(f"{server.url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200 and response.read() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail(f"gunicorn {server.name} did not answer /healthz:\n{server.logs()}")


def _stop(server: Server) -> None:
    if server.process.poll() is not None:
        return
    server.process.terminate()  # gunicorn: graceful shutdown of its idle worker
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)  # the group started above, nothing else
        server.process.wait(timeout=5)


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """Two gunicorn servers (one worker each) on free ports, against the test database.
    Module-wide: they hold no connection between requests (CONN_MAX_AGE=0), so each test's
    flush of the committed rows goes through. Always stopped, whatever happens."""
    logs = tmp_path_factory.mktemp("gunicorn")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS,
        "DATABASE_URL": _database_url(),
        "SECRET_KEY": settings.SECRET_KEY,  # one key for every host, this process included
        "CONN_MAX_AGE": "0",
        "PYTHONUNBUFFERED": "1",
        # One Redis cache for both, as production's CACHE_URL: a prefix of this run's own,
        # so that nothing another run left there is read.
        "CACHE_URL": f"{REDIS_URL}?key_prefix=two-servers-{uuid.uuid4().hex}",
    }
    started = []
    try:
        for name in ("A", "B"):
            started.append(_start(name, env, logs / f"{name}.log"))
        deadline = time.monotonic() + START_TIMEOUT
        for server in started:
            _wait_until_healthy(server, deadline)
        yield tuple(started)
    finally:
        for server in started:
            _stop(server)


# -- a browser made of urllib ---------------------------------------------------------------


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            self.values.setdefault(attrs["name"], attrs.get("value") or "")


@dataclass
class Response:
    status: int
    location: str
    text: str

    def inputs(self) -> dict[str, str]:
        parser = _Inputs()
        parser.feed(self.text)
        return parser.values


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # show the 302 itself: where it leads is what is being checked


def _local_request(url: str, **kwargs) -> urllib.request.Request:
    assert url.startswith("http://127.0.0.1:"), url
    # Only plain http to the servers this module started (checked above), no other scheme.
    return urllib.request.Request(url, **kwargs)  # noqa: S310


@dataclass
class Browser:
    """Cookies kept by hand, so that which cookie goes to which server is explicit (a real
    browser sends 127.0.0.1's cookies to every port, a load balancer to every host)."""

    cookies: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self._opener = urllib.request.build_opener(_NoRedirects)

    def get(self, url: str) -> Response:
        return self._send(_local_request(url))

    def post(self, url: str, data: dict) -> Response:
        body = urllib.parse.urlencode(data).encode()
        return self._send(_local_request(url, data=body, method="POST"))

    def _send(self, request: urllib.request.Request) -> Response:
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self._opener.open(request, timeout=REQUEST_TIMEOUT)
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return Response(
                status=response.status,
                location=response.headers.get("Location", ""),
                text=response.read().decode("utf-8", errors="replace"),
            )


def log_in(server: Server, user) -> Browser:
    """The login form, for real: GET it for its CSRF token, POST the username and password."""
    browser = Browser()
    form = browser.get(f"{server.url}{reverse('login')}")
    assert form.status == 200, form.text[:500]
    done = browser.post(
        f"{server.url}{reverse('login')}",
        {
            "csrfmiddlewaretoken": form.inputs()["csrfmiddlewaretoken"],
            "username": user.username,
            "password": TEST_PASSWORD,
            "next": "",
        },
    )
    assert (done.status, done.location) == (302, reverse("home")), done.text[:2000]
    assert "sessionid" in browser.cookies
    return browser


def open_repayment_form(browser: Browser, server: Server, loan: Loan) -> dict[str, str]:
    page = browser.get(f"{server.url}{reverse('lending:repayment-new', args=[loan.pk])}")
    assert page.status == 200, page.text[:2000]
    fields = page.inputs()
    uuid.UUID(fields["client_token"])  # the form's one-time token
    return fields


def repayment(form: dict[str, str], *, amount: int, receipt_no: str) -> dict[str, str]:
    return {
        "csrfmiddlewaretoken": form["csrfmiddlewaretoken"],
        "client_token": form["client_token"],
        "loan_version": form["loan_version"],
        # Ticked as the cashier would when the desk shows a payment posted minutes ago (a
        # box the form has only then; otherwise ignored).
        "confirm": "on",
        "amount": str(amount),
        "paid_on": timezone.localdate().isoformat(),
        "receipt_no": receipt_no,
        "channel": Repayment.Channel.CASH,
    }


def receipt_url(repayment_: Repayment) -> str:
    return reverse("lending:receipt", args=[repayment_.pk])


@pytest.fixture
def people():
    return People()


@pytest.fixture
def loan(people):
    """Rp6.000.000 over 6 months at 0% jasa, disbursed a month ago (the servers' clock is
    the real one)."""
    return disbursed_loan(
        people,
        disbursed_on=timezone.localdate() - timedelta(days=31),
        amount=6_000_000,
        tenor=6,
    )


# -- the tests -----------------------------------------------------------------------------


def test_a_session_made_on_one_server_works_on_the_other(servers, people):
    a, b = servers
    desk = reverse("lending:repayment-desk")
    assert Browser().get(f"{b.url}{desk}").location.startswith(reverse("login"))

    on_a = log_in(a, people.staff)
    session_key = on_a.cookies["sessionid"]
    # Only the session cookie travels to B: B knows the user from the database alone.
    on_b = Browser(cookies={"sessionid": session_key})
    page = on_b.get(f"{b.url}{desk}")

    assert page.status == 200, (page.status, page.location, b.logs())
    assert people.staff.username in page.text or people.staff.get_full_name() in page.text
    session = Session.objects.get(pk=session_key)
    assert session.get_decoded()["_auth_user_id"] == str(people.staff.pk)

    # Logging out on B ends the session on A too.
    form = on_b.get(f"{b.url}{desk}").inputs()
    logout = on_b.post(
        f"{b.url}{reverse('logout')}",
        {"csrfmiddlewaretoken": form.get("csrfmiddlewaretoken", "")},
    )
    assert logout.status == 302, logout.text[:1000]
    assert on_a.get(f"{a.url}{desk}").location.startswith(reverse("login"))
    assert not Session.objects.filter(pk=session_key).exists()


@pytest.mark.parametrize("receipt_no", ["", "KW-77"], ids=["no-receipt-no", "with-receipt-no"])
def test_one_form_posted_to_both_servers_at_once_posts_one_repayment(
    servers, people, loan, receipt_no
):
    """A double click, or a retry that the load balancer sends to the other host."""
    a, b = servers
    clerk = log_in(a, people.staff)
    url = reverse("lending:repayment-new", args=[loan.pk])
    rounds = 3  # a fresh form each round; the race is not won the same way every time
    for round_ in range(rounds):
        form = open_repayment_form(clerk, a, loan)
        data = repayment(
            form, amount=100_000, receipt_no=f"{receipt_no}-{round_}" if receipt_no else ""
        )
        results = run_together(
            lambda data=data: clerk.post(f"{a.url}{url}", data),
            lambda data=data: clerk.post(f"{b.url}{url}", data),
        )
        assert all(isinstance(r, Response) for r in results), results

        # Both answers lead to the one receipt: the request that waited for the loan's lock
        # finds the repayment its twin posted (not "receipt already posted, reverse it").
        posted = Repayment.objects.get(client_token=data["client_token"])
        assert posted.amount == 100_000
        assert [r.location for r in results] == [receipt_url(posted)] * 2, [
            (r.status, re.findall(r'data-testid="form-error">([^<]*)', r.text)) for r in results
        ]

    assert Repayment.objects.filter(loan=loan).count() == rounds
    loan.refresh_from_db()
    assert loan.principal_paid == rounds * 100_000


def test_two_payments_at_once_on_two_servers_never_take_more_than_owed(servers, people, loan):
    a, b = servers
    second_clerk = UserFactory(username="staf.upt.dua", roles=[Role.STAF_UPT])
    counter_a, counter_b = log_in(a, people.staff), log_in(b, second_clerk)
    form_a = open_repayment_form(counter_a, a, loan)
    form_b = open_repayment_form(counter_b, b, loan)
    url = reverse("lending:repayment-new", args=[loan.pk])

    results = run_together(
        lambda: counter_a.post(
            f"{a.url}{url}", repayment(form_a, amount=4_000_000, receipt_no="KW-A")
        ),
        lambda: counter_b.post(
            f"{b.url}{url}", repayment(form_b, amount=4_000_000, receipt_no="KW-B")
        ),
    )

    assert all(isinstance(r, Response) for r in results), results
    posted = Repayment.objects.get(loan=loan)  # exactly one
    assert posted.amount == 4_000_000
    accepted = [r for r in results if r.status == 302]
    refused = [r for r in results if r.status == 200]
    assert [r.location for r in accepted] == [receipt_url(posted)], results
    # The form of the one that waited was opened before the other's payment: the desk
    # shows that payment and what is owed now, and posts nothing.
    assert len(refused) == 1 and 'data-testid="latest-postings"' in refused[0].text
    assert "KW-A" in refused[0].text or "KW-B" in refused[0].text
    assert "Rp2.000.000" in refused[0].text
    loan.refresh_from_db()
    assert loan.principal_paid == 4_000_000 <= loan.principal


def _figure(html: str, key: str) -> str:
    found = re.search(rf'data-testid="{key}">([^<]*)<', html)
    assert found, f"no figure {key} on the page"
    return found.group(1)


def test_a_dashboard_computed_on_one_server_is_served_from_the_shared_cache_by_the_other(
    servers,
):
    a, b = servers
    head = UserFactory(roles=[Role.PIMPINAN])
    UMKMFactory.create_batch(3)
    dashboard = reverse("dashboard:index")

    on_a = log_in(a, head).get(f"{a.url}{dashboard}")
    assert on_a.status == 200, on_a.text[:2000]
    assert _figure(on_a.text, "registered") == "3"

    # Two more businesses after A computed the figures: B, which has computed nothing,
    # still shows A's figures and A's "as of": the cache is shared, not per server.
    UMKMFactory.create_batch(2)
    on_b = log_in(b, head).get(f"{b.url}{dashboard}")
    assert on_b.status == 200, on_b.text[:2000]
    assert _figure(on_b.text, "registered") == "3"
    assert _figure(on_b.text, "as-of") == _figure(on_a.text, "as-of")
