"""Text-dump repairs run only where the reader's traits say so (``ReaderTraits``).

The same grid, written as a text dump and as a Word table: the dump's blank 序号 may be
a merged number printed once, so it continues the number above; the Word table marks
its merges itself, so its blank 序号 is blank.
"""

from __future__ import annotations

from pathlib import Path

import docx

import qingdan

GRID = [
    ["序号", "工作措施", "牵头单位", "完成时限"],
    ["1", "完成管网改造。", "县住建局", "6月底前"],
    ["", "完成泵站建设。", "县水务局", "年底前"],
]


def _txt(path: Path) -> Path:
    rows = ["\n".join(f"\t{cell}" for cell in row) for row in GRID]
    path.write_text("某县2024年重点工作任务清单\n" + "\n\n".join(rows) + "\n", encoding="utf-8")
    return path


def _docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("某县2024年重点工作任务清单")
    table = document.add_table(rows=len(GRID), cols=len(GRID[0]))
    for row, cells in zip(table.rows, GRID, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.save(str(path))
    return path


def test_a_text_dump_blank_number_is_repaired_as_a_merge(tmp_path: Path) -> None:
    records = qingdan.convert(_txt(tmp_path / "list.txt")).records
    assert [(r.no, r.measure) for r in records] == [
        ("1", "完成管网改造。"),
        ("1", "完成泵站建设。"),
    ]


def test_a_word_blank_number_is_not_repaired_as_a_merge(tmp_path: Path) -> None:
    records = qingdan.convert(_docx(tmp_path / "list.docx")).records
    assert [(r.no, r.measure) for r in records] == [
        ("1", "完成管网改造。"),
        (None, "完成泵站建设。"),
    ]
