"""Limits on web pages and OFD documents (issue 33): the hostile shapes of the issue,
made small, give one clear error or a bounded result with a warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from qingdan.extract import read_document
from qingdan.extract.limits import LimitExceeded, Limits
from qingdan.extract.options import ReadOptions

from tests.extract.test_ofd import package, rect, task_page, text


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_a_span_on_every_cell_is_refused_before_the_grid_is_built(tmp_path: Path) -> None:
    row = "<tr>" + '<td rowspan="2000" colspan="2000">任务</td>' * 10 + "</tr>"
    page = f"<html><body><table>{row * 200}</table></body></html>"
    with pytest.raises(LimitExceeded, match=r"table 1: .*QINGDAN_MAX_HTML_CELLS=N"):
        read_document(write(tmp_path, "跨度.html", page))


def test_tables_nested_past_the_limit_are_refused(tmp_path: Path) -> None:
    inner = "<p>最里层</p>"
    for _ in range(6):
        inner = f"<table><tr><td>序号</td><td>任务</td><td>{inner}</td></tr></table>"
    path = write(tmp_path, "嵌套.html", f"<html><body>{inner}</body></html>")
    assert read_document(path, ReadOptions(limits=Limits(html_nesting=6))).content.tables
    with pytest.raises(LimitExceeded, match="tables nested 6 deep"):
        read_document(path, ReadOptions(limits=Limits(html_nesting=5)))


def test_a_cell_of_over_ten_megabytes_keeps_the_rest_of_the_page(tmp_path: Path) -> None:
    rows = [f"<tr><td>{n}</td><td>措施{n}</td></tr>" for n in range(1, 6)]
    rows[1] = f"<tr><td>2</td><td>{'长' * 11_000_000}</td></tr>"
    header = "<tr><td>序号</td><td>工作措施</td></tr>"
    page = f"<html><body><table>{header}{''.join(rows)}</table></body></html>"
    table = read_document(write(tmp_path, "长.html", page)).content.tables[0]
    assert [row.cells[0] for row in table.rows] == ["序号", "1", "2", "3", "4", "5"]
    assert len(table.rows[2].cells[1]) == 11_000_000


def test_an_ofd_of_many_pages_gives_its_first_pages_with_a_warning(tmp_path: Path) -> None:
    data = package(*[task_page()] * 8)
    content = read_document(
        write(tmp_path, "长.ofd", data), ReadOptions(limits=Limits(ofd_pages=3))
    ).content
    assert {row.page for table in content.tables for row in table.rows} == {1, 2, 3}
    [notice] = [n for n in content.notices if n.code == "limit"]
    assert "8 pages: only the first 3" in notice.message


def test_an_ofd_page_of_too_many_characters_is_refused(tmp_path: Path) -> None:
    data = package([text(20, 10, "字" * 500), text(20, 20, "字" * 600)])
    path = write(tmp_path, "字.ofd", data)
    with pytest.raises(LimitExceeded, match="page 1 has at least 1,100 characters"):
        read_document(path, ReadOptions(limits=Limits(ofd_page_glyphs=1_000)))
    with pytest.raises(LimitExceeded, match="the pages have 1,100 characters"):
        read_document(path, ReadOptions(limits=Limits(ofd_glyphs=1_000)))


def test_an_ofd_grid_of_a_hundred_by_a_hundred_is_refused_before_cells(tmp_path: Path) -> None:
    lines = []
    for n in range(101):
        lines.append(
            '<ofd:PathObject ID="9" Boundary="10 10 200 200"><ofd:AbbreviatedData>'
            f"M 0 {n * 2} L 200 {n * 2} M {n * 2} 0 L {n * 2} 200"
            "</ofd:AbbreviatedData></ofd:PathObject>"
        )
    with pytest.raises(LimitExceeded, match=r"ruling lines cross 10,20[0-9] times.*OFD_GRID"):
        read_document(write(tmp_path, "格.ofd", package([*lines, rect(0, 0, 5, 5)])))
