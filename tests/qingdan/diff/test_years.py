"""Rolling years forward: near years move with the list, fixed dates stay."""

from __future__ import annotations

from qingdan.diff.years import roll_years, year_gap


def test_the_list_year_and_its_neighbours_roll_forward() -> None:
    assert roll_years("2019年12月", 2019, 1) == "2020年12月"
    assert roll_years("巩固2018年“清废”成果", 2019, 1) == "巩固2019年“清废”成果"
    assert roll_years("2020年6月底前", 2019, 2) == "2022年6月底前"


def test_fixed_dates_far_from_the_list_year_stay() -> None:
    text = "以2013年为基数继续削减2%"
    assert roll_years(text, 2019, 1) == text


def test_numbers_that_are_not_years_stay() -> None:
    assert roll_years("削减2019吨，12019年", 2019, 1) == "削减2019吨，12019年"


def test_nothing_rolls_without_a_year_or_a_gap() -> None:
    assert roll_years("2019年12月", None, 1) == "2019年12月"
    assert roll_years("2019年12月", 2019, 0) == "2019年12月"


def test_year_gap_is_zero_when_a_year_is_unknown() -> None:
    assert year_gap(2019, 2020) == 1
    assert year_gap(None, 2020) == 0
    assert year_gap(2019, None) == 0
