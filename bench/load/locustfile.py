"""A working day at the portal, over HTTP: office staff browsing and searching the
registry, mentors posting visits from their field pages, UPT PDB staff posting repayments
at the desk (now and then a double click, or a form reopened with the Back button), and
leadership on the dashboards. Every user logs in through the login form.

Run by bench/load.py, which starts gunicorn and writes the plan this file reads (users,
loans, search terms) to the JSON file named by LOAD_PLAN. Alone, against a running server:

    LOAD_PLAN=plan.json .venv/bin/locust -f bench/load/locustfile.py --host http://127.0.0.1:8001

Requests are named by page (the name column of locust's statistics), not by URL, so that
/registri/123/ and /registri/456/ count as one page."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import uuid
from html.parser import HTMLParser
from pathlib import Path

import gevent
from gevent.lock import Semaphore
from locust import HttpUser, between, task
from locust.exception import StopUser

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
PASSWORD = PLAN["password"]
FORM_ERROR = re.compile(r'(?:data-testid="form-error"|class="invalid-feedback d-block")>([^<]*)')


# -- reading forms ---------------------------------------------------------------------------


class _Form(HTMLParser):
    """The inputs of a page: text and hidden values, radio and checkbox choices."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self.choices: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if not name:
            return
        if tag == "input" and attrs.get("type") in ("radio", "checkbox"):
            self.choices.setdefault(name, []).append(attrs.get("value") or "")
        elif tag in ("input", "textarea", "select"):
            self.values.setdefault(name, attrs.get("value") or "")


def read_form(html: str) -> _Form:
    form = _Form()
    form.feed(html)
    return form


def form_errors(html: str) -> list[str]:
    return [e.strip() for e in FORM_ERROR.findall(html)]


# -- logging in, without ever tripping django-axes ---------------------------------------------

# A username whose login failed once is not tried again by any user of this run: django-axes
# locks a username after five wrong passwords, and 27 office users share one account.
_login_state: dict[str, str] = {}
_login_locks: dict[str, Semaphore] = {}


class PortalUser(HttpUser):
    abstract = True
    usernames: list[str] = []
    _turns = None  # an itertools.cycle over usernames, per class

    def pick_username(self) -> str:
        cls = type(self)
        if cls._turns is None:
            cls._turns = itertools.cycle(cls.usernames)
        return next(cls._turns)

    def on_start(self):
        if not self.usernames:
            raise StopUser
        self.username = self.pick_username()
        lock = _login_locks.setdefault(self.username, Semaphore())
        # The first login of a username goes alone; once it has worked, all go at once.
        if _login_state.get(self.username) != "ok":
            with lock:
                if _login_state.get(self.username) == "bad":
                    raise StopUser
                self._log_in()
        else:
            self._log_in()

    def _log_in(self):
        page = self.client.get("/masuk/", name="login form")
        token = read_form(page.text).values.get("csrfmiddlewaretoken", "")
        with self.client.post(
            "/masuk/",
            data={
                "csrfmiddlewaretoken": token,
                "username": self.username,
                "password": PASSWORD,
                "next": "",
            },
            name="login post",
            allow_redirects=False,
            catch_response=True,
        ) as done:
            if done.status_code == 302 and done.headers.get("Location") == "/":
                _login_state[self.username] = "ok"
                done.success()
                return
            _login_state[self.username] = "bad"
            done.failure(f"login of {self.username} refused ({done.status_code})")
        raise StopUser

    def get(self, url: str, name: str, **kwargs):
        with self.client.get(url, name=name, catch_response=True, **kwargs) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")
            elif "/masuk/" in response.url:
                response.failure(f"logged out at {url}")
            return response


# -- office staff: the registry ----------------------------------------------------------------


class OfficeStaff(PortalUser):
    """Staf Dinas at their desks: browse, search, filter, open a business."""

    weight = 24
    wait_time = between(2, 8)
    usernames = PLAN["office"]

    def on_start(self):
        super().on_start()
        self.seen: list[int] = []

    def _collect(self, html: str) -> None:
        ids = [int(pk) for pk in re.findall(r'href="/registri/(\d+)/"', html)]
        self.seen = (ids + self.seen)[:60]

    @task(4)
    def browse(self):
        page = random.randint(1, 40)  # noqa: S311
        self._collect(self.get(f"/registri/?halaman={page}", "registry browse").text)

    @task(6)
    def search(self):
        term = random.choice(PLAN["search_terms"])  # noqa: S311
        self._collect(self.get("/registri/", "registry search", params={"cari": term}).text)

    @task(3)
    def filtered(self):
        f = PLAN["filters"]
        params = {}
        for key in random.sample(list(f), k=random.randint(1, 3)):  # noqa: S311
            params[key] = random.choice(f[key])  # noqa: S311
        self._collect(self.get("/registri/", "registry filter", params=params).text)

    @task(5)
    def business(self):
        pk = random.choice(self.seen or PLAN["umkm_ids"])  # noqa: S311
        self.get(f"/registri/{pk}/", "registry business")


