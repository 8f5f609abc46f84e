"""Issue 15, registry rules: a phone written with the national 0 after the country code, or
with 00 for the international prefix, is the same number as 0812..."""

import pytest

from registry.validators import normalize_phone


@pytest.mark.parametrize(
    "written",
    [
        "0812-3456-7890",
        "+62 0812-3456-7890",
        "+62 (0)812 3456 7890",
        "62 0812 3456 7890",
        "0062 812 3456 7890",
        "0062 0812 3456 7890",
        "0062-812-3456-7890",
    ],
)
def test_it_normalises_country_code_variants_like_a_national_number(written):
    assert normalize_phone(written) == "+6281234567890"


def test_a_landline_keeps_its_area_code_whatever_the_prefix():
    assert normalize_phone("+62 (0254) 391234") == "+62254391234"
    assert normalize_phone("0062 254 391234") == "+62254391234"
