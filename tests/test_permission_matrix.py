"""Permissions, proven wholesale: every URL pattern of the project, as every role, for GET
and for POST, against the declared table of tests/permission_table.py.

One office is built per test (one object of each kind, in kelurahan A), every sample id of
the URL walk is replaced by the id of a real object, so that an allowed role never meets a
404 for a missing object and a 404 always means "hidden from you". Each request runs in a
savepoint that is rolled back, so what an allowed POST does cannot change the next answer;
a refused POST must not even try to write (no INSERT/UPDATE/DELETE reaches the database),
and the main tables hold the same rows after the walk as before.

Anonymous visitors are tests/test_login_required.py's; the per-page admin permissions are
tests/test_admin.py's; the mentors' area rules at the selector level are
tests/mentoring/test_areas.py's.
"""

import logging
import re
import uuid
from datetime import date

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from cilegon_umkm.accounts.roles import ALL_PERMISSIONS, ROLE_PERMISSIONS, Role, Section
from cilegon_umkm.dashboard.pages import AREAS
from lending.models import Application
from lending.services import application_submit, reversal_request
from mentoring.models import Mentor, MentorKind, Referral
from mentoring.services import field_correct, referral_make
from registry.models import DuplicateCandidate, Kelurahan
from registry.services import import_batch_create
from tests.lending.factories import People, ProductFactory, disbursed_loan, new_business, pay
from tests.mentoring.factories import MentorFactory, assign
from tests.registry.importing import csv_bytes, row
from tests.test_login_required import PUBLIC
from tests.training.factories import CohortFactory, spending_post_on_the_day
from tests.urlwalk import walk_urls
from training.models import Module
from training.services import (
    certificate_issue,
    enrollment_create,
    result_record,
    session_record,
)

from .permission_table import (
    ADMIN_PREFIX,
    ADMIN_PUBLIC,
    ADMIN_ROLES,
    LOGS_OUT,
    TABLE,
    USER_MANAGEMENT_PREFIXES,
    USER_MANAGERS,
)

pytestmark = pytest.mark.django_db

WALKED, _UNNAMED = walk_urls()
NON_ADMIN = [url for url in WALKED if not url.name.startswith(ADMIN_PREFIX)]
ADMIN = [url for url in WALKED if url.name.startswith(ADMIN_PREFIX)]

# Which sample object each object URL points at (its int arguments get that object's pk).
OBJECT_OF = {
    "registry:umkm-detail": "umkm",
    "registry:umkm-reveal-nik": "umkm",
    "registry:import-batch": "batch",
    "registry:import-apply": "batch",
    "registry:import-cancel": "batch",
    "registry:import-rejected": "batch",
    "registry:duplicate-merge": "duplicate",
    "registry:duplicate-dismiss": "duplicate",
    "lending:application-create": "umkm",
    "lending:application-detail": "application",
    "lending:application-approve": "application",
    "lending:application-reject": "application",
    "lending:application-withdraw": "application",
    "lending:application-disburse": "application",
    "lending:application-override-write-off": "application",
    "lending:loan-detail": "loan",
    "lending:loan-card": "loan",
    "lending:loan-write-off": "loan",
    "lending:repayment-new": "loan",
    "lending:receipt": "repayment",
    "lending:repayment-reverse": "repayment",
    "lending:reversal-request-new": "repayment",
    "lending:reversal-request": "reversal",
    "lending:reversal-request-approve": "reversal",
    "lending:reversal-request-refuse": "reversal",
    "lending:fund-detail": "fund",
    "mentoring:survey": "application",  # submitted, in kelurahan A: the PDB mentor's
    "mentoring:collection-sheet": "ekonomi",  # a mentor who is not the PDB user
    "mentoring:business": "umkm",
    "mentoring:visit-new": "umkm",
    "mentoring:referral-new": "umkm",
    "mentoring:correct": "umkm",
    "mentoring:review-decide": "field_change",
    "mentoring:referral-accept": "referral",
    "mentoring:referral-decline": "referral",
    "training:cohort-detail": "cohort",
    "training:enroll": "cohort",
    "training:session-new": "cohort",
    "training:participant": "enrollment",
    "training:withdraw": "enrollment",
    "training:result-new": "enrollment",
    "training:certificate-issue": "enrollment",
    "training:facilitated-certification-new": "enrollment",
    "training:spending-reverse": "spending",
    "training:certificate-revoke": "certificate",
    "training:certificate-print": "certificate",
}
# Text arguments that must be real values too: a dashboard area, a certificate's code.
TEXT_ARGUMENT = {"area": lambda office: next(iter(AREAS)), "code": lambda o: o.certificate.code}

