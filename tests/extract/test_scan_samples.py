"""The sample scans (``samples/scans/``, rendered by ``make samples``) against the golden
records of the lists they were printed from (issue 20's "done when").

Every record must come back exact (issue 30: the goldens were checked against the
page images by eye; 21 of 21), counted with the benchmark's ``score``. Runs when the ``ocr``
extra is installed (``make test`` installs it); about 5 s a page on two cores.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from qingdan.extract.errors import NoTextLayer
from qingdan.extract.grid import LOW_CONFIDENCE
from qingdan.extract.scan.engine import ocr_installed

import qingdan
from benchmarks.ocr import Accuracy, scans, score
from tests.conftest import SAMPLES

pytestmark = pytest.mark.skipif(not ocr_installed(), reason="needs the ocr extra: qingdan[ocr]")

SCAN_CASE = Path(__file__).parent / "pdf_cases" / "scan.pdf"


@pytest.fixture(scope="module")
def read_scans() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(scan name, document as JSON, golden JSON) for every sample scan, read once."""
    found = []
    for scan, expected in scans():
        document = json.loads(qingdan.convert(scan).model_dump_json())
        found.append((scan.name, document, json.loads(expected.read_text(encoding="utf-8"))))
    return found


def test_there_are_sample_scans_of_both_kinds() -> None:
    suffixes = {scan.suffix for scan, _ in scans()}
    assert {".pdf", ".jpg"} <= suffixes


def test_scans_give_the_golden_characters_and_records(
    read_scans: list[tuple[str, dict[str, Any], dict[str, Any]]],
) -> None:
    exact = total = 0
    for name, document, golden in read_scans:
        accuracy: Accuracy = score(document["records"], golden["records"])
        assert len(document["records"]) == len(golden["records"]), name
        assert accuracy.characters == 1.0, f"{name}: {accuracy.characters:.2%} of characters"
        exact += accuracy.records_exact
        total += accuracy.records
    assert exact == total, f"{exact} of {total} records exact"


def test_scans_give_the_title_and_columns(
    read_scans: list[tuple[str, dict[str, Any], dict[str, Any]]],
) -> None:
    for name, document, golden in read_scans:
        for key in ("title", "attachment", "year"):
            assert document["document"][key] == golden["document"][key], (name, key)
        # Labels and roles; the evidence behind a role (coverage ...) differs by format.
        columns = [(c["label"], c["field"], c["role"]) for c in document["document"]["columns"]]
        want = [(c["label"], c["field"], c["role"]) for c in golden["document"]["columns"]]
        assert columns == want, name


def test_every_scan_says_it_was_read_by_ocr(
    read_scans: list[tuple[str, dict[str, Any], dict[str, Any]]],
) -> None:
    for name, document, _ in read_scans:
        [notice] = [w for w in document["warnings"] if w["code"] == "ocr"]
        assert "read by OCR" in notice["message"] and "lowest line confidence" in notice["message"]
        assert name.endswith((".pdf", ".jpg"))


def test_a_scan_in_which_ocr_finds_no_text_is_an_error() -> None:
    # tests/extract/pdf_cases/scan.pdf: an image of empty ruled cells, no text at all.
    with pytest.raises(
        NoTextLayer, match=r"scan\.pdf: the PDF has no text layer and OCR found no text"
    ):
        qingdan.convert(SCAN_CASE)


def test_every_record_from_a_scan_carries_its_ocr_confidence(
    read_scans: list[tuple[str, dict[str, Any], dict[str, Any]]],
) -> None:
    for name, document, _ in read_scans:
        scores = [record["confidence"] for record in document["records"]]
        assert all(score is not None and 0.5 <= score <= 1 for score in scores), name
        doubts = [w for w in document["warnings"] if w["code"] == "low-confidence"]
        low = {r["seq"] for r in document["records"] if r["confidence"] < LOW_CONFIDENCE}
        assert {w["row"] for w in doubts} == low, name


def test_a_scans_cells_lie_where_the_printed_pdf_has_them(
    read_scans: list[tuple[str, dict[str, Any], dict[str, Any]]],
) -> None:
    """Issue 28: a scan's records name their cells' page and box like a PDF's: a
    scanned PDF in points, within a point of the printed PDF it was scanned from (its
    page turned level again); an image file in its pixels, inside the image."""
    for name, document, _ in read_scans:
        cells = [cell for record in document["records"] for cell in record["cells"]]
        assert cells and all(c["page"] and c["box"] for c in cells), name
        if name.endswith(".jpg"):
            assert all(0 <= c["box"][0] < c["box"][2] and 0 <= c["box"][1] < c["box"][3]
                       for c in cells), name  # fmt: skip
            continue
        printed = qingdan.convert(SAMPLES / name.replace("_scan.pdf", ".pdf"))
        for record, want in zip(document["records"], printed.records, strict=True):
            boxes = {(c.field, c.page): c.box for c in want.cells}
            for cell in record["cells"]:
                box = boxes[cell["field"], cell["page"]]
                assert box is not None, (name, record["seq"], cell)
                assert max(abs(a - b) for a, b in zip(cell["box"], box, strict=True)) < 1.0
