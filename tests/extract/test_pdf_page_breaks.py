"""Page breaks mended in real PDFs: one list with its break at many places (issue 15).

The ``break_*`` cases (``pdf_cases/break_family.py``) are one task list exported with
its page break walking down through the rows. Every one must give exactly the records
that went in; the named tests pin each kind of cut to a case and first check that the
case really cuts there (so they cannot pass vacuously).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from qingdan.extract import RawDocument, read_document
from qingdan.extract.grid import Cell, Foot, RawRow

import qingdan

CASES = Path(__file__).resolve().parent / "pdf_cases"
FAMILY = sorted(CASES.glob("break*.pdf"))
SOURCE = json.loads((CASES / "break_family.source.json").read_text(encoding="utf-8"))


@cache
def _records(name: str) -> list[list[str]]:
    document = qingdan.convert(CASES / f"{name}.pdf")
    return [
        [
            r.section or "",
            r.category or "",
            r.measure,
            "\n".join(r.lead),
            "\n".join(r.support),
            r.deadline or "",
        ]
        for r in document.records
    ]


@cache
def _raw(name: str) -> RawDocument:
    return read_document(CASES / f"{name}.pdf")


def _at_break(name: str) -> tuple[RawRow, RawRow]:
    """The last row on page 1 and the first row under the repeated header on page 2."""
    first, second = _raw(name).tables[:2]
    below = next(row for row in second.rows if not _is_header(row.cells))
    return first.rows[-1], below


def _is_header(cells: list[Cell]) -> bool:
    return (isinstance(cells[0], str) and cells[0] in {"重点工作"}) or "责任单位" in cells


def test_the_family_is_there() -> None:
    assert len(FAMILY) >= 15


@pytest.mark.parametrize("pdf", FAMILY, ids=lambda p: p.stem)
def test_every_break_gives_the_records_that_went_in(pdf: Path) -> None:
    assert _records(pdf.stem) == SOURCE["records"]


def test_a_row_cut_inside_every_cell_is_one_record() -> None:
    """Issue 15: lead, support and deadline cut in two became a second record (``月``)."""
    last, below = _at_break("break_014")
    assert [last.cells[4], below.cells[4]] == ["2019", "年12\n月"]
    assert below.cells[2] == "分局" and below.cells[1]
    assert last.at_foot is not None and all(foot.reaches for foot in last.at_foot)
    records = _records("break_014")
    assert len(records) == len(SOURCE["records"])
    assert records[-1][3:] == SOURCE["records"][-1][3:]


def test_a_category_cut_across_pages_is_one_category() -> None:
    """Issue 15: the rest of a cut category started a group with a truncated name."""
    last, below = _at_break("break_294")
    assert [last.cells[0], below.cells[0]] == ["建设用地", "准入管理"]
    assert {r[1] for r in _records("break_294")[2:5]} == {"建设用地准入管理"}


def test_a_cut_department_name_is_one_name() -> None:
    last, below = _at_break("break_210")
    assert [last.cells[2], below.cells[2]] == ["国土新城", "分局"]
    assert _records("break_210")[3][3] == "国土新城分局"


def test_a_section_row_cut_by_a_page_break_is_one_section() -> None:
    last, below = _at_break("break_322")
    assert isinstance(last.cells[0], str) and isinstance(below.cells[0], str)
    assert last.cells[0].endswith("保障人居环") and below.cells[0].startswith("境安全")
    sections = {r[0] for r in _records("break_322")[2:]}
    assert sections == {SOURCE["records"][2][0]}


def test_a_break_right_after_the_header_and_a_section_row() -> None:
    first = _raw("break_head_b").tables[0]
    assert len(first.rows) == 2  # the header and the section row, nothing else
    assert _records("break_head_b") == SOURCE["records"]


def test_a_break_in_a_two_row_headers_table() -> None:
    assert _raw("break2h_126").tables[1].rows[1].cells[2] == "牵头单位"
    assert _records("break2h_126") == SOURCE["records"]


def test_the_foot_evidence_tells_a_cut_cell_from_a_whole_one() -> None:
    """In ``row_split`` the lead's text ends well above the foot; the measure runs on."""
    raw = read_document(CASES / "row_split.pdf")
    foot = raw.tables[0].rows[-1].at_foot
    assert foot is not None
    assert foot[1] is Foot.FILLED and foot[2] is Foot.CLEAR
    assert all(row.at_foot is None for row in raw.tables[0].rows[:-1])
