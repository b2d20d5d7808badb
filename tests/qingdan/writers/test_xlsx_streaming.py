"""The streaming XLSX workbook (write-only, one row at a time) looks the same as the
workbook held whole: cells, styles, row heights, widths, merges, filter, frozen header,
print setup, hidden sheets (issue 29)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from qingdan.schema import Document

from qingdan.pipeline import convert
from qingdan.writers.warning_table import FileStatus
from qingdan.writers.xlsx import workbook_xlsx
from tests.qingdan.documents import make_document

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


def _cell(cell: Any) -> tuple[object, ...]:
    return (
        cell.value,
        cell.data_type,
        cell.font.bold,
        cell.fill.fgColor.rgb,
        cell.alignment.wrap_text,
        cell.alignment.vertical,
        cell.number_format,
        cell.quotePrefix,
    )


def _look(sheet: Worksheet) -> dict[str, object]:
    setup = sheet.page_setup
    return {
        "state": sheet.sheet_state,
        "cells": [[_cell(cell) for cell in row] for row in sheet.iter_rows()],
        "heights": {i: d.height for i, d in sheet.row_dimensions.items() if d.height},
        "widths": {k: d.width for k, d in sheet.column_dimensions.items() if d.width},
        "merges": sorted(str(r) for r in sheet.merged_cells.ranges),
        "filter": sheet.auto_filter.ref,
        "frozen": sheet.freeze_panes,
        "print": (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight),
        "fit": sheet.sheet_properties.pageSetUpPr.fitToPage,
        "titles": sheet.print_title_rows,
    }


def _looks(data: bytes) -> dict[str, dict[str, object]]:
    workbook = load_workbook(io.BytesIO(data))
    return {sheet.title: _look(sheet) for sheet in workbook.worksheets}


def _documents() -> list[Document]:
    warned = make_document(
        [{"measure": "=1+1"}, {"measure": "完善监测网络\n" + "长" * 120, "no": "3"}],
        file="warned.txt",
        warnings=[{"code": "deadline", "message": "no date", "row": 2}],
    )
    return [
        convert(SAMPLES / "000_eaf823a1ce4555f0_paragraphs.docx"),
        convert(SAMPLES / "001_xincheng_2020_merged.xlsx"),
        warned,
    ]


def test_a_streamed_workbook_looks_like_one_held_whole() -> None:
    documents = _documents()
    files = [FileStatus("a.docx", "converted", 3, 1), FileStatus("b.pdf", "failed", reason="坏")]
    whole = _looks(workbook_xlsx(documents, True, files, streaming=False))
    streamed = _looks(workbook_xlsx(documents, True, files, streaming=True))
    assert list(streamed) == list(whole) == ["任务清单", "警告", "文件", "_qingdan"]
    for title, look in whole.items():
        for aspect, value in look.items():
            assert streamed[title][aspect] == value, (title, aspect)


def test_the_comparison_sees_what_it_compares() -> None:
    documents = _documents()
    look = _looks(workbook_xlsx(documents, False))
    records, warnings = look["任务清单"], look["警告"]
    assert records["filter"] and records["frozen"] == "A2" and records["titles"] == "$1:$1"
    assert any(height > 15 for height in records["heights"].values())  # type: ignore[attr-defined]
    yellow = [row for row in records["cells"] if row[0][3] == "00FFF2CC"]  # type: ignore[attr-defined]
    assert yellow and len(yellow) < len(records["cells"])  # type: ignore[arg-type]
    assert len(warnings["cells"]) > 1  # type: ignore[arg-type]
    assert look["_qingdan"]["state"] == "hidden"
