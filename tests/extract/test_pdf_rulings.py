"""The ported table geometry finds exactly pdfplumber's tables, on every page we have."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber import table as plumber_table
from pdfplumber.table import TableFinder
from qingdan.extract.pdf.rulings import (
    INTERSECTION_TOLERANCE,
    Edge,
    _bbox,
    edges_to_intersections,
    find_cells,
    intersections_to_cells,
    table_rows,
)

from tests.conftest import SAMPLES

CASES = Path(__file__).resolve().parent / "pdf_cases"
UNREADABLE = {"encrypted.pdf", "truncated.pdf", "scan.pdf"}
PDFS = [
    p
    for p in sorted(SAMPLES.glob("*.pdf")) + sorted(CASES.glob("*.pdf"))
    if p.name not in UNREADABLE
]


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.name)
def test_the_same_tables_and_rows_as_pdfplumber(pdf: Path) -> None:
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            theirs = TableFinder(page, {"vertical_strategy": "lines"}).tables
            ours = find_cells(page.edges)
            assert [sorted(t.cells) for t in theirs] == [sorted(cells) for cells in ours]
            for table, cells in zip(theirs, ours, strict=True):
                assert [list(row.cells) for row in table.rows] == table_rows(cells)
            page.close()


def test_a_grid_of_three_by_two_cells() -> None:
    def h(top: float) -> dict[str, object]:
        return {"x0": 0, "x1": 30, "top": top, "bottom": top, "orientation": "h"}

    def v(x: float) -> dict[str, object]:
        return {"x0": x, "x1": x, "top": 0, "bottom": 20, "orientation": "v"}

    edges = [h(0), h(10), h(20.5), v(0), v(10), v(20), v(30.4)]  # 20.5, 30.4: snapped
    (table,) = find_cells(edges)
    assert len(table) == 6
    assert len(table_rows(table)) == 2


def test_the_pdfium_engine_does_not_load_pdfplumber_or_pdfminer() -> None:
    probe = (
        "import sys; from pathlib import Path; from qingdan.extract.pdf.reader import read_pdf;"
        f"p = Path({str(SAMPLES / '001_xincheng_2020_merged.pdf')!r});"
        "read_pdf(p.read_bytes(), p);"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pdfplumber', 'pdfminer'}))"
    )
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "[]"


_AT = st.sampled_from([0.0, 1.5, 2.0, 10.0, 12.5, 30.0, 31.0, 60.0])


@st.composite
def _ruling_edges(draw: st.DrawFn) -> list[Edge]:
    edges: list[Edge] = []
    for _ in range(draw(st.integers(0, 12))):
        at, start, length = draw(_AT), draw(_AT), draw(_AT)
        if draw(st.booleans()):
            box = {"x0": start, "x1": start + length, "top": at, "bottom": at}
            edges.append({**box, "orientation": "h", "width": length, "height": 0.0})
        else:
            box = {"x0": at, "x1": at, "top": start, "bottom": start + length}
            edges.append({**box, "orientation": "v", "width": 0.0, "height": length})
    return edges


@settings(max_examples=300, deadline=None)
@given(_ruling_edges())
def test_crossings_and_cells_are_pdfplumbers_on_any_edges(edges: list[Edge]) -> None:
    """The crossings (found by bisection) and the cells between them are exactly
    pdfplumber's, in the same order."""
    tolerance = INTERSECTION_TOLERANCE
    theirs = plumber_table.edges_to_intersections(edges, tolerance, tolerance)
    ours = edges_to_intersections(edges)
    assert list(ours) == list(theirs)
    for point, found in theirs.items():
        for direction in ("v", "h"):
            assert ours[point][direction] == {_bbox(e) for e in found[direction]}
    assert intersections_to_cells(ours) == plumber_table.intersections_to_cells(theirs)
