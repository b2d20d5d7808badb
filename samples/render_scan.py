"""Render committed sample PDFs as scans: image-only pages, a little crooked, speckled.

A scanned attachment is a printed list fed through a scanner: grey pixels at 150 dpi, the
sheet a degree off straight, dust and toner specks on it, and no text layer. This module
makes such files from the samples LibreOffice printed (``make samples`` calls ``main``
after the other renderings), so the OCR reader (``extract/scan/reader.py``, issue 20) is tested
on the same lists every other reader is tested on. Everything is seeded: the same PDF
gives the same scan, byte for byte.

``SCANS`` names what to render: a sample PDF in ``samples/``, the file to write in
``samples/scans/`` (``.pdf``: every page, image-only; ``.jpg``: page 1, as a photo or an
image export would be), the angle and the seed.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from corpus.scan import image_pdf

SAMPLES = Path(__file__).resolve().parent
SCANS_DIR = SAMPLES / "scans"
DPI = 150


@dataclass(frozen=True)
class ScanPlan:
    """One scan to render from one sample PDF."""

    source: str
    target: str
    degrees: float
    """Counter-clockwise rotation of the sheet on the scanner."""
    seed: int
    specks: int = 400
    """Dark specks per page (dust, toner)."""


SCANS = [
    ScanPlan("000_eaf823a1ce4555f0_merged.pdf", "000_eaf823a1ce4555f0_merged_scan.pdf", 1.0, 20),
    ScanPlan(
        "003_qingshan_elderly_2019_merged.pdf", "003_qingshan_elderly_2019_merged_scan.jpg", -0.8, 3
    ),
]


def scan_page(
    page: Image.Image, degrees: float, rng: np.random.Generator, specks: int
) -> np.ndarray[Any, np.dtype[np.uint8]]:
    """One page as a scanner sees it: grey, rotated ``degrees``, speckled, lightly noisy."""
    grey = np.asarray(page.convert("L"), dtype=np.uint8)
    height, width = grey.shape
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    crooked = cv2.warpAffine(
        grey, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=(255,)
    )
    noise = np.asarray(rng.normal(0, 6, size=(height, width)), dtype=np.int16)
    noisy = np.asarray(crooked, dtype=np.int16) + noise
    for _ in range(specks):
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        radius = int(rng.integers(0, 2))
        cv2.circle(noisy, (x, y), radius, (int(rng.integers(0, 90)),), -1)
    # Paper is never quite white: a scanner's background sits a little below 255.
    return np.asarray(np.clip(noisy - 12, 0, 255), dtype=np.uint8)


def render_pages(source: Path) -> list[Image.Image]:
    """Every page of a PDF rendered at ``DPI`` in grey."""
    document = pdfium.PdfDocument(source)
    try:
        return [page.render(scale=DPI / 72, grayscale=True).to_pil() for page in document]
    finally:
        document.close()


def render_scan(plan: ScanPlan, samples: Path = SAMPLES, out_dir: Path = SCANS_DIR) -> Path:
    """Write one scan; returns the file written."""
    rng = np.random.default_rng(plan.seed)
    pages = render_pages(samples / plan.source)
    scanned = [Image.fromarray(scan_page(page, plan.degrees, rng, plan.specks)) for page in pages]
    target = out_dir / plan.target
    out_dir.mkdir(parents=True, exist_ok=True)
    if target.suffix == ".jpg":
        buffer = io.BytesIO()
        scanned[0].save(buffer, format="JPEG", dpi=(DPI, DPI), quality=80)
        target.write_bytes(buffer.getvalue())
    else:
        target.write_bytes(image_pdf(scanned, DPI, quality=80))
    return target


def main(argv: list[str] | None = None) -> list[Path]:
    """Render every scan in ``SCANS`` (or those whose target is named); returns the files."""
    wanted = set(argv or [])
    return [render_scan(plan) for plan in SCANS if not wanted or plan.target in wanted]


if __name__ == "__main__":
    for path in main(sys.argv[1:]):
        print(path.relative_to(SAMPLES.parent))
