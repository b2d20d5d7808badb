"""The diff report as a workbook (``qingdan diff -o report.xlsx``): a 概要 sheet (the two
lists and the counts) and a 变化 sheet, one row per change as in the CSV report, with
Chinese headers, wrapped text and print set-up (the records workbook's sheet habits)."""

from __future__ import annotations

import io

from openpyxl import Workbook

from qingdan.diff.model import DiffReport
from qingdan.diff.render.csv import COLUMNS, change_rows
from qingdan.writers.formula_guard import CellValue
from qingdan.writers.labels import labels
from qingdan.writers.xlsx import fill_sheet, print_setup

SUMMARY_SHEET = "概要"
CHANGES_SHEET = "变化"


def _summary_rows(report: DiffReport) -> list[list[CellValue]]:
    counts = report.summary
    return [
        ["原清单", report.old.file, report.old.title, report.old.year, report.old.records],
        ["新清单", report.new.file, report.new.title, report.new.year, report.new.records],
        ["未变", counts.unchanged, None, None, None],
        ["修改", counts.modified, None, None, None],
        ["删除", counts.removed, None, None, None],
        ["新增", counts.added, None, None, None],
    ]


def _in_chinese(row: list[CellValue]) -> list[CellValue]:
    """A change row as a person reads it: status, field and 顺延 in Chinese (the CSV
    keeps the codes)."""
    shown = dict(zip(COLUMNS, row, strict=True))
    status, field, words = labels("diff_status"), labels("diff_field"), labels("diff_words")
    shown["status"] = status.get(str(shown["status"]), shown["status"])
    shown["field"] = field.get(str(shown["field"]), shown["field"])
    shown["rolled_forward"] = words.get(str(shown["rolled_forward"]), shown["rolled_forward"])
    return [shown[key] for key in COLUMNS]


def report_xlsx(report: DiffReport) -> bytes:
    """The report as .xlsx bytes: the 概要 sheet, then one 变化 row per change."""
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None  # a new workbook always has its first sheet
    summary.title = SUMMARY_SHEET
    fill_sheet(summary, ["项目", "文件或数量", "标题", "年份", "任务数"], _summary_rows(report))
    print_setup(summary)
    changes = workbook.create_sheet(CHANGES_SHEET)
    names = labels("diff")
    rows = [_in_chinese(row) for row in change_rows(report)]
    fill_sheet(changes, [names[key] for key in COLUMNS], rows, ["old", "new"])
    print_setup(changes)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
