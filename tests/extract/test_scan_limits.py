"""Scans past their limits (issue 33): a TIFF of many frames, a frame declaring more
pixels than any page, an image-only PDF of many blank pages. Each ends in one clear
error or its first pages; a blank page is never given to OCR."""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pytest
import qingdan.extract.scan.engine
from qingdan.extract import read_document
from qingdan.extract.errors import NoTextLayer, QingdanError
from qingdan.extract.limits import Limits
from qingdan.extract.options import ReadOptions
from qingdan.extract.scan.reader import scan_page_image

from tests.fuzz.generators import _tiff

pytest.importorskip("rapidocr")

FIRST_THREE = ReadOptions(limits=Limits(ocr_pages=3))


@pytest.fixture
def no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if any page reaches the OCR engine."""

    def refuse(*_: object) -> None:
        raise AssertionError("a blank page was given to OCR")

    monkeypatch.setattr(qingdan.extract.scan.engine, "read_lines", refuse)


def test_a_blank_page_is_not_given_to_ocr(no_ocr: None) -> None:
    for shade in (0, 200, 255):
        assert scan_page_image(np.full((300, 200), shade, dtype=np.uint8)).confidences == []


def test_a_tiff_of_a_thousand_blank_frames_reads_its_first_frames(
    tmp_path: Path, no_ocr: None
) -> None:
    path = tmp_path / "千页.tif"
    path.write_bytes(_tiff(1_000, 8, 8, random.Random(1)))  # 64 pixels: the whole strip
    with pytest.raises(NoTextLayer, match="on its 3 page"):
        read_document(path, FIRST_THREE)


@pytest.mark.parametrize("side", [13_000, 65_000])
def test_a_frame_declaring_more_pixels_than_a_page_is_one_error(tmp_path: Path, side: int) -> None:
    path = tmp_path / "巨幅.tif"
    path.write_bytes(_tiff(100, side, side, random.Random(2)))
    with pytest.raises(QingdanError, match="pixels"):
        read_document(path)


def test_an_image_only_pdf_of_many_blank_pages_reads_its_first_pages(
    tmp_path: Path, no_ocr: None
) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for _ in range(60):
        pdf.drawImage(ImageReader(Image.new("L", (64, 64), 255)), 0, 0, width=595, height=842)
        pdf.showPage()
    pdf.save()
    path = tmp_path / "空白扫描.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(NoTextLayer, match="on its 3 page"):
        read_document(path, FIRST_THREE)


def test_a_page_past_the_working_size_reaches_ocr_scaled_down(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from qingdan.extract.scan.reader import WORKING_PIXELS

    seen: list[tuple[int, ...]] = []

    def measure(image: np.ndarray) -> list[object]:
        seen.append(image.shape)
        return []

    monkeypatch.setattr(qingdan.extract.scan.engine, "read_lines", measure)
    page = np.full((8_000, 6_000), 255, dtype=np.uint8)
    page[:, :3_000] = 0
    scan_page_image(page)
    ((height, width),) = seen
    assert height * width <= WORKING_PIXELS
    assert abs(height / width - 8 / 6) < 0.01
