"""Every deadline form we have met, with the due date and kind it must give (issue 5).

The document's year is 2019 unless a case says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from qingdan.normalize.deadlines import parse_deadline
from qingdan.normalize.knowledge import Knowledge

DOC_YEAR = 2019
WORDS = Knowledge.load().deadlines

# (printed deadline, expected due, expected due_kind)
FORMS: list[tuple[str, date | None, str | None]] = [
    # the forms issue 5 names
    ("2019年6月底前", date(2019, 6, 30), "date"),
    ("2019年底", date(2019, 12, 31), "date"),
    ("2019年上半年", date(2019, 6, 30), "date"),
    ("2019年10月15日前", date(2019, 10, 15), "date"),
    ("2019年—2020年", date(2020, 12, 31), "date"),
    ("长期坚持", None, "ongoing"),
    ("持续推进", None, "ongoing"),
    ("每季度", None, "recurring"),
    ("2019年9月底前完成，长期坚持", date(2019, 9, 30), "date"),
    ("每月", None, "recurring"),
    ("常态化", None, "ongoing"),
    # docs/conventions.md: work kept up has no due date; a duration from an unstated start
    # keeps its text and has none either (a bare number before 天 is not a month)
    ("常态工作", None, "ongoing"),
    ("三季度末", date(2019, 9, 30), "date"),
    ("全年", date(2019, 12, 31), "date"),
    ("每季度通报，年底前办结", date(2019, 12, 31), "date"),
    ("3天", None, None),
    ("收到通知后5个工作日", None, None),
    ("省出台文件后2个月", None, None),
    ("10日内", None, None),
    ("完成5条道路改造", None, None),
    # months, days, parts of a month
    ("2019年12月", date(2019, 12, 31), "date"),
    ("2019年2月", date(2019, 2, 28), "date"),
    ("2019年6月份", date(2019, 6, 30), "date"),
    ("2019年10月前", date(2019, 10, 31), "date"),
    ("2019年12月31日前", date(2019, 12, 31), "date"),
    ("2019年11月30日", date(2019, 11, 30), "date"),
    ("2019年12月上旬", date(2019, 12, 10), "date"),
    ("10月中旬前", date(2019, 10, 20), "date"),
    ("6月底前", date(2019, 6, 30), "date"),
    ("十月底前", date(2019, 10, 31), "date"),
    ("２０１９年１２月", date(2019, 12, 31), "date"),
    ("二〇一九年十二月", date(2019, 12, 31), "date"),
    # numeric dates
    ("2019.12", date(2019, 12, 31), "date"),
    ("2019.6.30", date(2019, 6, 30), "date"),
    ("2019-12-31", date(2019, 12, 31), "date"),
    ("2019/12/31", date(2019, 12, 31), "date"),
    # years, halves, quarters
    ("2019年内", date(2019, 12, 31), "date"),
    ("年内", date(2019, 12, 31), "date"),
    ("年底前", date(2019, 12, 31), "date"),
    ("2019年年底前", date(2019, 12, 31), "date"),
    ("2019年度", date(2019, 12, 31), "date"),
    ("2019年下半年", date(2019, 12, 31), "date"),
    ("2019年全年", date(2019, 12, 31), "date"),
    ("2020年", date(2020, 12, 31), "date"),
    ("第三季度", date(2019, 9, 30), "date"),
    ("2019年第一季度", date(2019, 3, 31), "date"),
    ("三季度末", date(2019, 9, 30), "date"),
    ("第四季度末", date(2019, 12, 31), "date"),
    # ranges and lists end on their last day
    ("2019年6月至12月", date(2019, 12, 31), "date"),
    ("2019年6-9月", date(2019, 9, 30), "date"),
    ("2019年6月—2019年12月", date(2019, 12, 31), "date"),
    ("2019—2021年", date(2021, 12, 31), "date"),
    ("2019年至2020年", date(2020, 12, 31), "date"),
    ("2019年9月、12月", date(2019, 12, 31), "date"),
    ("2019年4月底前启动，12月底前完成", date(2019, 12, 31), "date"),
    # a date with a recurring clause is a date; a recurring date is recurring
    ("2019年底前完成，每季度报送进展", date(2019, 12, 31), "date"),
    ("每年12月底前", None, "recurring"),
    ("每半年", None, "recurring"),
    ("按季度推进", None, "recurring"),
    # a start date names no due date: the work goes on from then
    ("2019年3月起", None, "ongoing"),
    ("2019年6月起长期坚持", None, "ongoing"),
    ("即日起", None, "ongoing"),
    ("即时办结", None, "ongoing"),
    # an event without a fixed date is not guessed
    ("2019年春节前", None, None),
    ("2019年汛期前", None, None),
    ("汛期", None, None),
    ("2019年汛前完成隐患排查，12月底前完成整改", date(2019, 12, 31), "date"),
    # not understood
    ("按上级要求", None, None),
    ("", None, None),
]


@pytest.mark.parametrize(("text", "due", "kind"), FORMS, ids=[f[0] or "blank" for f in FORMS])
def test_deadline_form(text: str, due: date | None, kind: str | None) -> None:
    deadline = parse_deadline(text, DOC_YEAR, WORDS)
    assert (deadline.due, deadline.kind) == (due, kind)


def test_a_deadline_without_a_year_takes_the_documents_year() -> None:
    assert parse_deadline("6月底前", 2020, WORDS).due == date(2020, 6, 30)


def test_a_deadline_without_a_year_in_a_document_without_one_names_no_date() -> None:
    assert parse_deadline("6月底前", None, WORDS).due is None


def test_whitespace_inside_a_deadline_is_ignored() -> None:
    assert parse_deadline("2019 年 6 月\n底前", DOC_YEAR, WORDS).due == date(2019, 6, 30)


def test_a_month_ends_on_the_day_the_calendar_says() -> None:
    import calendar

    for year in (1900, 2000, 2019, 2020, 2024, 2100):
        for month in range(1, 13):
            last = calendar.monthrange(year, month)[1]
            assert parse_deadline(f"{year}年{month}月底前", DOC_YEAR, WORDS).due == date(
                year, month, last
            )


# Seasons and relative years (issue 26): their real date, or no date and a warning.
SEASONS_AND_YEARS: list[tuple[str, int | None, date | None]] = [
    ("2020年春季", 2019, date(2020, 5, 31)),
    ("2020年夏季", 2019, date(2020, 8, 31)),
    ("2020年秋季", 2019, date(2020, 11, 30)),
    ("2020年冬季", 2019, date(2021, 2, 28)),  # winter runs into the next February
    ("2023年冬季", 2023, date(2024, 2, 29)),  # a leap February
    ("秋季", 2019, date(2019, 11, 30)),  # the list's year
    ("秋季前", 2019, date(2019, 11, 30)),  # X前 means X
    ("2020年春季末", 2019, date(2020, 5, 31)),
    ("次年6月底前", 2020, date(2021, 6, 30)),
    ("明年底", 2020, date(2021, 12, 31)),
    ("翌年3月", 2020, date(2021, 3, 31)),
    ("当年", 2020, date(2020, 12, 31)),
    ("今年年底前", 2020, date(2020, 12, 31)),
    ("本年度内", 2020, date(2020, 12, 31)),
    ("后年", 2020, date(2022, 12, 31)),
    ("次年春季", 2020, date(2021, 5, 31)),
    ("2020-2021年秋冬季", 2020, date(2021, 2, 28)),  # one winter, named by both years
    ("2020—2021年冬季", 2020, date(2021, 2, 28)),
    ("2020—2022年冬季", 2020, date(2023, 2, 28)),  # three years: the last one's winter
    ("当年启动，次年完成", 2020, date(2021, 12, 31)),
    # no year to count from: no date (the record gets a deadline warning)
    ("次年6月底前", None, None),
    ("明年", None, None),
    ("冬季", None, None),
    # no fixed day: never the year's end
    ("2020年初", 2020, None),
    ("入冬前", 2020, None),
    ("开春后", 2020, None),
]


@pytest.mark.parametrize(
    ("text", "year", "due"), SEASONS_AND_YEARS, ids=[f"{c[0]}-{c[1]}" for c in SEASONS_AND_YEARS]
)
def test_a_season_or_a_relative_year(text: str, year: int | None, due: date | None) -> None:
    deadline = parse_deadline(text, year, WORDS)
    assert deadline.due == due
    assert deadline.kind == ("date" if due else None)


def test_a_phrase_that_cannot_be_dated_is_a_deadline_warning() -> None:
    from qingdan.normalize import normalize

    from tests.normalize.grids import raw_document

    header = ["工作措施", "牵头单位", "完成时限"]
    rows = [["完善监测网络。", "区发改委", text] for text in ("次年6月底前", "2019年初", "冬季")]
    task_list = normalize(raw_document([header, *rows], title=["工作任务清单"]))
    assert [record.due for record in task_list.records] == [None, None, None]
    warned = [w.message for w in task_list.warnings if w.code == "deadline"]
    assert warned == [
        f"deadline {text!r} names no date" for text in ("次年6月底前", "2019年初", "冬季")
    ]


def _phrases() -> st.SearchStrategy[str]:
    """Deadline phrases built from the vocabulary: relative years, seasons, months,
    quarters, halves, parts of a month, events, with the marks that join them."""
    piece = st.one_of(
        st.sampled_from(sorted(WORDS.years)),
        st.sampled_from(sorted(WORDS.seasons)),
        st.sampled_from(WORDS.events + WORDS.ongoing + WORDS.recurring + WORDS.starts),
        st.integers(1, 12).map(lambda month: f"{month}月"),
        st.integers(1, 4).map(lambda quarter: f"第{quarter}季度"),
        st.integers(1, 31).map(lambda day: f"{day}日"),
        st.sampled_from(["年", "年底", "年内", "上半年", "下半年", "底", "末", "前", "中旬"]),
        st.sampled_from(["十二月", "二〇二〇年", "三季度", "，", "、", "—", "至", "前完成"]),
    )
    return st.lists(piece, max_size=6).map("".join)


@given(_phrases(), st.integers(1990, 2100) | st.none())
def test_a_phrase_of_the_vocabulary_is_dated_within_the_plans_reach(
    text: str, year: int | None
) -> None:
    deadline = parse_deadline(text, year, WORDS)
    assert (deadline.due is None) == (deadline.kind != "date")
    if deadline.due is not None and year is not None and "二〇二〇年" not in text:
        assert year - 1 <= deadline.due.year <= year + 10
