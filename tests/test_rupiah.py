from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.template import Context, Template
from django.test import RequestFactory

from cilegon_umkm.accounts.models import User
from cilegon_umkm.kernel.form_fields import MAX_RUPIAH, RupiahField
from cilegon_umkm.kernel.formatting import format_rupiah, terbilang
from registry.forms import UMKMForm


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
    [
        ("10000", 10_000),
        ("10.000", 10_000),
        ("Rp10.000", 10_000),
        ("Rp 10.000", 10_000),
        ("rp10000", 10_000),
        ("  Rp10.000  ", 10_000),
        ("5.000.000", 5_000_000),
        ("Rp 5000000", 5_000_000),
        ("999", 999),
        ("1.000", 1_000),
        ("999.999.999.999.999", MAX_RUPIAH),
    ],
)
def test_an_amount_is_read_as_people_type_it(typed, value):
    assert RupiahField().clean(typed) == value


WHOLE_RUPIAH = "Tulis jumlah Rupiah bulat, misalnya 10000, 10.000 atau Rp10.000."


@pytest.mark.parametrize(
    "typed",
    [
        "10.00",  # a decimal point: was read as Rp1.000
        "5.000.00",  # was Rp500.000
        "1.5",  # was Rp15
        "1,5",
        "10,000",  # a comma: thousands or decimals? refused either way
        "Rp10.000,00",
        "10.0000",
        ".000",
        "10.",
        "1 000",
        "10.000 Rp",
        "Rp",
        "sepuluh ribu",
        "1e6",
        "0x10",
        "\u00b2\u2075",  # superscript digits: int() reads them
        "\u0661\u0660\u0660\u0660",  # Arabic-Indic digits
        "\uff11\uff10\uff10\uff10",  # full-width digits
        "+1000",
        "--1000",
    ],
)
def test_what_is_not_a_whole_rupiah_amount_is_refused_with_one_message(typed):
    with pytest.raises(ValidationError) as refused:
        RupiahField().clean(typed)

    assert refused.value.messages == [WHOLE_RUPIAH]


@pytest.mark.parametrize("typed", ["-10.000", "-Rp5.000", "-1", "0"])
def test_a_negative_amount_is_refused_where_the_field_asks_for_more_than_zero(typed):
    with pytest.raises(ValidationError) as refused:
        RupiahField(min_value=1).clean(typed)

    assert refused.value.messages == ["Jumlah paling sedikit Rp1."]


@pytest.mark.parametrize(
    "typed",
    [
        "1" * 30,
        "1.000.000.000.000.000",
        "9" * 400,
        "9" * 5000,  # past Python's int() digit limit
        str(2**63),
        "9.223.372.036.854.775.808",  # 2^63
        str(2**64),
    ],
)
def test_an_amount_too_long_to_be_real_is_refused_not_a_crash(typed):
    with pytest.raises(ValidationError) as refused:
        RupiahField().clean(typed)

    assert refused.value.messages == ["Jumlah paling banyak Rp999.999.999.999.999."]


def test_a_field_cannot_be_made_to_accept_more_than_a_bigint_holds():
    field = RupiahField(max_value=None)

    with pytest.raises(ValidationError):
        field.clean(str(2**63))
    assert field.clean(str(MAX_RUPIAH)) == MAX_RUPIAH


def test_an_empty_optional_amount_is_none():
    assert RupiahField(required=False).clean("  ") is None


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (500_000, "lima ratus ribu rupiah"),
        (833_000, "delapan ratus tiga puluh tiga ribu rupiah"),
        (1_250, "seribu dua ratus lima puluh rupiah"),
        (10_000_000, "sepuluh juta rupiah"),
        (1, "satu rupiah"),
    ],
)
def test_a_kuitansi_writes_the_amount_in_words(amount, words):
    assert terbilang(amount) == words


def _admin_form_fields():
    """Every field of every form the back office shows for a model, with its model field."""
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True)
    for model, model_admin in admin.site._registry.items():
        admins = [(model, model_admin)] + [
            (inline.model, inline) for inline in model_admin.get_inline_instances(request)
        ]
        for form_model, form_admin in admins:
            if not form_admin.has_change_permission(request):
                continue  # read only: posted entries, the loan book
            if hasattr(form_admin, "get_formset"):
                form = form_admin.get_formset(request).form
            else:
                form = form_admin.get_form(request)
            for name, field in form.base_fields.items():
                try:
                    yield form_model, form_model._meta.get_field(name), field
                except FieldDoesNotExist:
                    continue


def test_every_rupiah_amount_typed_in_the_back_office_follows_the_same_rules():
    amounts = [
        (model, column.name, field)
        for model, column, field in _admin_form_fields()
        if "(Rp)" in str(column.verbose_name)
    ]

    assert {(model.__name__, name) for model, name, _field in amounts} >= {
        ("UMKM", "capital"),
        ("UMKM", "annual_turnover"),
        ("Product", "min_amount"),
        ("Product", "max_amount"),
        ("Product", "rounding_multiple"),
        ("Allocation", "amount"),
        ("BudgetLine", "amount"),
        ("Cohort", "cost_per_participant"),
    }
    assert [
        (model.__name__, name)
        for model, name, field in amounts
        if not isinstance(field, RupiahField)
    ] == []


def test_the_registry_form_reads_capital_as_people_write_it():
    form = UMKMForm(data={"capital": "10.00", "annual_turnover": "Rp 250.000.000"})
    form.is_valid()

    assert form.has_error("capital", "invalid")
    assert "annual_turnover" not in form.errors