# A POST body for the forms that look up an object named in the body (without it, even an
# allowed role gets a 404 for the missing object).
POST_BODY = {
    "training:enroll": lambda office: {"umkm": office.umkm.pk},
    "training:session-new": lambda office: {"module": office.module.pk},
    "training:result-new": lambda office: {"module": office.module.pk},
}


def _no_body(office) -> dict:
    return {}


# What a refused POST must leave alone (counted before and after the whole walk).
MAIN_TABLES = [
    "registry.UMKM", "registry.Certification", "registry.ImportBatch",
    "registry.DuplicateCandidate", "registry.PersonalDataAccess",
    "lending.Application", "lending.Survey", "lending.Loan", "lending.Repayment",
    "lending.FundEntry", "mentoring.Mentor", "mentoring.Assignment", "mentoring.Visit",
    "mentoring.Referral", "mentoring.FieldChange", "training.Enrollment",
    "training.Attendance", "training.ModuleResult", "training.Certificate",
    "training.Spending", "dashboard.Target",
]  # fmt: skip
WRITES = ("INSERT", "UPDATE", "DELETE")

OK, LOGIN, ENTERED = "ok", "login", "entered"  # ENTERED: inside the admin, any answer


class Office:
    """One object of each kind, everything in kelurahan A (where both mentors work)."""

    def __init__(self, move_to):
        kelurahan = Kelurahan.objects.select_related("kecamatan").order_by("code")
        self.area_a = kelurahan.first()
        self.area_b = kelurahan.exclude(kecamatan=self.area_a.kecamatan).first()
        people = People()
        self.staff = people.staff
        move_to(date(2025, 1, 10))
        self.loan = disbursed_loan(people, disbursed_on=date(2025, 1, 10))
        move_to(date(2025, 6, 2))
        self.repayment = pay(people, self.loan, 900_000, date(2025, 2, 10))
        # A payment of an earlier month: its reversal waits for the Kepala UPT.
        self.reversal = reversal_request(
            repayment=self.repayment, reason="Salah input", requested_by=people.staff
        )
        self.fund = self.loan.fund
        self.umkm = new_business(kelurahan=self.area_a, name="Katering Bu Yati")
        self.application = application_submit(
            umkm=new_business(kelurahan=self.area_a),
            product=ProductFactory(),
            amount=5_000_000,
            tenor_months=12,
            purpose="Modal kerja",
            submitted_by=people.staff,
        )
        self.batch = import_batch_create(
            data=csv_bytes([row()]), filename="umkm.csv", user=people.staff, default_source="dinkop"
        )
        self.duplicate = DuplicateCandidate.objects.create(
            first=self.umkm,
            second=new_business(kelurahan=self.area_a, name="Katering Bu Yati 2"),
            reason=DuplicateCandidate.Reason.SIMILAR_NAME,
        )
        self.ekonomi = MentorFactory(kind=MentorKind.EKONOMI)
        assign(self.ekonomi, kelurahan=self.area_a)
        self.referral, _made = referral_make(
            mentor=self.ekonomi, umkm=self.umkm, client_id=uuid.uuid4(),
            kind=Referral.Kind.LOAN, need="Modal kompor",
        )  # fmt: skip
        self.field_change, _changed = field_correct(
            mentor=self.ekonomi, umkm=self.umkm, client_id=uuid.uuid4(), name="Katering Yati"
        )
        self.cohort = CohortFactory(starts_on=date(2025, 5, 1), ends_on=date(2025, 5, 10))
        self.enrollment, passed = (
            enrollment_create(cohort=self.cohort, umkm=new_business(), user=people.staff)
            for _ in range(2)
        )
        for day, module in enumerate(Module.objects.filter(track=self.cohort.track), start=1):
            session_record(cohort=self.cohort, module=module, held_on=date(2025, 5, day),
                           present={passed.pk}, user=people.staff)  # fmt: skip
            result_record(enrollment=passed, module=module, user=people.staff, passed=True)
        self.module = module
        self.certificate = certificate_issue(
            enrollment=passed, user=people.staff, issued_on=date(2025, 5, 11)
        )
        self.spending = spending_post_on_the_day(
            line=self.cohort.budget_line, spent_on=date(2025, 5, 2), amount=1_000_000,
            description="Honor pelatih", document_no="SPJ-1", user=people.staff,
        )  # fmt: skip

    def path(self, url, user) -> str:
        """The walked URL with its sample arguments replaced by real ones."""
        match = resolve(url.path)
        if url.name.startswith(ADMIN_PREFIX):
            return self._admin_path(url, match, user)
        if not match.kwargs:
            return url.path
        kwargs = dict(match.kwargs)
        for name, value in kwargs.items():
            if name in TEXT_ARGUMENT:
                kwargs[name] = TEXT_ARGUMENT[name](self)
            elif isinstance(value, int):
                kwargs[name] = getattr(self, OBJECT_OF[url.name]).pk
        return reverse(url.name, kwargs=kwargs)

    @staticmethod
    def _admin_path(url, match, user) -> str:
        """User and group management gets real ids (the user's own, a group): a missing
        object would send to the index before the permission is asked. Every other admin
        object page gets an id that exists in no test database, so the answer does not
        depend on the rows a test made; the per-model pages are tests/test_admin.py's."""
        if not (match.args or match.kwargs):
            return url.path
        if url.name.startswith(USER_MANAGEMENT_PREFIXES):
            pk = Group.objects.get(name=Role.STAF_DINAS).pk if "group" in url.name else user.pk
            return reverse(url.name, kwargs=dict.fromkeys(match.kwargs, str(pk)))
        if match.args:  # simple_history's positional (object id, history id)
            return reverse(url.name, args=[MISSING] * len(match.args))
        kwargs = {
            name: MISSING if str(value).isdigit() else value  # app_label stays
            for name, value in match.kwargs.items()
        }
        return reverse(url.name, kwargs=kwargs)


