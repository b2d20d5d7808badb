"""The scanned corpus (issue 30): printed lists turned into page images, degraded."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from corpus.renderings import RENDERINGS, SCAN_RENDERINGS
from corpus.scan import DEGRADATIONS, Degradation, degrade, scan_pdf, stamp_seal

SAMPLE = Path(__file__).parents[2] / "samples" / "000_eaf823a1ce4555f0_merged.pdf"


def _pages(path: Path) -> list[np.ndarray]:  # type: ignore[type-arg]
    document = pdfium.PdfDocument(path)
    try:
        return [np.asarray(page.render(scale=1).to_pil().convert("RGB")) for page in document]
    finally:
        document.close()


def _text(path: Path) -> str:
    document = pdfium.PdfDocument(path)
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _red_share(image: np.ndarray) -> float:  # type: ignore[type-arg]
    rgb = image.astype(int)
    red = (rgb[..., 0] - np.maximum(rgb[..., 1], rgb[..., 2])) > 60
    return float(red.mean())


def test_every_degradation_is_a_registered_printed_producer() -> None:
    assert len(set(SCAN_RENDERINGS)) == len(DEGRADATIONS)
    for how in DEGRADATIONS:
        rendering = RENDERINGS[how.name]
        assert rendering.printed and rendering.finish is not None
        assert rendering.name.startswith(f"scan-{how.dpi}")
    assert {how.dpi for how in DEGRADATIONS} >= {150, 200, 300}


@pytest.mark.parametrize("seal", [False, True])
def test_a_scan_has_no_text_layer_and_a_seal_is_red(tmp_path: Path, seal: bool) -> None:
    target = tmp_path / "list_scan.pdf"
    shutil.copy(SAMPLE, target)
    assert "牵头" in _text(target)
    scan_pdf(target, Degradation(72, seal=seal, degrees=2.0))
    assert _text(target).strip() == ""
    pages = _pages(target)
    assert len(pages) == len(_pages(SAMPLE))
    assert (_red_share(pages[0]) > 0.001) is seal


def test_the_same_file_gives_the_same_scan(tmp_path: Path) -> None:
    made = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        target = tmp_path / folder / "list.pdf"
        shutil.copy(SAMPLE, target)
        scan_pdf(target, Degradation(72, light=True, photo=True, degrees=1.0))
        made.append(target.read_bytes())
    assert made[0] == made[1]


def test_a_seal_leaves_the_print_under_it_dark() -> None:
    page = np.full((200, 200, 3), 255, dtype=np.float32)
    page[95:105, 20:180] = 0  # a stroke of print through the seal's middle
    sealed = stamp_seal(page, (100, 100), 80, np.random.default_rng(1))
    assert sealed[100, 100].max() < 1  # black stays black
    ring = sealed[177, 100]  # the bottom of the ring, below the stroke
    assert ring[0] > 150 and ring[1] < 120  # the ring on white paper is red


def test_a_photo_shows_the_desk_around_the_sheet() -> None:
    page = np.full((300, 400, 3), 255, dtype=np.uint8)
    photo = degrade(page, Degradation(72, photo=True), np.random.default_rng(3))
    assert photo[0, 0].max() < 140 and photo[150, 200].min() > 200
