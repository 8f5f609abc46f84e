"""Reversals that need the Kepala UPT: one that reopens a paid-off loan, or of a payment
dated before the current month. Staff request it with a reason; the Kepala approves (the
reversal is posted then) or refuses with a note; both steps are in the loan's history.
Other reversals stay one step."""

from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from lending.errors import LendingError
from lending.models import FundEntry, Loan, Repayment, ReversalRequest
from lending.selectors import loan_position
from lending.services import (
    repayment_reverse,
    reversal_request,
    reversal_request_approve,
    reversal_request_refuse,
)
from registry.timeline import timeline_for
from tests.factories import UserFactory

from .factories import disbursed_loan, pay

pytestmark = pytest.mark.django_db


@pytest.fixture
def loan(people, today):
    """Rp1.200.000 over 12 months (Rp100.000 a month, no jasa), paid in May and in June;
    today is 2 June 2025."""
    today(date(2025, 1, 10))
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 10), amount=1_200_000, tenor=12)
    today(date(2025, 6, 2))
    return loan


def test_a_reversal_in_the_current_month_stays_one_step(people, loan):
    june = pay(people, loan, 100_000, date(2025, 6, 1))

    reversal = repayment_reverse(repayment=june, reason="Salah ketik", reversed_by=people.staff)

    assert reversal.amount == -100_000
    assert not ReversalRequest.objects.exists()


def test_a_payment_of_an_earlier_month_is_reversed_only_with_the_kepalas_approval(people, loan):
    may = pay(people, loan, 300_000, date(2025, 5, 31))
    loan.refresh_from_db()
    paid_before = loan.principal_paid

    with pytest.raises(LendingError, match="perlu persetujuan Kepala UPT"):
        repayment_reverse(repayment=may, reason="Salah pinjaman", reversed_by=people.staff)
    request = reversal_request(repayment=may, reason="Salah pinjaman", requested_by=people.staff)
    loan.refresh_from_db()

    assert not Repayment.objects.filter(reverses=may).exists()
    assert loan.principal_paid == paid_before == 300_000
    assert request.state == ReversalRequest.State.REQUESTED

    reversal_request_approve(request=request, approved_by=people.head, note="Setuju")
    request.refresh_from_db()
    loan.refresh_from_db()

    assert request.state == ReversalRequest.State.APPROVED
    assert request.decided_by == people.head
    assert request.reversal.reverses == may
    assert request.reversal.amount == -300_000
    assert request.reversal.reason == "Salah pinjaman"
    assert loan.principal_paid == 0
    # The ledger follows the loan: no principal repaid is left for the reversed payment.
    principal = FundEntry.objects.filter(loan=loan, kind=FundEntry.Kind.PRINCIPAL_REPAID)
    assert sum(principal.values_list("amount", flat=True)) == 0


def test_reopening_a_paid_off_loan_needs_the_kepala(people, loan):
    quote = loan_position(loan).payoff_quote(date(2025, 6, 2))
    payoff = pay(people, loan, quote, date(2025, 6, 2), is_payoff=True)
    loan.refresh_from_db()
    assert loan.status == Loan.Status.PAID_OFF

    with pytest.raises(LendingError, match="perlu persetujuan Kepala UPT"):
        repayment_reverse(repayment=payoff, reason="Cek ditolak bank", reversed_by=people.staff)
    request = reversal_request(
        repayment=payoff, reason="Cek ditolak bank", requested_by=people.staff
    )
    reversal_request_approve(request=request, approved_by=people.head)
    loan.refresh_from_db()

    assert loan.status == Loan.Status.ACTIVE


def test_a_reversal_that_needs_no_approval_is_not_requested(people, loan):
    june = pay(people, loan, 100_000, date(2025, 6, 1))

    with pytest.raises(LendingError, match="balikkan langsung"):
        reversal_request(repayment=june, reason="Salah", requested_by=people.staff)


def test_the_requester_may_not_approve_their_own_request(people, loan):
    admin = UserFactory(username="admin.pdb", roles=[Role.ADMIN])
    may = pay(people, loan, 100_000, date(2025, 5, 10))
    request = reversal_request(repayment=may, reason="Salah", requested_by=admin)

    with pytest.raises(LendingError, match="orang lain yang harus menyetujuinya"):
        reversal_request_approve(request=request, approved_by=admin)
    with pytest.raises(LendingError, match="orang lain yang harus memutuskannya"):
        reversal_request_refuse(request=request, refused_by=admin, note="Tidak")

    request.refresh_from_db()
    assert request.state == ReversalRequest.State.REQUESTED
    assert not Repayment.objects.filter(reverses=may).exists()