MISSING = "987654321"  # an admin object id no test database holds


@pytest.fixture
def office(db, today):
    return Office(today)


def user_of(role: Role, office: Office, make_user):
    """One user holding exactly this role; a mentor role gets its mentor profile, in A."""
    user = make_user(role)
    kind = {Role.PENDAMPING_EKONOMI: MentorKind.EKONOMI, Role.PENDAMPING_PDB: MentorKind.PDB}
    if role in kind:
        assign(MentorFactory(user=user, kind=kind[role]), kelurahan=office.area_a)
    return user


def expected(name: str, role: Role, method: str) -> str:
    if name.startswith(ADMIN_PREFIX):
        if name in ADMIN_PUBLIC:
            return OK
        if role not in ADMIN_ROLES:
            return LOGIN
        if name.startswith(USER_MANAGEMENT_PREFIXES) and role not in USER_MANAGERS:
            return "403"
        return ENTERED
    if name in PUBLIC:
        return OK
    rule = TABLE[name]
    if (method == "GET" and rule.post_only) or (method == "POST" and rule.get_only):
        return "405"
    if role in (rule.readers if method == "GET" else rule.writers):
        return OK
    return "404" if role in rule.hidden_from else "403"


LOGIN_PATHS = {reverse(settings.LOGIN_URL), reverse("admin:login")}


def answer(response) -> str:
    """The answer in the table's words: a refusal code, the login page, or ok."""
    if response.status_code == 302 and response.url.split("?")[0] in LOGIN_PATHS:
        return LOGIN
    if response.status_code in (403, 404, 405):
        return str(response.status_code)
    return OK


