"""Every change to businesses, loans, repayments, enrolments and certificates says who made
it and when. Businesses, loans, enrolments and certificates keep a history row per change
(django-simple-history, the user taken from the request); repayments are never changed,
only posted and reversed, and each posting and reversal names its clerk and moment."""

from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from lending.models import Repayment
from tests.lending.factories import disbursed_loan, new_business, pay
from tests.lending.reversing import reverse as reverse_repayment
from tests.training.factories import CohortFactory
from training.models import Enrollment
from training.services import certificate_issue, result_record, session_record

pytestmark = pytest.mark.django_db


def test_a_business_changed_in_the_admin_is_in_its_history(client, make_user):
    staff = make_user(Role.STAF_DINAS, is_staff=False)
    client.force_login(staff)
    umkm = new_business(name="Warung Lama")
    page = client.get(reverse("admin:registry_umkm_change", args=[umkm.pk]))
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(name="Warung Baru", kelurahan=umkm.kelurahan_id)
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})

    client.post(reverse("admin:registry_umkm_change", args=[umkm.pk]), data)

    latest = umkm.history.latest()
    assert latest.name == "Warung Baru"
    assert latest.history_user == staff and latest.history_date is not None


def test_an_enrolment_and_a_revoked_certificate_say_who_and_when(client_as, people, today):
    today(date(2025, 7, 1))
    cohort = CohortFactory()
    client = client_as(Role.STAF_DINAS)
    staff = client.get(reverse("home")).wsgi_request.user
    client.post(reverse("training:enroll", args=[cohort.pk]), {"umkm": new_business().pk})
    enrollment = Enrollment.objects.get()
    assert enrollment.history.order_by("-history_id").first().history_user == staff

    today(date(2025, 7, 3))  # sessions are recorded once held
    for day, module in enumerate(cohort.track.modules.all(), start=1):
        session_record(cohort=cohort, module=module, held_on=date(2025, 7, day),
                       present={enrollment.pk}, user=staff)  # fmt: skip
        result_record(enrollment=enrollment, module=module, user=staff, passed=True)
    today(date(2025, 7, 4))
    client.force_login(staff)  # three days on: yesterday's session has expired
    certificate = certificate_issue(enrollment=enrollment, user=staff, issued_on=date(2025, 7, 4))
    client.post(reverse("training:certificate-revoke", args=[certificate.pk]), {"reason": "Tutup"})

    revoked = certificate.history.order_by("-history_id").first()  # the clock is frozen
    assert revoked.revoked_on is not None and revoked.history_user == staff
    assert certificate.history.count() == 2  # issued, then revoked


def test_a_loan_and_its_repayments_name_their_clerks(people, today):
    today(date(2025, 4, 1))
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 10))
    mistake = pay(people, loan, 500_000, date(2025, 2, 10))
    # Of an earlier month: requested by staff, approved (and so posted) by the Kepala UPT.
    reversal = reverse_repayment(people, mistake, reason="Salah input")

    assert loan.history.earliest().history_type == "+"
    assert loan.history.count() >= 2  # disbursed, then the payment and its reversal
    mistake.refresh_from_db()
    assert mistake.posted_by == people.staff and mistake.posted_at is not None
    assert isinstance(reversal, Repayment) and reversal.posted_by == people.head
