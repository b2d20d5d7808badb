"""Printed lists turned into scans and photos, as offices send them (issue 30).

A scan rendering starts from the PDF LibreOffice printed and replaces every page with
its image at ``dpi``: no text layer, a little noise and a few specks, as any scanner
gives. A ``Degradation`` adds what real attachments carry on top:

* a red seal (印章: a ring, a star and a unit's name around the rim) stamped in
  multiply over a body cell of the 牵头单位/责任单位 or deadline column, so the black text
  under it stays visible as it does on paper;
* the sheet turned up to ``degrees`` either way;
* light: a little blur, grain and uneven lighting (one side darker);
* photo: a phone's perspective, the sheet a quadrilateral on a darker desk.

Everything is drawn from a seed taken from the file's name, so the same list gives
the same scan byte for byte.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

Rgb = np.ndarray[Any, np.dtype[np.uint8]]
"""A page image: height x width x 3 bytes (red, green, blue)."""

SEAL_RED = (214, 36, 44)
"""The red of a seal's ink paste (印泥)."""
SEAL_NAMES = ("人民政府办公室", "发展和改革局", "住房和城乡建设局", "生态环境局", "教育局")
"""What a seal's rim says: invented units, no place names."""
_SEAL_COLUMNS = ("牵头", "责任单位", "时限", "完成时间", "责任部门")
"""Header words of the columns a seal is stamped over, in order of preference."""
_SEAL_RADIUS_IN = 0.75
"""A seal is about 4 cm across."""
_FIXED_TIME = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
"""Every scan's PDF carries this date, so its bytes depend on the list only."""
_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"


@dataclass(frozen=True)
class Degradation:
    """How a scan differs from the printed page."""

    dpi: int
    seal: bool = False
    degrees: float = 0.0
    """The largest turn of the sheet either way (the turn itself is drawn)."""
    light: bool = False
    photo: bool = False

    @property
    def name(self) -> str:
        """The rendering's name: ``scan-200``, ``scan-200-seal-rotated`` …"""
        parts = [f"scan-{self.dpi}"]
        parts += [word for word, on in (("seal", self.seal), ("rotated", self.degrees)) if on]
        parts += [word for word, on in (("light", self.light), ("photo", self.photo)) if on]
        return "-".join(parts)


DEGRADATIONS = (
    Degradation(150),
    Degradation(200),
    Degradation(300),
    Degradation(200, seal=True, degrees=3.0),
    Degradation(200, light=True, degrees=1.5),
    Degradation(200, light=True, photo=True),
)
"""The scan producers ``make fidelity-scan`` reports, one line each."""


def seed_of(path: Path) -> int:
    """The seed a file's degradations are drawn from: its name, hashed."""
    return zlib.crc32(path.stem.encode("utf-8"))


def scan_pdf(path: Path, how: Degradation, seed: int | None = None) -> None:
    """Replace a printed PDF with its scan (image-only pages), in place."""
    import pypdfium2 as pdfium

    rng = np.random.default_rng(seed_of(path) if seed is None else seed)
    document = pdfium.PdfDocument(path.read_bytes())
    pages = []
    try:
        for index, page in enumerate(document):
            image = np.asarray(page.render(scale=how.dpi / 72).to_pil().convert("RGB"))
            spot = _seal_spot(page, how.dpi, rng) if how.seal and index == 0 else None
            pages.append(Image.fromarray(degrade(image, how, rng, spot)))
    finally:
        document.close()
    path.write_bytes(image_pdf(pages, how.dpi, quality=85))


def image_pdf(pages: list[Image.Image], dpi: int, quality: int) -> bytes:
    """``pages`` as an image-only PDF (JPEG at ``quality``), a scanner's output: the
    same pages give the same bytes (fixed dates). ``samples/render_scan.py`` writes
    the committed scans with it too."""
    buffer = io.BytesIO()
    first, *rest = pages
    first.save(
        buffer,
        format="PDF",
        save_all=True,
        append_images=rest,
        resolution=dpi,
        quality=quality,
        creationDate=_FIXED_TIME.utctimetuple(),
        modDate=_FIXED_TIME.utctimetuple(),
    )
    return buffer.getvalue()


def degrade(image: Rgb, how: Degradation, rng: np.random.Generator, seal: Any = None) -> Rgb:
    """One page image as the scanner or camera gives it; ``seal`` is the (x, y) pixel
    to centre a seal on, or None for no seal."""
    page = image.astype(np.float32)
    if seal is not None:
        page = stamp_seal(page, seal, int(_SEAL_RADIUS_IN * how.dpi), rng)
    if how.degrees:
        page = _turned(page, float(rng.uniform(-how.degrees, how.degrees)))
    if how.light:
        page = _uneven_light(_blurred(page, rng), rng)
    page = _grain(page, rng, sigma=7.0 if how.light else 4.0)
    if how.photo:
        page = _perspective(page, rng)
    return np.asarray(np.clip(page, 0, 255), dtype=np.uint8)


