"""The kuitansi: a number from the fund's series when the cashier gives none, the amount in
words, what it paid and what is still owed after it, and room for signatures and the stamp."""

import re
from datetime import date

import pytest
from django.urls import reverse

from lending.errors import LendingError
from lending.models import ReceiptSeries, Repayment
from lending.services import repayment_reverse
from lending.services.receipts import next_receipt_number
from tests.concurrency import run_together

from .factories import ProductFactory, disbursed_loan, fund_with_capital, pay


@pytest.fixture
def loan(people, today):
    today(date(2025, 3, 3))
    return disbursed_loan(people, disbursed_on=date(2025, 1, 31))  # 11 x 833.000, 837.000


@pytest.mark.django_db
def test_a_blank_receipt_number_gets_the_next_of_the_funds_series(people, loan, today):
    first = pay(people, loan, 833_000, date(2025, 2, 28), receipt_no="")
    typed = pay(people, loan, 833_000, date(2025, 3, 3), receipt_no="  KW-77 ")
    second = pay(people, loan, 1_000, date(2025, 3, 3), receipt_no="")
    today(date(2026, 1, 5))
    next_year = pay(people, loan, 1_000, date(2026, 1, 5), receipt_no="")

    assert (first.receipt_no, typed.receipt_no, second.receipt_no) == (
        "KW/2025/000001",
        "KW-77",
        "KW/2025/000002",
    )
    assert next_year.receipt_no == "KW/2026/000001"  # the year of the payment's date


@pytest.mark.django_db
def test_each_fund_has_its_own_series_and_prefix(people, loan):
    bank = fund_with_capital(name="Dana Bergulir Bank Banten", receipt_prefix="BB")
    other = disbursed_loan(
        people, disbursed_on=date(2025, 1, 31), product=ProductFactory(fund=bank)
    )

    assert pay(people, other, 1_000, date(2025, 3, 1), receipt_no="").receipt_no == "BB/2025/000001"
    assert pay(people, loan, 1_000, date(2025, 3, 1), receipt_no="").receipt_no == "KW/2025/000001"


@pytest.mark.django_db
def test_a_refused_payment_leaves_no_gap_in_the_series(people, loan):
    with pytest.raises(LendingError):
        pay(people, loan, 20_000_000, date(2025, 3, 1), receipt_no="")  # more than it owes

    assert pay(people, loan, 1_000, date(2025, 3, 1), receipt_no="").receipt_no == (
        "KW/2025/000001"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["KW/2025/000001", "kw/2025/000002", " KW/2025/7 "])
def test_a_number_of_the_series_is_never_typed_by_hand(people, loan, typed):
    # Typed on another loan first, the portal would later give the same number again.
    with pytest.raises(LendingError, match="diberikan oleh portal"):
        pay(people, loan, 1_000, date(2025, 3, 1), receipt_no=typed)

    assert pay(people, loan, 1_000, date(2025, 3, 1), receipt_no="").receipt_no == (
        "KW/2025/000001"
    )


@pytest.mark.django_db(transaction=True)
def test_two_cashiers_at_once_never_get_the_same_number(people, today):
    today(date(2025, 3, 3))
    fund = fund_with_capital()
    product = ProductFactory(fund=fund)
    loans = [disbursed_loan(people, disbursed_on=date(2025, 1, 31), product=product) for _ in "ab"]

    results = run_together(
        *[
            lambda loan=loan: pay(people, loan, 1_000, date(2025, 3, 3), receipt_no="")
            for loan in loans
        ]
    )

    assert all(isinstance(r, Repayment) for r in results), results
    assert sorted(r.receipt_no for r in results) == ["KW/2025/000001", "KW/2025/000002"]
    assert ReceiptSeries.objects.get(fund=fund, year=2025).last_number == 2


@pytest.mark.django_db(transaction=True)
def test_two_first_numbers_of_a_year_at_once_create_the_series_once(people, today):
    today(date(2025, 3, 3))
    fund = fund_with_capital()

    results = run_together(*[lambda: next_receipt_number(fund=fund, on=date(2025, 3, 3))] * 3)

    assert sorted(results) == ["KW/2025/000001", "KW/2025/000002", "KW/2025/000003"]


# -- the page ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_receipt_says_the_amount_in_words_and_what_is_owed_after_it(client, people, loan):
    first = pay(people, loan, 833_000, date(2025, 2, 28), receipt_no="")
    second = pay(people, loan, 500_000, date(2025, 3, 3), receipt_no="")
    client.force_login(people.staff)

    html = client.get(reverse("lending:receipt", args=[first.pk])).content.decode()
    later = client.get(reverse("lending:receipt", args=[second.pk])).content.decode()

    assert "KW/2025/000001" in html
    assert "delapan ratus tiga puluh tiga ribu rupiah" in html
    # After the first payment only (the later one is not on this receipt).
    assert _testid(html, "receipt-balance").startswith("Rp9.167.000")
    assert "lima ratus ribu rupiah" in later
    assert _testid(later, "receipt-balance").startswith("Rp8.667.000")
    signatures = html[html.index('data-testid="receipt-signatures"') :]
    assert loan.umkm.owner_name in signatures and people.staff.display_name in signatures
    assert "css/receipt.css" in html


@pytest.mark.django_db
def test_a_reversed_payments_receipt_says_so(client, people, loan):
    repayment = pay(people, loan, 833_000, date(2025, 3, 3), receipt_no="")
    repayment_reverse(repayment=repayment, reason="Salah nominal", reversed_by=people.staff)
    client.force_login(people.staff)

    html = client.get(reverse("lending:receipt", args=[repayment.pk])).content.decode()

    assert "Salah nominal" in _testid(html, "receipt-reversed")
    assert 'data-testid="receipt-balance"' not in html


@pytest.mark.django_db
def test_the_slip_of_a_reversal_says_minus_and_has_no_payer_to_sign(client, people, loan):
    repayment = pay(people, loan, 833_000, date(2025, 3, 3), receipt_no="")
    reversal = repayment_reverse(
        repayment=repayment, reason="Salah nominal", reversed_by=people.staff
    )
    client.force_login(people.staff)

    html = client.get(reverse("lending:receipt", args=[reversal.pk])).content.decode()

    assert "BUKTI PEMBALIKAN" in html
    assert _testid(html, "receipt-terbilang").lower().startswith("minus delapan ratus")
    signatures = html.split('data-testid="receipt-signatures"')[1]
    assert "Penyetor" not in signatures and "cap" not in signatures
    assert "Dibalik oleh" in signatures


def _testid(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</(dd|div|p)>', html, re.S)
    assert match, testid
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1)).strip()


@pytest.mark.django_db
def test_one_receipt_number_is_one_payment_in_the_whole_fund(people, loan):
    other = disbursed_loan(people, disbursed_on=date(2025, 1, 31), product=loan.product)
    pay(people, loan, 1_000, date(2025, 3, 1), receipt_no="BK-0042")

    with pytest.raises(LendingError, match=r"BK-0042.*PDB-"):
        pay(people, other, 1_000, date(2025, 3, 1), receipt_no="BK-0042")


@pytest.mark.slow  # the demo data, seeded for real
@pytest.mark.django_db
def test_the_demo_gives_each_payment_its_own_number_of_the_series(people):
    from django.core.management import call_command

    call_command("seed_demo", "--umkm", "300", "--loans", "60")

    numbers = list(
        Repayment.objects.filter(reverses__isnull=True).values_list("receipt_no", flat=True)
    )
    assert len(numbers) == len(set(numbers))
    assert all(re.fullmatch(r"(KW|BJB)/\d{4}/\d{6}", n) for n in numbers)
