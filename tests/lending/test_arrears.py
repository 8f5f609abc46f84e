from datetime import date

import pytest

from lending.arrears import Band, collectibility, days_past_due


@pytest.mark.parametrize(
    ("days", "level"),
    [(0, 1), (1, 2), (30, 2), (90, 2), (91, 3), (120, 3), (121, 4), (180, 4), (181, 5), (2000, 5)],
)
def test_default_collectibility_is_ojks_rule(days, level):
    assert collectibility(days) == level


def test_a_staff_table_replaces_the_default():
    strict = (Band(1, "Lancar", 0, 7), Band(2, "DPK", 8, 30), Band(5, "Macet", 31, None))

    assert [collectibility(d, strict) for d in (7, 8, 31)] == [1, 2, 5]


def test_negative_days_are_a_bug():
    with pytest.raises(ValueError):
        collectibility(-1)


def test_days_past_due_count_from_the_oldest_unpaid_installment():
    dues = [date(2025, 1, 10), date(2025, 2, 10), date(2025, 3, 10)]

    assert days_past_due(dues, date(2025, 1, 10)) == 0  # due today is not late yet
    assert days_past_due(dues, date(2025, 1, 11)) == 1
    assert days_past_due(dues, date(2025, 3, 1)) == 50
    assert days_past_due([], date(2025, 3, 1)) == 0
