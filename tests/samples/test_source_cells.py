"""Property (issue 28): every record of every sample names at least its measure's cell
(an item of a numbered-paragraph list none), and each cell it names holds (part of)
the value of the field it names; a printed page's cells (PDF, OFD) have a page and a
box (scans: ``tests/extract/test_scan_samples.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from qingdan.extract import READERS, read_document
from qingdan.extract.grid import cell_text
from qingdan.schema import Record

from qingdan import Document, convert
from tests.conftest import SAMPLES


def _samples() -> list[Path]:
    return [
        sample
        for sample in sorted(SAMPLES.iterdir())
        if not sample.name.endswith(".expected.json") and sample.suffix.lower() in set(READERS)
    ]


def _compact(text: str) -> str:
    return "".join(text.split())


def _value(record: Record, field: str) -> str:
    if field in ("lead", "support"):
        return "".join(getattr(record, field))
    if field == "extra":
        return "".join(record.extra.values())
    return str(getattr(record, field) or "")


def _shares_text(cell: str, value: str) -> bool:
    """Whether a cell's text and a field's value share a piece (two characters, or the
    whole of the shorter): a cut cell holds part of its value, a joined value parts of
    several cells."""
    short, long = sorted((_compact(cell), _compact(value)), key=len)
    if len(short) < 2:
        return bool(short) and short in long
    return any(short[i : i + 2] in long for i in range(len(short) - 1))


def _paragraph_form(document: Document) -> bool:
    return not any(record.cells for record in document.records)


@pytest.mark.parametrize("sample", _samples(), ids=lambda p: p.name)
def test_every_record_names_its_cells(sample: Path) -> None:
    document = convert(sample)
    if "_paragraphs" in sample.name:
        assert _paragraph_form(document), "numbered paragraphs have no cells"
        return
    tables = read_document(sample).tables
    for record in document.records:
        assert any(c.field == "measure" for c in record.cells), f"record {record.seq}"
        for cell in record.cells:
            text = cell_text(tables[cell.table].rows[cell.row].cells[cell.column])
            value = _value(record, cell.field)
            assert _shares_text(text, value), f"record {record.seq} {cell}: {text!r} {value!r}"
            if document.document.format in ("pdf", "ofd"):
                assert cell.page is not None and cell.box is not None, f"record {record.seq}"
