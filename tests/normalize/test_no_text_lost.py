"""Text the normalizer cannot place goes into a warning (found by the property tests)."""

from __future__ import annotations

from qingdan.extract.grid import Cell, Covered, Extracted, RawDocument, RawRow, RawTable
from qingdan.normalize import normalize

HEADER: list[Cell] = ["重点工作", "工作措施", "牵头部门"]


def _document(*tables: list[list[Cell]]) -> RawDocument:
    raw = [RawTable([RawRow(r) for r in rows], f"table {i}") for i, rows in enumerate(tables, 1)]
    return RawDocument("list.docx", "docx", "0" * 64, Extracted(raw))


def test_a_section_with_no_task_under_it_is_a_warning() -> None:
    task_list = normalize(
        _document(
            [
                HEADER,
                ["一、土壤", Covered.LEFT, Covered.LEFT],
                ["详查", "完善监测网络", "生态环境分局"],
                ["二、水", Covered.LEFT, Covered.LEFT],
                ["三、气", "三、气", "三、气"],
            ]
        )
    )
    assert [r.section for r in task_list.records] == ["一、土壤"]
    assert [(w.code, w.message) for w in task_list.warnings] == [
        ("empty-section", "section row '二、水' has no tasks under it"),
        ("empty-section", "section row '三、气' has no tasks under it"),
    ]


def test_rows_above_a_tables_header_are_a_warning() -> None:
    task_list = normalize(
        _document(
            [
                ["某区工作任务清单", Covered.LEFT, Covered.LEFT],
                HEADER,
                ["详查", "完善监测网络", "生态环境分局"],
            ],
            [["续表", "", ""], HEADER, ["治理", "推进修复", "区住建局"]],
        )
    )
    assert [r.measure for r in task_list.records] == ["完善监测网络", "推进修复"]
    assert [(w.code, w.message) for w in task_list.warnings] == [
        ("skipped-rows", "table 1: row above the header skipped: 某区工作任务清单"),
        ("skipped-rows", "table 2: row above the header skipped: 续表"),
    ]
