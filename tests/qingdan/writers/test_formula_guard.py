"""Spreadsheet safety: formula-like text is written so Excel shows it as text."""

from __future__ import annotations

import csv
import io

import pytest

from qingdan.writers.csv import document_csv
from qingdan.writers.formula_guard import csv_safe, starts_like_formula
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
