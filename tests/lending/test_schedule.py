import itertools
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from lending.schedule import add_months, build_schedule, monthly_jasa


def _parts(schedule):
    return [(i.number, i.due_date, i.principal, i.jasa) for i in schedule]


def test_the_issues_example_ten_million_over_twelve_months_at_zero():
    schedule = build_schedule(
        principal=10_000_000, months=12, jasa_percent_per_year=0, disbursed_on=date(2025, 3, 10)
    )

    assert [i.principal for i in schedule] == [833_000] * 11 + [837_000]
    assert {i.jasa for i in schedule} == {0}
    assert schedule[0].due_date == date(2025, 4, 10)
    assert schedule[-1].due_date == date(2026, 3, 10)


def test_three_percent_penguatan_worked_by_hand():
    # 5,000,000 x 3 / 100 / 12 = 12,500 jasa a month; 5,000,000 / 10 = 500,000 exactly.
    schedule = build_schedule(
        principal=5_000_000,
        months=10,
        jasa_percent_per_year=Decimal("3"),
        disbursed_on=date(2023, 6, 5),
    )

    assert _parts(schedule)[0] == (1, date(2023, 7, 5), 500_000, 12_500)
    assert [i.principal for i in schedule] == [500_000] * 10
    assert sum(i.jasa for i in schedule) == 125_000


def test_rounding_halves_up_and_the_last_takes_the_rest():
    # 7,500,000 / 12 = 625,000 exactly; 7,700,000 / 12 = 641,666.67 -> 642,000.
    schedule = build_schedule(
        principal=7_700_000, months=12, jasa_percent_per_year=0, disbursed_on=date(2024, 1, 1)
    )
    assert [i.principal for i in schedule] == [642_000] * 11 + [638_000]
    # 1,500 / 3 = 500 is exactly half of the multiple 1,000: halves go up.
    schedule = build_schedule(
        principal=3_000_000 + 1_500,
        months=3,
        jasa_percent_per_year=0,
        disbursed_on=date(2024, 1, 1),
    )
    assert [i.principal for i in schedule] == [1_001_000, 1_001_000, 999_500]


def test_jasa_rounds_to_whole_rupiah_halves_up():
    # 1,000,000 x 2.5 / 1200 = 2,083.33 -> 2,083; 3,100,000 x 3 / 1200 = 7,750 exactly;
    # 1,500,000 x 1.1 / 1200 = 1,375 exactly; 100,200 x 3 / 1200 = 250.5 -> 251.
    assert monthly_jasa(1_000_000, Decimal("2.5")) == 2_083
    assert monthly_jasa(3_100_000, 3) == 7_750
    assert monthly_jasa(100_200, 3) == 251


def test_due_dates_keep_the_day_or_take_the_months_last_day():
    schedule = build_schedule(
        principal=6_000_000, months=6, jasa_percent_per_year=0, disbursed_on=date(2024, 1, 31)
    )

    assert [i.due_date for i in schedule] == [
        date(2024, 2, 29),
        date(2024, 3, 31),
        date(2024, 4, 30),
        date(2024, 5, 31),
        date(2024, 6, 30),
        date(2024, 7, 31),
    ]
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)


def test_a_tiny_principal_rounds_down_rather_than_leave_a_negative_last_part():
    schedule = build_schedule(
        principal=1_600, months=3, jasa_percent_per_year=0, disbursed_on=date(2024, 1, 1)
    )

    assert [i.principal for i in schedule] == [0, 0, 1_600]


@given(
    principal=st.integers(min_value=0, max_value=10_000_000),
    months=st.integers(min_value=1, max_value=60),
    rate=st.decimals(min_value=0, max_value=24, places=2),
    multiple=st.sampled_from([1, 100, 500, 1000, 5000]),
    disbursed_on=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
)
def test_properties_of_every_schedule(principal, months, rate, multiple, disbursed_on):
    schedule = build_schedule(
        principal=principal,
        months=months,
        jasa_percent_per_year=rate,
        disbursed_on=disbursed_on,
        multiple=multiple,
    )

    assert len(schedule) == months
    assert sum(i.principal for i in schedule) == principal
    assert all(i.principal >= 0 and i.jasa >= 0 for i in schedule)
    dates = [disbursed_on] + [i.due_date for i in schedule]
    assert all(a < b for a, b in itertools.pairwise(dates))
    assert {i.jasa for i in schedule} == {monthly_jasa(principal, rate)}
    assert all(i.principal % multiple == 0 for i in schedule[:-1])