def matches(want: str, got: str, name: str) -> bool:
    if want == ENTERED:
        return got != LOGIN
    if want == OK:
        # 405: a GET-only class-based view answering an allowed role's POST. The logout
        # pages end on the login page, which is their job.
        return got in (OK, "405") or (got == LOGIN and name in LOGS_OUT)
    return got == want


def row_counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in MAIN_TABLES}


def _writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(WRITES) and "django_session" not in q["sql"]
    ]


@pytest.fixture
def quiet_refusals():
    """Every 403/404 is logged with its traceback by django.request: hundreds of them
    would cost more time than the requests."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def walk(client, user, office, urls, method: str):
    """Send every URL once; return (name, path, want, got, writes) per request."""
    cookie = settings.SESSION_COOKIE_NAME
    client.force_login(user)
    session = client.cookies[cookie].value
    results = []
    for url in urls:
        path = office.path(url, user)
        want = expected(url.name, user.role, method)
        with transaction.atomic():
            if method == "GET":
                response, writes = client.get(path), []
            else:
                with CaptureQueriesContext(connection) as queries:
                    response = client.post(path, POST_BODY.get(url.name, _no_body)(office))
                writes = _writes(queries)
            transaction.set_rollback(True)
        # A logout ended the session; the rollback brought its row back, bring the cookie.
        client.cookies[cookie] = session
        results.append((url.name, path, want, answer(response), writes))
    return results


def _check(results, method):
    wrong = [
        f"{method} {path} ({name}): want {want}, got {got}"
        for name, path, want, got, _w in results
        if not matches(want, got, name)
    ]
    refused_writes = [
        f"{method} {path} ({name}) wrote: {writes[0][:120]}"
        for name, path, want, _got, writes in results
        if writes and want not in (OK, ENTERED)
    ]
    assert wrong == [], "\n".join(wrong)
    assert refused_writes == [], "\n".join(refused_writes)


# --- the table is complete --------------------------------------------------------------


def test_every_page_is_in_the_table_or_a_declared_group():
    names = {url.name for url in NON_ADMIN}
    missing = sorted(names - set(TABLE) - PUBLIC)
    stale = sorted(set(TABLE) - names)
    assert missing == [], f"pages nobody decided about, add them to permission_table: {missing}"
    assert stale == [], f"table entries for pages that no longer exist: {stale}"
    # The admin group covers only the admin site's own URLs.
    assert [url for url in ADMIN if not url.path.startswith("/admin/")] == []
    assert PUBLIC - names - {url.name for url in ADMIN} == set()


def test_every_object_page_points_at_a_sample_object():
    with_ids = {
        url.name
        for url in NON_ADMIN
        if any(isinstance(v, int) for v in resolve(url.path).kwargs.values())
    }
    assert sorted(with_ids - set(OBJECT_OF)) == []
    assert sorted(set(OBJECT_OF) - with_ids) == []


def test_the_table_agrees_with_the_roles_section_permissions():
    """A coarse cross-check of TABLE against ROLE_PERMISSIONS: a role that the table lets
    into a section page must hold that section's permission."""
    section_of = {
        "registry:": Section.REGISTRY, "lending:": Section.LENDING,
        "training:directory": Section.DIRECTORY, "training:": Section.TRAINING,
        "dashboard:": Section.DASHBOARD, "mentoring:referral-new": Section.FIELD,
        "mentoring:referral": Section.REFERRALS,
        "mentoring:field": Section.FIELD, "mentoring:survey": Section.FIELD,
        "mentoring:arrears": Section.FIELD, "mentoring:businesses": Section.FIELD,
        "mentoring:business": Section.FIELD, "mentoring:visit": Section.FIELD,
        "mentoring:register": Section.FIELD, "mentoring:correct": Section.FIELD,
        "mentoring:collection-sheet": Section.LENDING,  # the office's; a mentor's own by area
        "mentoring:": Section.MENTORING,
    }  # fmt: skip
    holders = {
        role: ROLE_PERMISSIONS[role] if ROLE_PERMISSIONS[role] != ALL_PERMISSIONS else None
        for role in Role
    }
    wrong = []
    for name, rule in TABLE.items():
        prefix = next((p for p in section_of if name.startswith(p)), None)
        if prefix is None:
            continue
        section = section_of[prefix]
        for role in rule.readers | rule.writers:
            if holders[role] is not None and section.permission not in holders[role]:
                wrong.append((name, role.value, section.value))
    assert wrong == []


