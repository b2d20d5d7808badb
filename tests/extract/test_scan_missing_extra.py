"""Without the ``ocr`` extra a scan is one clear line naming ``qingdan[ocr]``, exit 2.

The extra is installed by ``make test``, so its absence is simulated: ``ocr_installed``
is what every OCR entry point asks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from qingdan.extract import read_document
from qingdan.extract.scan import engine as scan_engine
from qingdan.extract.scan.engine import OcrUnavailable

from tests.cli_runner import invoke
from tests.conftest import SAMPLES

SCAN_PDF = Path(__file__).parent / "pdf_cases" / "scan.pdf"
SCAN_JPG = SAMPLES / "scans" / "003_qingshan_elderly_2019_merged_scan.jpg"


@pytest.fixture
def without_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan_engine, "ocr_installed", lambda: False)


@pytest.mark.usefixtures("without_extra")
@pytest.mark.parametrize("scan", [SCAN_PDF, SCAN_JPG], ids=lambda p: p.suffix)
def test_cli_names_the_extra_in_one_line_with_exit_code_2(scan: Path) -> None:
    result = invoke(["convert", str(scan)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert scan.name in lines[0] and "pip install 'qingdan[ocr]'" in lines[0]


@pytest.mark.usefixtures("without_extra")
def test_a_scanned_pdf_still_says_it_has_no_text_layer() -> None:
    with pytest.raises(
        OcrUnavailable, match=r"scan\.pdf: the PDF has no text layer .*qingdan\[ocr\]"
    ):
        read_document(SCAN_PDF)


@pytest.mark.usefixtures("without_extra")
def test_an_image_says_it_needs_ocr() -> None:
    with pytest.raises(
        OcrUnavailable, match=r"an image holds no text, only pixels; reading it needs OCR"
    ):
        read_document(SCAN_JPG)


def test_the_extra_is_found_when_installed() -> None:
    import importlib.util

    present = all(importlib.util.find_spec(m) for m in ("rapidocr", "onnxruntime", "cv2"))
    assert scan_engine.ocr_installed() == present


def test_progress_is_one_log_line_per_page_of_a_long_scan(caplog: pytest.LogCaptureFixture) -> None:
    from qingdan.extract.scan.reader import log_progress

    report = log_progress(Path("long.pdf"))
    with caplog.at_level("INFO", logger="qingdan.extract.scan.reader"):
        report(1, 3, 5.04)
        report(2, 3, 4.96)
        log_progress(Path("one.pdf"))(1, 1, 5.0)
    assert caplog.messages == [
        "long.pdf: page 1 of 3 read by OCR (5.0 s)",
        "long.pdf: page 2 of 3 read by OCR (5.0 s)",
    ]
