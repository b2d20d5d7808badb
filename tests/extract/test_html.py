"""The HTML reader, on small pages written in the tests (the bundled pages are golden samples)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from qingdan.extract import read_document
from qingdan.extract.errors import BrokenFile
from qingdan.extract.grid import Covered, Extracted
from qingdan.extract.html import MAX_COLSPAN, read_html

import qingdan
from tests.extract.forms import assert_batch_keeps_the_rest, assert_one_line_exit_2

HEADER = "<tr><th>重点工作</th><th>工作措施</th><th>牵头单位</th><th>完成时限</th></tr>"


def page(body: str, head: str = '<meta charset="utf-8">') -> str:
    """A whole page around ``body``."""
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def read(markup: str | bytes, tmp_path: Path, name: str = "page.html") -> Extracted:
    path = tmp_path / name
    path.write_bytes(markup.encode("utf-8") if isinstance(markup, str) else markup)
    return read_html(path.read_bytes(), path)


def grid(extracted: Extracted, table: int = 0) -> list[list[object]]:
    return [list(row.cells) for row in extracted.tables[table].rows]


def test_rowspan_is_covered_above_and_colspan_covered_left(tmp_path: Path) -> None:
    body = (
        "<table>"
        + HEADER
        + "<tr><td rowspan='2'>大气污染</td><td>措施一</td><td colspan='2'>区发改委</td></tr>"
        + "<tr><td>措施二</td><td>区财政局</td><td>年底前</td></tr>"
        + "</table>"
    )
    assert grid(read(page(body), tmp_path))[1:] == [
        ["大气污染", "措施一", "区发改委", Covered.LEFT],
        [Covered.ABOVE, "措施二", "区财政局", "年底前"],
    ]


def test_a_cell_spanning_rows_and_columns_covers_every_column_below(tmp_path: Path) -> None:
    body = (
        "<table><tr><th>序号</th><th>重点工作</th><th>工作措施</th></tr>"
        "<tr><td rowspan=2 colspan=2>一、总体</td><td>甲</td></tr><tr><td>乙</td></tr></table>"
    )
    assert grid(read(page(body), tmp_path))[1:] == [
        ["一、总体", Covered.LEFT, "甲"],
        [Covered.ABOVE, Covered.ABOVE, "乙"],
    ]


def test_short_rows_are_padded_with_blank_cells(tmp_path: Path) -> None:
    body = "<table>" + HEADER + "<tr><td>类别</td><td>措施</td></tr></table>"
    assert grid(read(page(body), tmp_path))[1] == ["类别", "措施", "", ""]


def test_spans_past_the_limits_are_clipped_with_a_notice(tmp_path: Path) -> None:
    body = (
        "<table>"
        + HEADER
        + "<tr><td>a</td><td>b</td><td>c</td><td>d</td></tr>"
        + f"<tr><td colspan='{MAX_COLSPAN * 100}' rowspan='99'>一、总体</td></tr></table>"
    )
    extracted = read(page(body), tmp_path)
    # The grid ends at the last column a cell starts in; the rowspan stops at the last row.
    assert grid(extracted)[2] == ["一、总体", *[Covered.LEFT] * 3]
    assert len(extracted.tables[0].rows) == 3
    assert [n.code for n in extracted.notices] == ["html-span"]
    assert "clipped" in extracted.notices[0].message


def test_line_breaks_come_from_br_and_paragraphs_not_from_the_markup(tmp_path: Path) -> None:
    body = (
        "<table>"
        + HEADER
        + "<tr><td>土壤污染<br>状况详查</td><td><p>（1）完善；</p><p>（2）落实。</p></td>"
        + "<td>生态环境\n      新城分局</td><td>2019年 12月</td></tr></table>"
    )
    cells = grid(read(page(body), tmp_path))[1]
    # A source line break between two CJK characters shows as nothing (CSS Text 3).
    assert cells == [
        "土壤污染\n状况详查",
        "（1）完善；\n（2）落实。",
        "生态环境新城分局",
        "2019年 12月",
    ]


def test_text_above_the_table_is_the_title_and_scripts_are_not_text(tmp_path: Path) -> None:
    body = (
        "<script>var x = '附件9';</script><style>p {}</style><!-- 附件8 -->"
        "<div style='display: none'>隐藏的导航</div>"
        "<p>附件1</p><h1>新区2019年<span>工作任务清单</span></h1>"
        "<table>" + HEADER + "</table><p>抄送：区委办</p><table>" + HEADER + "</table>"
    )
    extracted = read(page(body, "<title>网站首页</title>"), tmp_path)
    assert extracted.text_before == ["附件1", "新区2019年工作任务清单"]
    assert extracted.tables[1].text_above == ["抄送：区委办"]
    assert [t.name for t in extracted.tables] == ["table 1", "table 2"]


def test_a_caption_is_a_line_above_its_table(tmp_path: Path) -> None:
    body = "<p>附件1</p><table><caption>新区任务清单</caption>" + HEADER + "</table>"
    extracted = read(page(body), tmp_path)
    assert extracted.text_before == ["附件1", "新区任务清单"]
    assert grid(extracted) == [["重点工作", "工作措施", "牵头单位", "完成时限"]]


def test_the_title_tag_names_a_page_with_nothing_above_its_table(tmp_path: Path) -> None:
    extracted = read(page("<table>" + HEADER + "</table>", "<title>新区任务清单</title>"), tmp_path)
    assert extracted.text_before == ["新区任务清单"]


def test_a_page_without_a_table_gives_all_its_lines(tmp_path: Path) -> None:
    body = "<h1>新区工作要点</h1><p>一、总体</p><p>1.做好某事。<br>牵头单位：区发改委</p>"
    extracted = read(page(body), tmp_path)
    assert extracted.tables == []
    assert extracted.text_before == [
        "新区工作要点",
        "一、总体",
        "1.做好某事。",
        "牵头单位：区发改委",
    ]


def test_a_layout_table_framing_the_page_is_looked_through(tmp_path: Path) -> None:
    body = (
        "<table><tr><td>网站导航</td></tr><tr><td><p>附件1</p>"
        "<table>" + HEADER + "<tr><td>甲</td><td>乙</td><td>丙</td><td>丁</td></tr></table>"
        "</td></tr></table>"
    )
    extracted = read(page(body), tmp_path)
    assert extracted.text_before == ["网站导航", "附件1"]
    assert len(extracted.tables) == 1
    assert grid(extracted)[1] == ["甲", "乙", "丙", "丁"]


def test_a_table_inside_a_data_cell_is_read_as_its_text(tmp_path: Path) -> None:
    nested = "<table><tr><td>区发改委</td><td>区财政局</td></tr></table>"
    body = (
        "<table>" + HEADER + f"<tr><td>甲</td><td>乙</td><td>{nested}</td><td>丁</td></tr></table>"
    )
    extracted = read(page(body), tmp_path)
    assert grid(extracted)[1] == ["甲", "乙", "区发改委\n区财政局", "丁"]
    assert [n.code for n in extracted.notices] == ["html-nested-table"]
    assert "table 1 row 2" in extracted.notices[0].message


GBK_PAGE = page(
    "<p>附件1</p><table>" + HEADER + "<tr><td>大气</td><td>治理</td><td>县环保局</td>"
    "<td>年底前</td></tr></table>",
    '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
)


@pytest.mark.parametrize(
    ("data", "notice"),
    [
        (GBK_PAGE.encode("gbk"), "declared"),
        (GBK_PAGE.replace("charset=gb2312", "").encode("gbk"), "gb18030"),
        (codecs.BOM_UTF8 + GBK_PAGE.encode("utf-8"), None),
        (GBK_PAGE.replace("gb2312", "utf-8").encode("gbk"), "does not fit"),
    ],
    ids=["declared-gbk", "detected-gbk", "utf8-bom", "wrong-declaration"],
)
def test_encodings(tmp_path: Path, data: bytes, notice: str | None) -> None:
    extracted = read(data, tmp_path)
    assert grid(extracted)[1] == ["大气", "治理", "县环保局", "年底前"]
    messages = [n.message for n in extracted.notices if n.code == "encoding"]
    assert (notice is None and not messages) or any(notice in m for m in messages if notice)


def test_a_page_converts_to_records(tmp_path: Path) -> None:
    path = tmp_path / "清单.htm"
    path.write_bytes(GBK_PAGE.encode("gbk"))
    document = qingdan.convert(path)
    assert document.document.format == "htm"
    assert [(r.category, r.measure, r.lead) for r in document.records] == [
        ("大气", "治理", ["县环保局"])
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01\x02\xff" * 200, "not an HTML page"),
        ("只是一段文字，没有任何标记。".encode(), "not an HTML page: no HTML markup"),
    ],
    ids=["binary", "plain-text"],
)
def test_not_html_is_one_line_and_exit_2(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(data)
    with pytest.raises(BrokenFile, match=reason):
        read_document(path)
    assert_one_line_exit_2(path, reason)


def test_a_page_without_a_task_table_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "contacts.html"
    path.write_text(page("<table><tr><td>联系人</td><td>电话</td></tr></table>"), "utf-8")
    assert_one_line_exit_2(path, "no table with a task-list header found")


def test_bad_pages_in_a_batch_lose_nothing_else(tmp_path: Path) -> None:
    assert_batch_keeps_the_rest(
        tmp_path,
        {
            "binary.html": (b"\x00\x01\x02\xff" * 200, "not an HTML page"),
            "text.htm": ("没有标记".encode(), "no HTML markup"),
        },
    )