# --- the matrix -------------------------------------------------------------------------


MODEL_ADMIN_PAGE = re.compile(r"admin:\w+_(changelist|add|change|delete|history|simple_history)")


def urls_for(role: Role, method: str):
    """Every walked URL, but for one family: a role that enters the admin does not POST to
    the per-model pages (an empty POST writes nothing there, and which model a role may
    change is tests/test_admin.py's); they are half the time of the module. Those roles
    still POST to the admin's own pages and to user and group management (403 but Admin)."""
    if method == "GET" or role not in ADMIN_ROLES:
        return WALKED
    return [
        url
        for url in WALKED
        if not MODEL_ADMIN_PAGE.fullmatch(url.name) or url.name.startswith(USER_MANAGEMENT_PREFIXES)
    ]


def test_only_the_per_model_admin_pages_are_left_out_of_the_admin_roles_posts():
    left_out = {url.name for url in WALKED} - {url.name for url in urls_for(Role.ADMIN, "POST")}
    assert left_out and all(
        name.startswith(ADMIN_PREFIX) and not name.startswith(USER_MANAGEMENT_PREFIXES)
        for name in left_out
    )


@pytest.mark.slow
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.name)
def test_every_role_gets_what_the_table_says_on_every_page(
    client, make_user, office, quiet_refusals, role, method
):
    user = user_of(role, office, make_user)
    user.role = role
    before = row_counts()

    results = walk(client, user, office, urls_for(role, method), method)

    _check(results, method)
    assert row_counts() == before


# --- object-level checks: guessing another area's ids ------------------------------------
# tests/mentoring/test_areas.py proves the selectors (which kelurahan a mentor covers);
# test_visits.py, test_field_changes.py, test_field_loans.py and test_referrals.py prove the
# pages for a *PDB* mentor of A (business, visit, correction, survey, referral inbox). Here:
# both kinds of mentor, every field form, with a valid form, and nothing written anywhere.

FIELD_FORMS = {
    "mentoring:business": {},
    "mentoring:visit-new": {
        "visited_on": "2025-06-01", "purpose": "pendampingan", "findings": "Omzet naik",
        "needs": ["modal"],
    },
    "mentoring:referral-new": {"kind": "pdb", "need": "Modal gerobak", "amount_wished": "5000000"},
    "mentoring:correct": {
        "owner_phone": "0812-3456-7099", "address": "Jl. Lain", "status": "aktif",
        "name": "Nama Tebakan", "owner_nik": "", "nib": "",
    },
}  # fmt: skip


@pytest.mark.parametrize("kind", [MentorKind.EKONOMI, MentorKind.PDB])
def test_a_mentor_of_another_area_guessing_ids_gets_404_and_writes_nothing(client, office, kind):
    mentor = MentorFactory(kind=kind)
    assign(mentor, kelurahan=office.area_b)
    client.force_login(mentor.user)
    pages = dict(FIELD_FORMS)
    if kind == MentorKind.PDB:  # the survey of an application of area A
        pages["mentoring:survey"] = {
            "surveyed_on": "2025-06-01", "business_condition": "Ramai",
            "use_of_funds": "Etalase", "monthly_net_income": "2500000", "recommendation": "layak",
        }  # fmt: skip
    before = row_counts()

    answers = {}
    for name, form in pages.items():
        pk = office.application.pk if name == "mentoring:survey" else office.umkm.pk
        url = reverse(name, args=[pk])
        with CaptureQueriesContext(connection) as queries:
            get = client.get(url)
            post = client.post(url, {**form, "client_id": str(uuid.uuid4())})
        answers[name] = (get.status_code, post.status_code, _writes(queries))

    assert answers == {name: (404, 404, []) for name in pages}
    assert row_counts() == before
    office.application.refresh_from_db()
    assert office.application.state == Application.State.SUBMITTED


