"""Department workload reports: CSV, a self-contained HTML page, a terminal table.

``WORKLOAD_WRITERS`` maps each ``WorkloadFormat`` to its writer; the format comes
from the output file's suffix and an unknown suffix is an error, never a no-op.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from rich.table import Table

from qingdan.workload import Workload
from qingdan.writers.formats import format_from_suffix, write_as
from qingdan.writers.formula_guard import CellValue, csv_bytes
from qingdan.writers.labels import labels

CSV_COLUMNS = ["department", "lead", "support", "total", "written_as"]
WRITTEN_SEPARATOR = "、"


class WorkloadFormat(StrEnum):
    """The file formats ``qingdan departments -o`` writes."""

    CSV = "csv"
    HTML = "html"


def workload_csv(load: Workload) -> bytes:
    """One row per canonical department (UTF-8 with BOM for Excel), busiest first;
    department names go through the formula guard like every spreadsheet cell."""
    rows: list[list[CellValue]] = [
        [d.department, d.lead, d.support, d.total, WRITTEN_SEPARATOR.join(d.written)]
        for d in load.departments
    ]
    return csv_bytes(CSV_COLUMNS, rows)


WORKLOAD_WRITERS: dict[WorkloadFormat, Callable[[Workload], bytes] | str] = {
    WorkloadFormat.CSV: workload_csv,
    WorkloadFormat.HTML: "qingdan.writers.workload_html:workload_html",
}


def workload_format_for(path: Path) -> WorkloadFormat:
    """The report format an output file's suffix asks for; an unknown suffix is an error."""
    return format_from_suffix(path, WorkloadFormat, "a department report")


def write_workload(load: Workload, path: Path) -> None:
    """Write the workload to ``path`` atomically, in the format its suffix names."""
    write_as(WORKLOAD_WRITERS, load, path, workload_format_for(path))


def workload_summary(load: Workload, separator: str) -> str:
    """``3 份清单 · 45 项任务 · 20 个部门``: what the report counts, in Chinese."""
    words = labels("department_words")
    return separator.join(
        [
            f"{len(load.files)} {words['files']}",
            f"{load.tasks} {words['tasks']}",
            f"{len(load.departments)} {words['departments']}",
        ]
    )


def workload_table(load: Workload) -> Table:
    """The workload as a rich table for the terminal, busiest department first."""
    table = Table(title=workload_summary(load, "，"), title_justify="left")
    names = labels("department")
    for key in CSV_COLUMNS:
        numeric = key in {"lead", "support", "total"}
        table.add_column(names[key], justify="right" if numeric else "left")
    for d in load.departments:
        written = WRITTEN_SEPARATOR.join(w for w in d.written if w != d.department)
        table.add_row(d.department, str(d.lead), str(d.support), str(d.total), written)
    return table
