"""The diff report as CSV: one row per change (UTF-8 with a BOM, so Excel opens it).

Every cell (measures and department names are the attachments' text) goes through
the formula guard, as in every CSV qingdan writes (issue 17).
"""

from __future__ import annotations

from qingdan.diff.model import DiffReport, Entry, FieldChange
from qingdan.writers.formula_guard import CellValue, csv_bytes

COLUMNS = [
    "status", "old_seq", "new_seq", "similarity", "category", "field",
    "old", "new", "rolled_forward", "added", "removed",
]  # fmt: skip
"""One row per field change of a matched task, and one per removed or added task."""


def change_rows(report: DiffReport) -> list[list[CellValue]]:
    """The report's changes as rows of ``COLUMNS`` (the CSV and the workbook's sheet)."""
    rows: list[list[CellValue]] = []
    for entry in report.entries:
        if entry.old is None or entry.new is None:
            rows.append(_whole_task_row(entry))
        rows.extend(_change_row(entry, change) for change in entry.changes)
    return rows


def report_csv(report: DiffReport) -> bytes:
    """The report's changes as CSV rows (``COLUMNS``); departments joined with 、."""
    return csv_bytes(COLUMNS, change_rows(report))


def _whole_task_row(entry: Entry) -> list[CellValue]:
    record = entry.old or entry.new
    assert record is not None
    return [
        entry.status.value,
        str(entry.old.seq) if entry.old else "",
        str(entry.new.seq) if entry.new else "",
        "",
        record.category or "",
        "",
        entry.old.measure if entry.old else "",
        entry.new.measure if entry.new else "",
        "",
        "",
        "",
    ]


def _change_row(entry: Entry, change: FieldChange) -> list[CellValue]:
    record = entry.new or entry.old
    assert record is not None
    return [
        entry.status.value,
        str(entry.old.seq) if entry.old else "",
        str(entry.new.seq) if entry.new else "",
        f"{entry.similarity:.4f}" if entry.similarity is not None else "",
        record.category or "",
        change.field.value,
        change.old or "",
        change.new or "",
        "yes" if change.rolled_forward else "no",
        "、".join(change.added),
        "、".join(change.removed),
    ]
