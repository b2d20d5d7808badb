"""Cell-per-line dumps with more section rows than task rows (found by the property tests)."""

from __future__ import annotations

from pathlib import Path

from qingdan.extract.txt import read_txt


def test_single_cell_rows_do_not_decide_the_table_width() -> None:
    header = ["\t重点工作", "\t工作措施", "\t牵头部门", ""]
    sections = ["\t一、土壤", "", "\t二、水", "", "\t三、气", ""]
    task = ["\t详查", "\t完善监测网络", "\t生态环境分局", ""]
    dump = "\n".join([*header, *sections, *task])
    (table,) = read_txt(dump.encode("utf-8"), Path("list.txt")).tables
    assert [row.cells for row in table.rows] == [
        ["重点工作", "工作措施", "牵头部门"],
        ["一、土壤"],
        ["二、水"],
        ["三、气"],
        ["详查", "完善监测网络", "生态环境分局"],
    ]
