"""A file that yields no records always says so (issue 33): a table with a header and
no rows exited 0 with no records and no warning; a page of empty tables is an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from qingdan.extract.errors import NoTableFound

import qingdan

HEADER = "<tr><td>序号</td><td>工作任务</td><td>牵头单位</td><td>完成时限</td></tr>"


def test_a_header_without_rows_gives_a_no_records_warning(tmp_path: Path) -> None:
    path = tmp_path / "空表.html"
    path.write_text(f"<html><body><table>{HEADER}</table></body></html>", encoding="utf-8")
    document = qingdan.convert(path)
    assert document.records == []
    assert [w.code for w in document.warnings] == ["no-records"]


def test_a_page_of_empty_tables_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "空.html"
    path.write_text("<html><body>" + "<table></table>" * 10_000 + "</body></html>")
    with pytest.raises(NoTableFound):
        qingdan.convert(path)


def test_a_list_with_records_gets_no_such_warning(seed: Path) -> None:
    assert "no-records" not in {w.code for w in qingdan.convert(seed).warnings}