def _seal_spot(page: Any, dpi: int, rng: np.random.Generator) -> tuple[int, int] | None:
    """A body cell of the first responsibility or deadline column the page heads, in
    pixels; None when the page has none of those headers."""
    text = page.get_textpage()
    height = page.get_height()
    for word in _SEAL_COLUMNS:
        searcher = text.search(word)
        found = searcher.get_next()
        if found:
            left, _, right, top = text.get_charbox(found[0])
            below = float(rng.uniform(40, 160))
            y_points = min(height - top + below, height * 0.85)
            scale = dpi / 72
            return int((left + right) / 2 * scale), int(y_points * scale)
    return None


def stamp_seal(page: Any, centre: tuple[int, int], radius: int, rng: np.random.Generator) -> Any:
    """The page with a red seal pressed on it: the ink multiplies, so print stays dark."""
    height, width = page.shape[:2]
    layer = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(layer)
    x, y = centre
    ring = max(3, radius // 14)
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=255, width=ring)
    _star(draw, x, y, radius // 3)
    _rim_text(layer, x, y, radius, SEAL_NAMES[int(rng.integers(len(SEAL_NAMES)))])
    strength = np.asarray(layer, dtype=np.float32) / 255 * float(rng.uniform(0.75, 0.95))
    red = np.asarray(SEAL_RED, dtype=np.float32) / 255
    tint = 1 - strength[..., None] * (1 - red)
    return page * tint


def _star(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    points = []
    for k in range(10):
        reach = size if k % 2 == 0 else size * 0.4
        angle = math.pi / 2 + k * math.pi / 5
        points.append((x + reach * math.cos(angle), y - reach * math.sin(angle)))
    draw.polygon(points, fill=255)


def _rim_text(layer: Image.Image, x: int, y: int, radius: int, text: str) -> None:
    """The unit's name in an arc along the upper rim, each character turned to face out."""
    size = max(8, radius // 4)
    font = _font(size)
    sweep = math.radians(220)
    reach = radius - size * 0.9
    for k, char in enumerate(text):
        angle = math.pi / 2 + sweep / 2 - sweep * (k + 0.5) / len(text)
        glyph = Image.new("L", (size * 2, size * 2), 0)
        ImageDraw.Draw(glyph).text((size, size), char, fill=255, font=font, anchor="mm")
        turned = glyph.rotate(math.degrees(angle - math.pi / 2), resample=Image.Resampling.BILINEAR)
        cx, cy = x + reach * math.cos(angle), y - reach * math.sin(angle)
        box = (int(cx - size), int(cy - size))
        layer.paste(255, box, mask=turned)


@cache
def _font(size: int) -> Any:
    try:
        return ImageFont.truetype(_FONT, size)
    except OSError:
        return ImageFont.load_default(size)


def _turned(page: Any, degrees: float) -> Any:
    import cv2

    height, width = page.shape[:2]
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(
        page, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255)
    )


def _blurred(page: Any, rng: np.random.Generator) -> Any:
    import cv2

    return cv2.GaussianBlur(page, (0, 0), float(rng.uniform(0.5, 0.9)))


def _uneven_light(page: Any, rng: np.random.Generator) -> Any:
    """Darker towards one side, as a desk lamp or a scanner lid leaves it."""
    height, width = page.shape[:2]
    angle = float(rng.uniform(0, 2 * math.pi))
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    ramp = (xs / width - 0.5) * math.cos(angle) + (ys / height - 0.5) * math.sin(angle)
    light = 1.0 - float(rng.uniform(0.12, 0.25)) * (ramp + 0.5)
    return page * light[..., None]


def _grain(page: Any, rng: np.random.Generator, sigma: float) -> Any:
    height, width = page.shape[:2]
    noise = rng.normal(0, sigma, size=(height, width, 1)).astype(np.float32)
    specked = page + noise - 8
    for _ in range(int(height * width / 20000)):
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        specked[y, x] = float(rng.integers(0, 90))
    return specked


def _perspective(page: Any, rng: np.random.Generator) -> Any:
    """The sheet photographed from a little off square, on a darker desk."""
    import cv2

    height, width = page.shape[:2]
    margin = 0.06
    corners = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    jitter = rng.uniform(0.01, margin, size=(4, 2)) * (width, height)
    inward = np.array([[1, 1], [-1, 1], [-1, -1], [1, -1]], dtype=np.float32)
    target = np.asarray(corners + jitter * inward, dtype=np.float32)
    warp = cv2.getPerspectiveTransform(corners, target)
    desk = tuple(float(v) for v in rng.uniform(70, 120, size=3))
    return cv2.warpPerspective(
        page, warp, (width, height), flags=cv2.INTER_LINEAR, borderValue=desk
    )
