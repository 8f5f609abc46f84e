"""Every POST of the training pages goes through a form: bad input is refused with a message
in Indonesian, nothing is saved, the page shows what was typed, and no input makes a server
error (empty, letters, negative, huge, a decimal comma, a NUL, ids of another cohort)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from cilegon_umkm.accounts.roles import Role
from tests.factories import UserFactory
from tests.lending.factories import new_business
from training.models import Attendance, Enrollment, ModuleResult, Session, Spending
from training.services import (
    certificate_issue,
    enrollment_create,
    result_record,
    session_record,
    spending_post,
)

from .factories import BudgetLineFactory, CohortFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
NOT_OF_THE_TRACK = "Modul ini bukan bagian dari jalur pelatihan angkatan ini."
BAD_SCORE = "Nilai berupa bilangan bulat dari 0 sampai 100."  # new msgid
NOT_THIS_COHORT = "Kehadiran hanya dicatat untuk peserta angkatan ini."  # new msgid
NO_SESSION_DATE = "Isi tanggal sesi."
ONLY_REGISTERED = "Hanya usaha yang terdaftar yang dapat ikut."
NUL = "Karakter null tidak diizinkan."  # Django's own message


@pytest.fixture
def staff_client(client_as, today):
    today(date(2025, 7, 3))
    return client_as(Role.STAF_DINAS)


@pytest.fixture
def staff(db):
    return UserFactory()


@pytest.fixture
def enrolled(staff):
    """A participant of a cohort (1-10 July 2025) whose third module has a passing score."""
    cohort = CohortFactory(starts_on=date(2025, 7, 1), ends_on=date(2025, 7, 10))
    cohort.track.modules.filter(order=3).update(pass_score=70)
    return enrollment_create(cohort=cohort, umkm=new_business(), user=staff)


def _module(enrollment, order):
    return enrollment.cohort.track.modules.get(order=order)


def _other_cohort(staff):
    other = CohortFactory(starts_on=date(2025, 7, 1), ends_on=date(2025, 7, 10))
    return other, enrollment_create(cohort=other, umkm=new_business(), user=staff)


# --- results ----------------------------------------------------------------------------


def test_a_mistyped_score_is_refused_not_recorded_without_it(staff_client, enrolled):
    # Once a bug: "8O" (a letter O) was read as no score at all, and a module without a
    # passing score was recorded as passed with the score silently lost.
    module = _module(enrolled, 1)

    response = staff_client.post(
        reverse("training:result-new", args=[enrolled.pk]),
        {"module": module.pk, "score": "8O", "passed": "1"},
    )

    assert not ModuleResult.objects.exists()
    html = response.content.decode()
    assert response.status_code == 200
    assert BAD_SCORE in html
    assert 'value="8O"' in html  # what was typed, to correct


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Modul ini memerlukan nilai."),
        ("delapan puluh", BAD_SCORE),
        ("-5", BAD_SCORE),
        ("101", BAD_SCORE),
        (HUGE, BAD_SCORE),
        ("7,5", BAD_SCORE),  # a decimal comma
        ("80.5", BAD_SCORE),
        ("8\x000", BAD_SCORE),
    ],
)
def test_a_bad_score_is_refused_with_a_message_and_shown_again(
    staff_client, enrolled, typed, message
):
    exam = _module(enrolled, 3)  # passing score 70: the score decides

    response = staff_client.post(
        reverse("training:result-new", args=[enrolled.pk]),
        {"module": exam.pk, "score": typed, "passed": "1"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    if typed and "\x00" not in typed:
        assert f'value="{escape(typed)}"' in html
    assert f'<option value="{exam.pk}" selected>' in html  # the module chosen stays chosen
    assert not ModuleResult.objects.exists()


@pytest.mark.parametrize(("typed", "passed"), [("85", True), (" 70 ", True), ("69", False)])
def test_a_good_score_is_recorded_and_decides(staff_client, enrolled, typed, passed):
    exam = _module(enrolled, 3)

    response = staff_client.post(
        reverse("training:result-new", args=[enrolled.pk]),
        {"module": exam.pk, "score": typed, "passed": "1"},
    )

    assert response.status_code == 302
    result = ModuleResult.objects.get()
    assert (result.score, result.passed) == (int(typed), passed)


@pytest.mark.parametrize(
    ("module", "message"),
    [
        ("other track", NOT_OF_THE_TRACK),
        ("", NOT_OF_THE_TRACK),
        ("abc", NOT_OF_THE_TRACK),
        ("-1", NOT_OF_THE_TRACK),
        (HUGE, NOT_OF_THE_TRACK),
        ("1\x00", NUL),
    ],
)
def test_a_module_outside_the_track_is_refused(staff_client, enrolled, staff, module, message):
    other, _someone = _other_cohort(staff)
    typed = str(other.track.modules.first().pk) if module == "other track" else module

    response = staff_client.post(
        reverse("training:result-new", args=[enrolled.pk]), {"module": typed, "passed": "1"}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ModuleResult.objects.exists()


@pytest.mark.parametrize("passed", [None, "", "ya", "2"])
def test_pass_or_fail_must_be_said_where_no_score_decides(staff_client, enrolled, passed):
    data = {"module": _module(enrolled, 1).pk, "score": ""}
    if passed is not None:
        data["passed"] = passed

    response = staff_client.post(reverse("training:result-new", args=[enrolled.pk]), data)

    assert response.status_code == 200
    assert "Sebutkan apakah peserta lulus." in response.content.decode()
    assert not ModuleResult.objects.exists()


# --- sessions ---------------------------------------------------------------------------


@pytest.fixture
def two_enrolled(enrolled, staff):
    second = enrollment_create(cohort=enrolled.cohort, umkm=new_business(), user=staff)
    return enrolled, second


@pytest.mark.parametrize(
    ("held_on", "message"),
    [
        ("", NO_SESSION_DATE),
        ("kemarin", NO_SESSION_DATE),
        ("2025-02-30", NO_SESSION_DATE),
        ("99999-01-01", NO_SESSION_DATE),
        ("2025-07-03\x00", NO_SESSION_DATE),
        ("2025-08-01", "Sesi harus berada dalam rentang tanggal angkatan."),  # after the cohort
    ],
)
def test_a_bad_session_date_is_refused_and_the_ticks_are_kept(
    staff_client, two_enrolled, held_on, message
):
    came, stayed_home = two_enrolled
    module = _module(came, 1)

    response = staff_client.post(
        reverse("training:session-new", args=[came.cohort_id]),
        {"module": module.pk, "held_on": held_on, "present": [came.pk]},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{came.pk}" id="present-{came.pk}" checked>' in html
    assert f'value="{stayed_home.pk}" id="present-{stayed_home.pk}">' in html  # left unticked
    assert f'<option value="{module.pk}" selected>' in html
    assert not Session.objects.exists() and not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("present", "message"),
    [
        ("another cohort", NOT_THIS_COHORT),
        ("waiting", NOT_THIS_COHORT),
        ("abc", NOT_THIS_COHORT),
        ("-1", NOT_THIS_COHORT),
        (HUGE, NOT_THIS_COHORT),
        ("1\x00", NUL),
    ],
)
def test_attendance_of_someone_else_is_refused(staff_client, enrolled, staff, present, message):
    _other, outsider = _other_cohort(staff)
    enrolled.cohort.quota = 1
    enrolled.cohort.save(update_fields=["quota"])
    waiting = enrollment_create(cohort=enrolled.cohort, umkm=new_business(), user=staff)
    assert waiting.state == Enrollment.State.WAITING
    typed = {"another cohort": outsider.pk, "waiting": waiting.pk}.get(present, present)

    response = staff_client.post(
        reverse("training:session-new", args=[enrolled.cohort_id]),
        {"module": _module(enrolled, 1).pk, "held_on": "2025-07-03", "present": [typed]},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Session.objects.exists() and not Attendance.objects.exists()


def test_a_session_of_a_module_of_another_track_is_refused(staff_client, enrolled, staff):
    other, _someone = _other_cohort(staff)

    response = staff_client.post(
        reverse("training:session-new", args=[enrolled.cohort_id]),
        {"module": other.track.modules.first().pk, "held_on": "2025-07-03"},
    )

    assert response.status_code == 200
    assert NOT_OF_THE_TRACK in response.content.decode()
    assert not Session.objects.exists()


def test_a_good_session_records_who_was_there(staff_client, two_enrolled):
    came, stayed_home = two_enrolled

    response = staff_client.post(
        reverse("training:session-new", args=[came.cohort_id]),
        {"module": _module(came, 1).pk, "held_on": "2025-07-03", "present": [came.pk]},
    )

    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("enrollment", "present")) == {
        came.pk: True,
        stayed_home.pk: False,
    }


# --- enrolment, withdrawal ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("umkm", "message"),
    [
        ("", ONLY_REGISTERED),
        ("abc", ONLY_REGISTERED),
        ("-1", ONLY_REGISTERED),
        ("0", ONLY_REGISTERED),
        (HUGE, ONLY_REGISTERED),
        ("missing", ONLY_REGISTERED),
        ("1\x00", NUL),
    ],
)
def test_enrolling_something_that_is_not_a_registered_business_says_so(staff_client, umkm, message):
    cohort = CohortFactory()
    typed = str(new_business().pk + 1000) if umkm == "missing" else umkm

    response = staff_client.post(
        reverse("training:enroll", args=[cohort.pk]), {"umkm": typed}, follow=True
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Enrollment.objects.exists()


# --- certificates ---------------------------------------------------------------------------


@pytest.fixture
def certified(enrolled, staff):
    for day, module in enumerate(enrolled.cohort.track.modules.all(), start=1):
        session_record(cohort=enrolled.cohort, module=module, held_on=date(2025, 7, day),
                       present={enrolled.pk}, user=staff)  # fmt: skip
        result_record(enrollment=enrolled, module=module, user=staff, score=90, passed=True)
    return certificate_issue(enrollment=enrolled, user=staff, issued_on=date(2025, 7, 11))


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Sebutkan alasan pencabutan sertifikat."),
        ("   ", "Sebutkan alasan pencabutan sertifikat."),
        ("Pindah\x00", NUL),
    ],
)
def test_a_revocation_without_a_good_reason_is_refused(staff_client, certified, reason, message):
    response = staff_client.post(
        reverse("training:certificate-revoke", args=[certified.pk]), {"reason": reason}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    certified.refresh_from_db()
    assert certified.revoked_on is None


# --- the budget -------------------------------------------------------------------------


@pytest.fixture
def line(db):
    return BudgetLineFactory(amount=20_000_000, name="Sertifikasi halal")


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("amount", ""),
        ("amount", "lima juta"),
        ("amount", "-5000"),
        ("amount", "0"),
        ("amount", "5,5"),
        ("amount", HUGE),
        ("amount", "5\x00"),
        ("spent_on", "2025-13-01"),
        ("spent_on", "99999-01-01"),
        ("description", ""),
        ("description", "x" * 256),
        ("line", "abc"),
        ("line", HUGE),
    ],
)
def test_bad_spending_is_refused_and_shown_again(staff_client, line, field, typed):
    data = {"line": line.pk, "spent_on": "2025-07-03", "amount": "5.000.000",
            "description": "Biaya uji halal", "document_no": "SPJ-7"}  # fmt: skip
    data[field] = typed

    response = staff_client.post(f"{reverse('training:budget')}?tahun=2025", data)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="invalid-feedback d-block"' in html
    if field in ("amount", "description") and "\x00" not in typed:
        assert f'value="{escape(typed)}"' in html or f">{typed}<" in html
    assert not Spending.objects.exists()


@pytest.mark.parametrize(
    ("reason", "message"),
    [("", "Sebutkan alasan pembatalan."), ("x" * 201, "paling banyak 200 karakter")],
)
def test_a_reversal_without_a_good_reason_is_refused(staff_client, line, staff, reason, message):
    entry = spending_post(line=line, spent_on=date(2025, 7, 3), amount=1_000_000,
                          description="Honor", document_no="", user=staff)  # fmt: skip

    response = staff_client.post(
        reverse("training:spending-reverse", args=[entry.pk]), {"reason": reason}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Spending.objects.count() == 1


# --- query parameters and methods -----------------------------------------------------------


@pytest.mark.parametrize("year", ["abc", "-1", "0", HUGE, "2025.5", "2025,0", "\x00"])
def test_a_bad_year_is_ignored_on_the_budget_and_the_report(staff_client, line, year):
    # The clock says 2025, the year of the only allocation: a bad year shows that one.
    budget = staff_client.get(reverse("training:budget"), {"tahun": year})
    report = staff_client.get(reverse("training:report"), {"tahun": year})

    assert (budget.status_code, report.status_code) == (200, 200)
    assert budget.context["allocation"] == line.allocation
    assert report.context["year"] == 2025


@pytest.mark.parametrize(
    "query",
    [
        {"kategori": "zzz"},
        {"kecamatan": "abc"},
        {"kecamatan": HUGE},
        {"kecamatan": "-1"},
        {"kecamatan": "\x00"},
        {"halaman": "abc"},
        {"halaman": HUGE},
        {"halaman": "-1"},
    ],
)
def test_bad_directory_parameters_are_ignored(client_as, query):
    assert client_as(Role.MITRA_INDUSTRI).get(reverse("training:directory"), query).status_code == (
        200
    )


@pytest.mark.parametrize("term", ["%", "_", "'; drop table x; --", "\x00", "x" * 500])
def test_any_search_term_on_the_cohort_page_answers(staff_client, enrolled, term):
    response = staff_client.get(
        reverse("training:cohort-detail", args=[enrolled.cohort_id]), {"cari": term}
    )

    assert response.status_code == 200


def test_forms_answer_405_to_a_get_and_pages_to_a_post(staff_client, certified):
    enrollment = certified.enrollment
    post_only = [
        reverse("training:enroll", args=[enrollment.cohort_id]),
        reverse("training:session-new", args=[enrollment.cohort_id]),
        reverse("training:withdraw", args=[enrollment.pk]),
        reverse("training:result-new", args=[enrollment.pk]),
        reverse("training:certificate-issue", args=[enrollment.pk]),
        reverse("training:facilitated-certification-new", args=[enrollment.pk]),
        reverse("training:certificate-revoke", args=[certified.pk]),
        reverse("training:spending-reverse", args=[1]),
    ]
    get_only = [
        reverse("training:index"),
        reverse("training:cohort-detail", args=[enrollment.cohort_id]),
        reverse("training:participant", args=[enrollment.pk]),
        reverse("training:report"),
        reverse("training:directory"),
        reverse("training:certificate-print", args=[certified.pk]),
        certified.get_verification_url(),
    ]

    assert {url: staff_client.get(url).status_code for url in post_only} == dict.fromkeys(
        post_only, 405
    )
    assert {url: staff_client.post(url).status_code for url in get_only} == dict.fromkeys(
        get_only, 405
    )
    assert not Enrollment.objects.filter(state=Enrollment.State.WITHDRAWN).exists()
