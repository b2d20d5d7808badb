"""Title and year from the lines above the table (issue 15, docs/conventions.md)."""

from __future__ import annotations

from qingdan.extract.grid import Extracted, RawRow, RawTable, TextLine
from qingdan.normalize.document_info import describe_document, heading_lines
from qingdan.normalize.knowledge import Knowledge

TITLES = Knowledge.load().titles
"""The built-in title words (``data/titles.toml``)."""

LABEL = TextLine("附件1", 16, False, False)


def test_a_title_printed_on_two_larger_lines_is_one_title() -> None:
    lines = [
        LABEL,
        TextLine("新城区净土保卫战", 22, False, True),
        TextLine("2020年工作任务清单", 22),
    ]
    info = describe_document([*lines, TextLine("（2020年3月5日）", 16, False, True)], TITLES)
    assert (info.attachment, info.title, info.year) == (
        "附件1",
        "新城区净土保卫战2020年工作任务清单",
        2020,
    )


def test_with_one_size_the_centred_lines_are_the_title_up_to_a_bracketed_note() -> None:
    lines = [
        LABEL,
        TextLine("南湖区优化营商环境", 16, True, True),
        TextLine("重点工作任务清单", 16, True, True),
        TextLine("（2019年4月）", 16, False, True),
        TextLine("各单位要按照分工抓好落实。", 16, False, False),
    ]
    info = describe_document(lines, TITLES)
    assert info.title == "南湖区优化营商环境重点工作任务清单"


def test_the_year_comes_from_the_first_date_in_the_heading_lines_when_the_title_has_none() -> None:
    lines = [
        LABEL,
        TextLine("南湖区重点工作任务清单", 22, True, True),
        TextLine("（2019年4月）", 16),
    ]
    assert describe_document(lines, TITLES).year == 2019


def test_spaced_title_digits_still_give_the_year() -> None:
    assert describe_document(["西山区 2 0 1 9 年水污染防治工作任务清单"], TITLES).year == 2019


def test_plain_lines_fall_back_to_the_line_that_reads_like_a_title() -> None:
    info = describe_document(
        ["附件2", "内部资料 注意保存", "北塘区2019年防汛抗旱重点任务责任分工表"], TITLES
    )
    assert info.title == "北塘区2019年防汛抗旱重点任务责任分工表"
    assert info.attachment == "附件2"


def test_lines_that_all_look_alike_fall_back_to_the_words() -> None:
    alike = [
        TextLine(t, 10.5, False, False)
        for t in ("附件1", "说明：各项均须落实。", "青山区2019年任务分解表")
    ]
    assert describe_document(alike, TITLES).title == "青山区2019年任务分解表"


def test_heading_lines_prefer_the_readers_styled_lines() -> None:
    styled = [TextLine("任务清单", 22, True, True)]
    table = RawTable([RawRow(["重点工作"])])
    content = Extracted([table], text_before=["任务清单"], lines_before=styled)
    assert heading_lines(content, [table], table) == styled
    plain = Extracted([table], text_before=["任务清单"])
    assert heading_lines(plain, [table], table) == [TextLine("任务清单")]
