"""The ported table geometry finds exactly pdfplumber's tables, on every page we have."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.table import TableFinder

from qingdan.extract.pdf_rulings import find_cells, table_rows
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
        "import sys; from pathlib import Path; from qingdan.extract.pdf import read_pdf;"
        f"p = Path({str(SAMPLES / '001_xincheng_2020_merged.pdf')!r});"
        "read_pdf(p.read_bytes(), p);"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pdfplumber', 'pdfminer'}))"
    )
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "[]"
