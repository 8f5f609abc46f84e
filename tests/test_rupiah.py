from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from cilegon_umkm.kernel.form_fields import MAX_RUPIAH, RupiahField
from cilegon_umkm.kernel.formatting import format_rupiah


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (10_000_000, "Rp10.000.000"),
        (0, "Rp0"),
        (999, "Rp999"),
        (1_000, "Rp1.000"),
        (3_400_000_000, "Rp3.400.000.000"),
        (-2_500, "-Rp2.500"),
        ("750000", "Rp750.000"),
        (Decimal("1234.5"), "Rp1.235"),  # half up, never banker's rounding
        (Decimal("1234.49"), "Rp1.234"),
    ],
)
def test_it_writes_rupiah_the_indonesian_way(amount, shown):
    assert format_rupiah(amount) == shown


def test_it_refuses_what_is_not_an_amount():
    with pytest.raises(ValueError, match="not an amount"):
        format_rupiah("sepuluh juta")


@pytest.mark.parametrize(
    ("value", "shown"), [(10_000_000, "Rp10.000.000"), (None, ""), ("", ""), ("n/a", "n/a")]
)
def test_the_template_filter_formats_and_never_breaks_a_page(value, shown):
    template = Template("{% load portal %}{{ value|rupiah }}")

    assert template.render(Context({"value": value})) == shown


@pytest.mark.parametrize(
    ("typed", "value"),
    [("5.000.000", 5_000_000), ("Rp 5000000", 5_000_000), ("999.999.999.999.999", MAX_RUPIAH)],
)
def test_an_amount_is_read_as_people_type_it(typed, value):
    assert RupiahField().clean(typed) == value


@pytest.mark.parametrize("typed", ["1" * 30, "1.000.000.000.000.000", "9" * 400])
def test_an_amount_too_long_to_be_real_is_refused_not_a_crash(typed):
    with pytest.raises(ValidationError):
        RupiahField().clean(typed)
