"""A certificate that arrived from its real issuer (here halal, from BPJPH) is recorded on the
participant's page, on a phone and on a desk: a mistake is shown with what was typed, the
certificate is listed once, and refreshing after saving posts nothing again."""

import pytest
from playwright.sync_api import expect

from cilegon_umkm.accounts.roles import Role
from registry.models import Certification, CertificationKind
from tests.factories import UserFactory
from tests.lending.factories import new_business
from tests.training.factories import CohortFactory, TrackFactory
from training.models import FacilitatedCertification
from training.services import enrollment_create

from .conftest import DESKTOP, PHONE, log_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page) -> None:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, (width, inner)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_record_a_certificate_from_its_issuer(
    page, live_server, screenshot, time_machine, viewport
):
    time_machine.move_to("2025-10-01 10:00:00+07:00", tick=True)
    staff = UserFactory(username="staf", roles=[Role.STAF_DINAS])
    track = TrackFactory(name="Makanan Olahan Halal", certificate_kind=CertificationKind.HALAL)
    enrollment = enrollment_create(
        cohort=CohortFactory(track=track),
        umkm=new_business(name="Keripik Bu Ani", owner_name="Ani Rahmawati"),
        user=staff,
    )
    page.set_viewport_size(viewport)
    path = f"/pelatihan/peserta/{enrollment.pk}/"
    log_in_as(page, live_server, "staf", path)
    expect(page.get_by_test_id("facilitated-none")).to_be_visible()

    # The track's certificate is offered, with its real issuer as the hint.
    page.get_by_test_id("facilitated-open").click()
    form = page.get_by_test_id("facilitated-form")
    expect(form.locator("[name=kind]")).to_have_value("halal")
    expect(form.locator("[name=issuer]")).to_have_attribute("placeholder", "BPJPH")
    expect(page.get_by_test_id("issuer-help")).to_contain_text("BNSP")
    _no_sideways_scroll(page)

    # A slip: the expiry typed before the issue date. The page says so and keeps the rest.
    form.locator("[name=number]").fill("ID36110000123")
    form.locator("[name=issuer]").fill("BPJPH")
    form.locator("[name=issued_on]").fill("2025-09-01")
    form.locator("[name=expires_on]").fill("2025-08-01")
    page.get_by_test_id("facilitated-save").click()
    expect(page.get_by_test_id("facilitated-error")).to_be_visible()
    form = page.get_by_test_id("facilitated-form")
    expect(form.locator("[name=number]")).to_have_value("ID36110000123")
    screenshot("error")
    assert not FacilitatedCertification.objects.exists()

    form.locator("[name=expires_on]").fill("")
    page.get_by_test_id("facilitated-save").click()
    expect(page.get_by_role("alert")).to_contain_text("BPJPH")
    listed = page.get_by_test_id("facilitated")
    expect(listed).to_contain_text("ID36110000123")
    expect(listed).to_contain_text("BPJPH")
    expect(listed).to_contain_text("1 Sep 2025")
    _no_sideways_scroll(page)
    screenshot("recorded")

    # Refreshing the page after saving asks for the page again; nothing is posted twice.
    page.reload()
    expect(page.get_by_test_id("facilitated")).to_contain_text("ID36110000123")
    assert page.url == f"{live_server.url}{path}"
    assert FacilitatedCertification.objects.count() == 1
    halal = Certification.objects.get(umkm=enrollment.umkm, kind=CertificationKind.HALAL)
    assert (halal.issuer, halal.number) == ("BPJPH", "ID36110000123")
