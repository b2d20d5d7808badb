"""A PDF that is partly text, partly scan: the text layer where it exists, OCR elsewhere.

Built in the test: pages 1 and 3 of the sample PDF printed from Word, page 2 taken from
the sample scan of the same list (an image-only page).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from qingdan.extract import read_document
from qingdan.extract.scan import engine as scan_engine

import qingdan
from benchmarks.ocr import score
from tests.conftest import SAMPLES

pypdf = pytest.importorskip("pypdf")

GOLDEN = SAMPLES / "000_eaf823a1ce4555f0.txt.expected.json"


@pytest.fixture(scope="module")
def mixed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    printed = pypdf.PdfReader(SAMPLES / "000_eaf823a1ce4555f0_merged.pdf")
    scanned = pypdf.PdfReader(SAMPLES / "scans" / "000_eaf823a1ce4555f0_merged_scan.pdf")
    writer = pypdf.PdfWriter()
    for page in (printed.pages[0], scanned.pages[1], printed.pages[2]):
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path_factory.mktemp("mixed") / "mixed.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def test_without_the_extra_the_scanned_page_is_named_not_skipped_silently(
    mixed_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan_engine, "ocr_installed", lambda: False)
    raw = read_document(mixed_pdf)
    assert [table.name for table in raw.tables] == ["page 1 table 1", "page 3 table 1"]
    [notice] = [n for n in raw.content.notices if n.code == "scanned-pages"]
    assert "page(s) 2 hold only an image" in notice.message
    assert "qingdan[ocr]" in notice.message


@pytest.mark.skipif(not scan_engine.ocr_installed(), reason="needs the ocr extra: qingdan[ocr]")
def test_the_scanned_page_is_read_by_ocr_between_the_text_pages(mixed_pdf: Path) -> None:
    import json

    document = qingdan.convert(mixed_pdf)
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = json.loads(document.model_dump_json())
    printed = qingdan.convert(SAMPLES / "000_eaf823a1ce4555f0_merged.pdf")
    assert [r["page"] for r in got["records"]] == [r.page for r in printed.records]
    accuracy = score(got["records"], golden["records"])
    assert accuracy.characters >= 0.995
    assert accuracy.records_exact >= len(golden["records"]) - 1
    assert [w.code for w in document.warnings if w.code == "ocr"] == ["ocr"]
    assert document.document.title == golden["document"]["title"]  # from page 1's text