def test_a_refusal_needs_a_note_and_leaves_the_repayment(people, loan):
    may = pay(people, loan, 100_000, date(2025, 5, 10))
    request = reversal_request(repayment=may, reason="Salah", requested_by=people.staff)

    with pytest.raises(LendingError, match="Sebutkan alasan"):
        reversal_request_refuse(request=request, refused_by=people.head, note=" ")
    reversal_request_refuse(request=request, refused_by=people.head, note="Kuitansi asli ada")
    request.refresh_from_db()

    assert request.state == ReversalRequest.State.REFUSED
    assert request.decision_note == "Kuitansi asli ada"
    assert request.reversal is None
    assert not Repayment.objects.filter(reverses=may).exists()
    with pytest.raises(LendingError, match="sudah diputuskan"):
        reversal_request_approve(request=request, approved_by=people.head)


def test_one_open_request_per_repayment_and_no_one_step_reversal_meanwhile(people, loan):
    may = pay(people, loan, 100_000, date(2025, 5, 10))
    reversal_request(repayment=may, reason="Salah", requested_by=people.staff)

    with pytest.raises(LendingError, match="sudah menunggu"):
        reversal_request(repayment=may, reason="Lagi", requested_by=people.staff)

    assert ReversalRequest.objects.count() == 1


def test_an_approval_of_a_repayment_already_reversed_posts_nothing(people, loan, today):
    """A request made for an old payment stays open; approving it twice, or after the
    payment was reversed another way, never posts a second reversal."""
    may = pay(people, loan, 100_000, date(2025, 5, 10))
    request = reversal_request(repayment=may, reason="Salah", requested_by=people.staff)
    reversal_request_approve(request=request, approved_by=people.head)

    with pytest.raises(LendingError, match="sudah diputuskan"):
        reversal_request_approve(request=request, approved_by=people.head)

    assert Repayment.objects.filter(reverses=may).count() == 1


# --- the pages --------------------------------------------------------------------------


def test_the_pages_walk_the_request_and_the_approval(people, loan, client):
    may = pay(people, loan, 100_000, date(2025, 5, 10), receipt_no="K-MEI")
    client.force_login(people.staff)
    loan_page = client.get(loan.get_absolute_url()).content.decode()

    client.post(reverse("lending:repayment-reverse", args=[may.pk]), {"reason": "Salah"})
    assert not Repayment.objects.filter(reverses=may).exists()  # refused: it needs the Kepala
    client.post(reverse("lending:reversal-request-new", args=[may.pk]), {"reason": "Dobel input"})
    request = ReversalRequest.objects.get()
    staff_approves = client.post(reverse("lending:reversal-request-approve", args=[request.pk]))

    assert 'data-testid="request-reversal"' in loan_page
    assert 'data-testid="reverse"' not in loan_page
    assert staff_approves.status_code == 403
    request.refresh_from_db()
    assert request.state == ReversalRequest.State.REQUESTED

    client.force_login(people.head)
    index = client.get(reverse("lending:index")).content.decode()
    detail = client.get(reverse("lending:reversal-request", args=[request.pk])).content.decode()
    response = client.post(
        reverse("lending:reversal-request-approve", args=[request.pk]), {"note": "Ok"}
    )
    request.refresh_from_db()
    history = client.get(loan.get_absolute_url()).content.decode()

    assert 'data-testid="open-reversals"' in index
    assert loan.number in index
    assert 'data-testid="approve-reversal"' in detail
    assert response.status_code == 302
    assert request.state == ReversalRequest.State.APPROVED
    assert 'data-testid="reversal-requested"' in history
    assert 'data-testid="reversal-decided"' in history
    assert "Dobel input" in history
    assert (
        'data-testid="open-reversals"' not in client.get(reverse("lending:index")).content.decode()
    )


def test_the_request_list_shows_open_requests_first(people, loan, client):
    first = pay(people, loan, 100_000, date(2025, 4, 10))
    second = pay(people, loan, 100_000, date(2025, 5, 10))
    decided = reversal_request(repayment=first, reason="A", requested_by=people.staff)
    reversal_request_refuse(request=decided, refused_by=people.head, note="Tidak")
    waiting = reversal_request(repayment=second, reason="B", requested_by=people.staff)
    client.force_login(people.staff)

    page = client.get(reverse("lending:reversal-requests")).content.decode()

    assert page.index(f"/pembalikan/{waiting.pk}/") < page.index(f"/pembalikan/{decided.pk}/")


def test_both_steps_are_on_the_business_timeline(people, loan):
    may = pay(people, loan, 100_000, date(2025, 5, 10))
    request = reversal_request(repayment=may, reason="Dobel input", requested_by=people.staff)
    reversal_request_approve(request=request, approved_by=people.head, note="Setuju")

    entries = timeline_for(loan.umkm, people.head)
    texts = [f"{entry.title} {entry.detail} {entry.actor}" for entry in entries]

    assert any("Dobel input" in text and people.staff.display_name in text for text in texts)
    assert any("Setuju" in text and people.head.display_name in text for text in texts)
