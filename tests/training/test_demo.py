import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from registry.models import Certification
from training.models import BudgetLine, Certificate, Cohort, Enrollment, Track
from training.selectors import participant_path
from training.selectors.reports import funnel

pytestmark = pytest.mark.slow  # the whole demo data, seeded for real


def test_the_demo_has_every_stage_and_keeps_the_rules(db):
    call_command("seed_demo", "--umkm", "4000", "--loans", "50")

    today = timezone.localdate()
    assert 4 <= Track.objects.count() <= 6
    assert Cohort.objects.filter(starts_on__gt=today).exists()  # upcoming
    assert Cohort.objects.filter(ends_on__lt=today).exists()  # finished
    states = set(Enrollment.objects.values_list("state", flat=True))
    assert {Enrollment.State.ENROLLED, Enrollment.State.WAITING} <= states
    assert Enrollment.objects.count() > 1000
    for cohort in Cohort.objects.all():  # the quota holds
        assert cohort.enrollments.filter(state=Enrollment.State.ENROLLED).count() <= cohort.quota
    certificates = Certificate.objects.select_related("enrollment__cohort__track")
    assert certificates.count() > 100
    for certificate in certificates[:50]:  # only for those who completed the path
        assert participant_path(certificate.enrollment).complete
        assert Certification.objects.filter(number=certificate.number).exists()
    for line in BudgetLine.objects.annotate(spent=Sum("spending__amount")):
        assert (line.spent or 0) <= line.amount
    # Both figures of a finished year show: training certificates from the Dinas and, fewer,
    # certificates from their real issuers that the training led to.
    tracks = funnel(2025)
    trained, certified = sum(t.trained for t in tracks), sum(t.certified for t in tracks)
    assert 0 < certified < trained
