"""Spreadsheet safety: formula-like text is written so Excel shows it as text."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from qingdan.schema import Document

from qingdan.diff import DiffReport, compare
from qingdan.diff.render import DiffFormat, render_report
from qingdan.workload import Workload, count_workload
from qingdan.writers import OutputFormat, render, render_many
from qingdan.writers.csv import document_csv
from qingdan.writers.formats import resolve
from qingdan.writers.formula_guard import csv_safe, guard_off, starts_like_formula
from qingdan.writers.warning_table import warnings_csv
from qingdan.writers.workload import WORKLOAD_WRITERS, WorkloadFormat
from tests.qingdan.diff.builders import document, record
from tests.qingdan.documents import make_document


@pytest.mark.parametrize("text", ["=1+1", "+86 123", "-2", "@SUM(A1)", "\tx", '=HYPERLINK("x")'])
def test_formula_starts_are_caught(text: str) -> None:
    assert starts_like_formula(text)
    assert csv_safe(text) == "'" + text


@pytest.mark.parametrize("text", ["区发改委", "", "2019年12月", "—", "（一）=", "１+1"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert not starts_like_formula(text)
    assert csv_safe(text) == text


def test_csv_writer_marks_formula_cells_as_text() -> None:
    document = make_document([{"measure": "=cmd|'/c calc'!A1", "lead": ["@区住建局"]}])
    rows = list(csv.reader(io.StringIO(document_csv(document).decode("utf-8-sig"))))
    header, row = rows
    assert row[header.index("measure")] == "'=cmd|'/c calc'!A1"
    assert row[header.index("lead")] == "'@区住建局"
    assert row[header.index("seq")] == "1"


# --- every spreadsheet writer goes through the one guard (issue 17) -----------------

HOSTILE = '=HYPERLINK("http://x")'


def _hostile_document() -> Document:
    return make_document(
        [
            {
                "measure": HOSTILE,
                "category": "+1",
                "lead": ["=区住建局"],
                "lead_canonical": ["=区住建局"],
                "support": ["@区财政局"],
                "support_canonical": ["@区财政局"],
                "extra": {"=备注()": "-2"},
            }
        ],
        file="=file.txt",
        title="=标题",
        # The code is a WarningCode (none starts with a formula character:
        # tests/schema/test_warning_codes.py); the message is free text.
        warnings=[{"code": "no-measure", "message": "=message", "row": 1}],
    )


def _diff_report() -> DiffReport:
    old = document([record(1, "=甲措施", support=["=区科技局"])])
    new = document([record(1, "=乙措施完全不同的内容", support=[]), record(2, "@新增")], year=2020)
    return compare(old, new)


def _spreadsheet_writers() -> dict[str, tuple[Callable[[], bytes], str]]:
    """Every registered writer of a CSV or XLSX file, with what it writes."""
    doc = _hostile_document()
    writers: dict[str, tuple[Callable[[], bytes], str]] = {}
    for fmt in (OutputFormat.CSV, OutputFormat.XLSX):
        writers[f"convert {fmt}"] = (lambda f=fmt: render(doc, f), fmt.value)
        writers[f"combined {fmt}"] = (lambda f=fmt: render_many([doc, doc], f), fmt.value)
    writers["warnings csv"] = (lambda: warnings_csv([doc]), "csv")
    load = count_workload([doc])
    for wfmt in WorkloadFormat:
        if wfmt.value in ("csv", "xlsx"):
            writers[f"departments {wfmt}"] = (lambda f=wfmt: _workload_bytes(load, f), wfmt.value)
    for dfmt in DiffFormat:
        if dfmt.value in ("csv", "xlsx"):
            writers[f"diff {dfmt}"] = (lambda f=dfmt: render_report(_diff_report(), f), dfmt.value)
    return writers


def _workload_bytes(load: Workload, fmt: WorkloadFormat) -> bytes:
    writer = WORKLOAD_WRITERS[fmt]
    function = resolve(writer) if isinstance(writer, str) else writer
    result: bytes = function(load)
    return result


def _cells(data: bytes, kind: str) -> list[tuple[str, bool]]:
    """Every text cell of a CSV or XLSX file, with whether it is marked as text."""
    if kind == "csv":
        rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
        return [(cell, cell.startswith("'")) for row in rows for cell in row]
    workbook = load_workbook(io.BytesIO(data))
    return [
        (cell.value, bool(cell.quotePrefix) and cell.data_type == "s")
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


def test_every_spreadsheet_writer_is_enumerated() -> None:
    assert set(_spreadsheet_writers()) == {
        "convert csv", "convert xlsx", "combined csv", "combined xlsx", "warnings csv",
        "departments csv", "diff csv", "diff xlsx",
    }  # fmt: skip


@pytest.mark.parametrize("name", sorted(_spreadsheet_writers()))
def test_no_writer_leaves_a_formula_live(name: str) -> None:
    write, kind = _spreadsheet_writers()[name]
    cells = _cells(write(), kind)
    formula_like = [
        (text, marked) for text, marked in cells if starts_like_formula(text.lstrip("'"))
    ]
    assert formula_like, f"{name}: the hostile text never reached the file"
    assert all(marked for _, marked in formula_like), formula_like


def test_only_the_guard_writes_spreadsheet_cells() -> None:
    """No module but formula_guard.py makes CSV rows or sets XLSX cell values."""
    package = Path(__file__).resolve().parents[3] / "qingdan"
    offenders = []
    for path in package.rglob("*.py"):
        if any(
            part in ("extract", "normalize", "schema") for part in path.relative_to(package).parts
        ):
            continue
        text = path.read_text(encoding="utf-8")
        if path.name != "formula_guard.py" and ("csv.writer(" in text or ".value = " in text):
            offenders.append(path.name)
    assert offenders == []


def test_no_formula_guard_writes_csv_cells_as_they_are() -> None:
    document = make_document([{"measure": "=1+1"}])
    with guard_off():
        rows = list(csv.reader(io.StringIO(document_csv(document).decode("utf-8-sig"))))
    assert rows[1][rows[0].index("measure")] == "=1+1"
    rows = list(csv.reader(io.StringIO(document_csv(document).decode("utf-8-sig"))))
    assert rows[1][rows[0].index("measure")] == "'=1+1"
