"""Attendance and results as the trainer records them: no session before it is held, every
participant absent until ticked, scores out of 100, and where a module has a pass mark the
score decides, and the page says which way."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from cilegon_umkm.accounts.roles import Role
from tests.factories import UserFactory
from tests.lending.factories import new_business
from training.errors import TrainingError
from training.models import Attendance, ModuleResult, Session
from training.services import enrollment_create, result_record, session_record

from .factories import CohortFactory

pytestmark = pytest.mark.django_db


def _(text: str) -> str:
    """The message as the page shows it (Indonesian once the catalogue has it)."""
    with translation.override("id"):
        return translation.gettext(text)


@pytest.fixture
def staff(db):
    return UserFactory()


@pytest.fixture
def staff_client(client_as, today):
    today(date(2025, 7, 3))
    return client_as(Role.STAF_DINAS)


@pytest.fixture
def two_enrolled(staff):
    """Two participants of a cohort (1-10 July 2025) whose third module has a pass mark of 70."""
    cohort = CohortFactory(starts_on=date(2025, 7, 1), ends_on=date(2025, 7, 10))
    cohort.track.modules.filter(order=3).update(pass_score=70)
    return [enrollment_create(cohort=cohort, umkm=new_business(), user=staff) for _n in range(2)]


def _module(enrollment, order):
    return enrollment.cohort.track.modules.get(order=order)


def test_it_refuses_a_session_a_week_ahead(staff_client, two_enrolled):
    came, _other = two_enrolled

    response = staff_client.post(
        reverse("training:session-new", args=[came.cohort_id]),
        {"module": _module(came, 1).pk, "held_on": "2025-07-10", "present": [came.pk]},
    )

    assert response.status_code == 200
    assert _("A session is recorded once it was held, not before.") in response.content.decode()
    assert not Session.objects.exists() and not Attendance.objects.exists()


def test_the_service_refuses_a_session_after_today(staff, two_enrolled, today):
    today(date(2025, 7, 3))
    came, _other = two_enrolled

    with pytest.raises(TrainingError):
        session_record(cohort=came.cohort, module=_module(came, 1), held_on=date(2025, 7, 4),
                       present={came.pk}, user=staff)  # fmt: skip
    session_record(cohort=came.cohort, module=_module(came, 1), held_on=date(2025, 7, 3),
                   present={came.pk}, user=staff)  # fmt: skip
    assert Session.objects.count() == 1


def test_every_participant_starts_absent_on_the_form(staff_client, two_enrolled):
    html = staff_client.get(
        reverse("training:cohort-detail", args=[two_enrolled[0].cohort_id])
    ).content.decode()

    for e in two_enrolled:
        assert f'value="{e.pk}" id="present-{e.pk}">' in html  # not ticked
    assert 'value="2025-07-03"' in html  # today, within the cohort


def test_a_session_without_ticks_records_everyone_absent(staff_client, two_enrolled):
    came, _other = two_enrolled

    response = staff_client.post(
        reverse("training:session-new", args=[came.cohort_id]),
        {"module": _module(came, 1).pk, "held_on": "2025-07-02"},
    )

    assert response.status_code == 302
    assert list(Attendance.objects.values_list("present", flat=True)) == [False, False]


def test_a_score_above_100_is_refused_by_the_service_and_the_database(staff, two_enrolled):
    came, _other = two_enrolled
    exam = _module(came, 3)

    with pytest.raises(TrainingError):
        result_record(enrollment=came, module=exam, user=staff, score=150)
    with pytest.raises(IntegrityError), transaction.atomic():
        ModuleResult.objects.create(
            enrollment=came, module=exam, score=150, passed=True, recorded_by=staff
        )
    assert not ModuleResult.objects.exists()


def test_a_score_below_the_pass_mark_with_passed_clicked_says_it_was_not_passed(
    staff_client, two_enrolled
):
    came, _other = two_enrolled

    response = staff_client.post(
        reverse("training:result-new", args=[came.pk]),
        {"module": _module(came, 3).pk, "score": "45", "passed": "1"},
        follow=True,
    )

    result = ModuleResult.objects.get()
    assert (result.score, result.passed) == (45, False)
    said = [(m.level_tag, str(m)) for m in response.context["messages"]]
    expected = _(
        "A score of %(score)s is below the pass mark of %(mark)s: recorded as not passed."
    ) % {"score": 45, "mark": 70}
    assert said == [("warning", expected)]


def test_a_score_reaching_the_pass_mark_says_passed_and_the_page_shows_the_mark(
    staff_client, two_enrolled
):
    came, _other = two_enrolled

    response = staff_client.post(
        reverse("training:result-new", args=[came.pk]),
        {"module": _module(came, 3).pk, "score": "70", "passed": "1"},
        follow=True,
    )

    said = [(m.level_tag, str(m)) for m in response.context["messages"]]
    expected = _("A score of %(score)s reaches the pass mark of %(mark)s: recorded as passed.") % {
        "score": 70,
        "mark": 70,
    }
    assert said == [("success", expected)]
    assert f"{_('pass mark')} 70" in " ".join(response.content.decode().split())