def test_an_ekonomi_mentor_cannot_survey_or_answer_referrals_even_in_their_area(client, office):
    # Their own area's application and referral: the ekonomi mentor refers, PDB answers.
    client.force_login(office.ekonomi.user)
    urls = [
        reverse("mentoring:survey", args=[office.application.pk]),
        reverse("mentoring:referral-accept", args=[office.referral.pk]),
        reverse("mentoring:referral-decline", args=[office.referral.pk]),
    ]
    before = row_counts()

    codes = [client.post(url, {"reason": "x", "amount": "1000000"}).status_code for url in urls]

    assert codes == [403, 403, 403]
    assert row_counts() == before
    assert Referral.objects.get(pk=office.referral.pk).state == Referral.State.SENT


def test_mentors_reach_no_office_page_of_a_loan_or_repayment(client, office, make_user):
    # There is no mentor page for one loan: the office pages refuse them, the borrower's
    # application is "not found".
    for role in (Role.PENDAMPING_EKONOMI, Role.PENDAMPING_PDB):
        client.force_login(user_of(role, office, make_user))
        codes = {
            name: client.get(reverse(name, args=[pk])).status_code
            for name, pk in [
                ("lending:loan-detail", office.loan.pk),
                ("lending:loan-card", office.loan.pk),
                ("lending:receipt", office.repayment.pk),
                ("lending:repayment-new", office.loan.pk),
                ("lending:application-detail", office.application.pk),
            ]
        }
        assert codes == {
            "lending:loan-detail": 403,
            "lending:loan-card": 403,
            "lending:receipt": 403,
            "lending:repayment-new": 403,
            "lending:application-detail": 404,
        }, role


def test_a_deactivated_pdb_mentor_sees_no_referral_of_any_area(client, office):
    # Once a bug: the inbox filtered by area only for an active mentor profile.
    mentor = MentorFactory()
    assign(mentor, kelurahan=office.area_b)  # never had kelurahan A
    Mentor.objects.filter(pk=mentor.pk).update(active=False)
    client.force_login(mentor.user)

    inbox = client.get(reverse("mentoring:referrals"))
    accept = client.get(reverse("mentoring:referral-accept", args=[office.referral.pk]))

    assert office.umkm.name not in inbox.content.decode()
    assert accept.status_code == 404


@pytest.mark.parametrize(
    ("role", "pages"),
    [(Role.STAF_DINAS, ["fund"]), (Role.PIMPINAN, ["fund", "budget"])],
    ids=["STAF_DINAS", "PIMPINAN"],
)
def test_readers_cannot_post_capital_or_spending(client_as, office, role, pages):
    """The fund and budget pages answer a reader's POST with the page (200), not a 403:
    even a valid form must write nothing. (Staf Dinas does post spending.)"""
    client = client_as(role)
    forms = {
        "fund": (
            reverse("lending:fund-detail", args=[office.fund.pk]),
            {"amount": "1000000", "entry_date": "2025-06-01", "note": "APBD"},
        ),
        "budget": (
            reverse("training:budget") + "?tahun=2025",
            {"line": office.cohort.budget_line.pk, "spent_on": "2025-06-01",
             "amount": "1000", "description": "Konsumsi"},
        ),
    }  # fmt: skip
    before = row_counts()

    codes = [client.post(*forms[name]).status_code for name in pages]

    assert codes == [200] * len(pages)
    assert row_counts() == before


def test_user_and_group_management_is_the_admin_roles_only(client, make_user, office):
    """With real objects (the test's own user, the role's group), not the sample ids."""
    for role in (Role.STAF_DINAS, Role.STAF_UPT, Role.ADMIN):
        user = make_user(role)
        client.force_login(user)
        group = Group.objects.get(name=role.value)
        codes = [
            client.get(reverse(name, args=[pk])).status_code
            for name, pk in [
                ("admin:accounts_user_change", user.pk),
                ("admin:auth_user_password_change", user.pk),
                ("admin:auth_group_change", group.pk),
            ]
        ]
        assert codes == ([200] * 3 if role == Role.ADMIN else [403] * 3), role
