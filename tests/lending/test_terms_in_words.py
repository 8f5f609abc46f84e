"""The rules the office may set are stated in words where they apply: the denda rule on the
product (admin) and on the loan, the fund's write-off threshold and recovery rule on the fund
page."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from lending.allocation import DENDA_ON_INSTALLMENT, MONTHS_30_DAYS, DendaRule
from lending.terms import denda_in_words
from tests.lending.factories import ProductFactory, disbursed_loan, fund_with_capital

pytestmark = pytest.mark.django_db


def test_the_default_denda_rule_in_words():
    rule = DendaRule(percent_per_month=Decimal("1.5"), grace_days=7, cap_percent=Decimal(10))

    assert denda_in_words(rule) == (
        "Denda 1,5% per bulan dari tunggakan setiap angsuran, untuk setiap bulan kalender "
        "penuh keterlambatan, setelah masa tenggang 7 hari, paling banyak 10% dari angsuran."
    )
    old = DendaRule(percent_per_month=Decimal(1), base=DENDA_ON_INSTALLMENT, months=MONTHS_30_DAYS)
    assert denda_in_words(old) == (
        "Denda 1% per bulan dari seluruh angsuran, untuk setiap 30 hari keterlambatan yang "
        "sudah berjalan."
    )
    assert denda_in_words(DendaRule()) == "Tanpa denda."


def test_the_product_in_the_admin_and_the_loan_page_state_the_denda_rule(client_as, people):
    product = ProductFactory(denda_percent_per_month=Decimal(2), denda_grace_days=3)
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 10), product=product)
    words = "Denda 2% per bulan dari tunggakan setiap angsuran"

    admin_page = client_as(Role.KEPALA_UPT).get(
        reverse("admin:lending_product_change", args=[product.pk])
    )
    loan_page = client_as(Role.STAF_UPT).get(loan.get_absolute_url())

    assert words in admin_page.content.decode()
    assert words in loan_page.content.decode()


def test_the_fund_page_states_its_rules(client_as):
    fund = fund_with_capital(write_off_min_collectibility=4, recovery_allocation="seperti_angsuran")

    html = client_as(Role.STAF_UPT).get(reverse("lending:fund-detail", args=[fund.pk]))

    text = " ".join(html.content.decode().split())
    assert "hanya mulai kolektibilitas 4" in text
    assert "seperti angsuran: denda, jasa, lalu pokok" in text