# -- mentors in the field ----------------------------------------------------------------------


class Mentor(PortalUser):
    """A pendamping on the phone: their businesses, a business's story, a visit posted."""

    weight = 12
    wait_time = between(5, 15)
    usernames = PLAN["mentors"]

    def on_start(self):
        super().on_start()
        self.mine: list[int] = []
        self._list(1)

    def _list(self, page: int) -> None:
        html = self.get(f"/pendampingan/lapangan/usaha/?halaman={page}", "field my businesses").text
        ids = [int(pk) for pk in re.findall(r'href="/pendampingan/lapangan/usaha/(\d+)/"', html)]
        self.mine = sorted(set(self.mine) | set(ids))

    @task(2)
    def home(self):
        self.get("/pendampingan/lapangan/", "field home")

    @task(2)
    def businesses(self):
        self._list(random.randint(1, 5))  # noqa: S311

    @task(3)
    def story(self):
        if self.mine:
            pk = random.choice(self.mine)  # noqa: S311
            self.get(f"/pendampingan/lapangan/usaha/{pk}/", "field business")

    @task(5)
    def visit(self):
        if not self.mine:
            return
        pk = random.choice(self.mine)  # noqa: S311
        url = f"/pendampingan/lapangan/usaha/{pk}/kunjungan/"
        form = read_form(self.get(url, "visit form").text)
        client_id = form.values.get("client_id") or str(uuid.uuid4())
        data = {
            "csrfmiddlewaretoken": form.values.get("csrfmiddlewaretoken", ""),
            "client_id": client_id,
            "visited_on": form.values.get("visited_on", ""),
            "purpose": random.choice(form.choices.get("purpose") or ["pendampingan"]),  # noqa: S311
            "needs": random.sample(
                form.choices.get("needs", []), k=min(2, len(form.choices.get("needs", [])))
            ),
            "findings": "Kunjungan uji beban: usaha berjalan, stok cukup.",
            "follow_up": "",
            "follow_up_on": "",
        }
        self._post_visit(url, data, "visit post")
        if random.random() < 0.05:  # noqa: S311  the phone resends a form it thinks was lost
            self._post_visit(url, data, "visit resend")

    def _post_visit(self, url: str, data: dict, name: str) -> None:
        with self.client.post(
            url, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            where = response.headers.get("Location", "")
            if response.status_code != 302 or f"terkirim={data['client_id']}" not in where:
                response.failure(
                    f"visit not recorded ({response.status_code}): "
                    f"{form_errors(response.text) or response.text[:200]}"
                )


# -- the repayment desk ------------------------------------------------------------------------

_loans_in_use: set[int] = set()  # one clerk per borrower at a time, as at a real counter
_receipts = itertools.count(1)


class DeskClerk(PortalUser):
    """Staf UPT PDB at the counter: find the loan, open the form, post the payment."""

    weight = 5
    wait_time = between(5, 15)
    usernames = PLAN["desk"]

    def _receipt_no(self) -> str:
        return f"LT{PLAN['run']}-{next(_receipts):05d}"

    def _free_loan(self) -> dict | None:
        for _attempt in range(10):
            loan = random.choice(PLAN["loans"])  # noqa: S311
            if loan["pk"] not in _loans_in_use:
                return loan
        return None

    @task
    def repayment(self):
        loan = self._free_loan()
        if loan is None:
            return
        _loans_in_use.add(loan["pk"])
        try:
            self._serve(loan)
        finally:
            _loans_in_use.discard(loan["pk"])

    def _serve(self, loan: dict) -> None:
        form_url = f"/pinjaman/angsuran/pinjaman/{loan['pk']}/"
        if random.random() < 0.5:  # noqa: S311  by the number on the borrower's card
            self.client.get(
                "/pinjaman/angsuran/",
                params={"cari": loan["number"]},
                name="desk lookup (number)",
                allow_redirects=False,
            )
        else:  # by the borrower's name, then the row of the list
            self.get("/pinjaman/angsuran/", "desk lookup (name)", params={"cari": loan["owner"]})
        page = self.get(form_url, "repayment form")
        form = read_form(page.text)
        amount = re.sub(r"\D", "", form.values.get("amount", ""))
        if not amount or amount == "0":
            if loan in PLAN["loans"]:
                PLAN["loans"].remove(loan)  # paid off: the borrower stops coming
            return
        data = {
            "csrfmiddlewaretoken": form.values.get("csrfmiddlewaretoken", ""),
            "client_token": form.values.get("client_token", ""),
            "amount": amount,
            "paid_on": form.values.get("paid_on", ""),
            "receipt_no": self._receipt_no(),
            "channel": "tunai",
        }
        roll = random.random()  # noqa: S311
        if roll < 0.10:
            self._double_click(form_url, data)
        else:
            receipt = self._post(form_url, data, "repayment post")
            if receipt:
                self.get(receipt, "receipt")
            if receipt and roll > 0.97:
                self._back_button(form_url, data["receipt_no"])

    def _post(self, url: str, data: dict, name: str) -> str | None:
        with self.client.post(
            url, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            where = response.headers.get("Location", "")
            if response.status_code == 302 and "/kuitansi/" in where:
                return where
            errors = form_errors(response.text)
            if any("paid off" in e or "lunas" in e for e in errors):
                return None  # paid off at this very counter a moment ago: not a fault
            response.failure(f"not posted ({response.status_code}): {errors}")
            return None

    def _double_click(self, url: str, data: dict) -> None:
        """The same form sent twice at once: both answers must lead to one receipt."""
        first = gevent.spawn(self._post, url, data, "repayment double-click")
        second = gevent.spawn(self._post, url, data, "repayment double-click")
        gevent.joinall([first, second], timeout=60)
        receipts = {first.value, second.value}
        if len(receipts) != 1:
            self.environment.events.request.fire(
                request_type="CHECK",
                name="double-click gives one receipt",
                response_time=0,
                response_length=0,
                exception=AssertionError(f"two answers: {sorted(map(str, receipts))}"),
                context={},
            )

    def _back_button(self, url: str, receipt_no: str) -> None:
        """The form reopened with the Back button: new token, same receipt number. It
        must be refused, not posted a second time."""
        form = read_form(self.get(url, "repayment form").text)
        amount = re.sub(r"\D", "", form.values.get("amount", ""))
        if not amount or amount == "0":
            return  # the first payment paid the loan off: nothing to pay twice
        data = {
            "csrfmiddlewaretoken": form.values.get("csrfmiddlewaretoken", ""),
            "client_token": form.values.get("client_token", ""),
            "amount": amount,
            "paid_on": form.values.get("paid_on", ""),
            "receipt_no": receipt_no,
            "channel": "tunai",
        }
        with self.client.post(
            url,
            data=data,
            name="repayment reused receipt",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            errors = form_errors(response.text)
            if response.status_code == 200 and any(receipt_no in e for e in errors):
                response.success()  # refused, as it must be
            elif response.status_code == 200 and any("lunas" in e for e in errors):
                response.success()  # refused because the first payment paid it off
            else:
                response.failure(
                    f"a reused receipt number was not refused ({response.status_code}, "
                    f"{response.headers.get('Location', '')}): {errors or response.text[:300]!r}"
                )


# -- leadership --------------------------------------------------------------------------------


class Leadership(PortalUser):
    """Pimpinan and the Kepala UPT on the dashboards, for various periods and kecamatan."""

    weight = 4
    wait_time = between(5, 20)
    usernames = PLAN["leaders"]

    def _period(self) -> dict:
        year = PLAN["year"]
        roll = random.random()  # noqa: S311
        if roll < 0.4:
            return {}
        if roll < 0.6:
            return {"tahun": year - 1}
        if roll < 0.8:
            first = random.randint(1, 12)  # noqa: S311
            return {"dari": first, "sampai": random.randint(first, 12)}  # noqa: S311
        return {"kecamatan": random.choice(PLAN["filters"]["kecamatan"])}  # noqa: S311

    @task(3)
    def overview(self):
        self.get("/dasbor/", "dashboard overview", params=self._period())

    @task(4)
    def area(self):
        area = random.choice(["registri", "pinjaman", "pendampingan", "pelatihan"])  # noqa: S311
        self.get(f"/dasbor/{area}/", f"dashboard {area}", params=self._period())
