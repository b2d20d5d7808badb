"""Page images for OCR: decoded, grey, ink found, and turned straight.

A scanner never feeds the sheet quite straight, and a ruling line one degree off crosses
26 pixels of height over a 150 dpi landscape page: enough to put a cell's text into the
row below. The page is turned by the median angle of its long ruling lines (a page with
no lines, a plain letter, is left as it is).
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError
from qingdan.extract.errors import BrokenFile
from qingdan.extract.grid import Notice
from qingdan.extract.limits import Limits
from qingdan.extract.notice_codes import NoticeCode

Grey = np.ndarray[Any, np.dtype[Any]]
"""A page image: one byte of grey per pixel, 0 black, 255 white (or, as decoded, three:
red, green, blue)."""

_MAX_SKEW_DEGREES = 5.0
"""A steeper line is a drawn diagonal or noise, not a crooked sheet."""


@dataclass
class ImagePages:
    """The pages of an image file, decoded one at a time as they are read."""

    count: int
    pages: Iterator[Grey]
    notices: list[Notice]


def decode_image(data: bytes, path: Path, limits: Limits) -> ImagePages:
    """Every page of an image file (a TIFF may hold several), upright and in colour (red,
    green, blue: a seal is told from print by its colour), each decoded when it is read.

    The camera's EXIF orientation is applied, so a phone photo taken sideways reads
    upright. Before a page is decoded its size (from the image header) is checked
    against ``image_pixels``; past ``ocr_pages`` frames, only the first are read, with a
    ``limit`` notice (a 1,000-frame TIFF asked for 3.6 GB). Raises ``BrokenFile`` when
    Pillow cannot read the file and ``LimitExceeded`` for a page past the pixel limit.
    """
    try:
        image = Image.open(io.BytesIO(data))
        count = int(getattr(image, "n_frames", 1))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise BrokenFile(path, f"not a readable image ({error})") from error
    notices = []
    if count > limits.ocr_pages:
        notices.append(
            Notice(
                NoticeCode.LIMIT,
                f"the image has {count:,} pages: only the first {limits.ocr_pages:,} were "
                "read by OCR (raise the limit with QINGDAN_MAX_OCR_PAGES=N)",
            )
        )
        count = limits.ocr_pages
    return ImagePages(count, _frames(image, count, path, limits), notices)


def _frames(image: Any, count: int, path: Path, limits: Limits) -> Iterator[Grey]:
    for number in range(count):
        try:
            image.seek(number)
            width, height = image.size
            what = f"page {number + 1} is {width:,} x {height:,} pixels"
            limits.check("image_pixels", width * height, path, what)
            with warnings.catch_warnings():
                # The pixel limit above is ours; Pillow's bomb warning says the same.
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                page = ImageOps.exif_transpose(image).convert("RGB")
        except (OSError, ValueError, EOFError, Image.DecompressionBombError) as error:
            raise BrokenFile(path, f"not a readable image ({error})") from error
        yield np.asarray(page, dtype=np.uint8)


_SEAL_DOMINANCE = 50
"""Red exceeds both green and blue by this much (0-255) where a seal's ink lies."""
_SEAL_EDGE = 8
"""Red exceeds green and blue by this much on a seal's anti-aliased edge."""
_PAPER_REACH = 20
"""The background of a seal pixel is looked for within 1/20 of the page's short side:
wider than a seal's ring or star, so some paper is always in reach."""


def page_grey(page: Grey) -> Grey:
    """A page image in grey, any red seal (印章) lifted off it.

    Seals are stamped in red over the 牵头单位 or date cells, and in grey their ink is as
    dark as print, so OCR read the seal's rim and star into the cell. Where red dominates
    green and blue, the pixel is seal ink on paper: it takes the red channel's background
    there (a closing: the paper's brightness nearby, as red ink passes most red light and
    paper all of it), so the seal vanishes with the lighting kept. Black print under the seal stays
    dark in every channel and is kept: the text the seal covers is read as if it were
    not there.
    """
    if page.ndim == 2:
        return page
    grey: Grey = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)
    red = page[..., 0].astype(np.int16)
    others = np.maximum(page[..., 1], page[..., 2]).astype(np.int16)
    redness = red - others
    seal = redness > _SEAL_DOMINANCE
    if seal.any():
        # A seal's edges are faint pink: red pixels next to clear seal ink are seal too.
        near = cv2.dilate(seal.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
        seal |= near & (redness > _SEAL_EDGE)
        reach = max(9, min(grey.shape) // _PAPER_REACH) | 1
        square = np.ones((reach, reach), np.uint8)
        paper = cv2.morphologyEx(page[..., 0], cv2.MORPH_CLOSE, square)
        grey[seal] = paper[seal]
    return grey


def ink(grey: Grey) -> Grey:
    """The page's dark marks as 255 on 0, against a background that may vary in shade."""
    block = max(15, (min(grey.shape) // 60) | 1)
    binary: Grey = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15
    )
    return binary


_STROKE_REACH = 1.25
"""A vertical ruling is at least this many text heights long: longer than any stroke of a
character, shorter than the thinnest row (one line of text and its spacing)."""


def text_height(binary: Grey) -> int | None:
    """How tall the page's characters are (pixels): the 90th percentile height of its
    character-sized marks (most marks are characters or their parts); None without any."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(binary)
    heights = stats[1:count, cv2.CC_STAT_HEIGHT]
    widths = stats[1:count, cv2.CC_STAT_WIDTH]
    marks = heights[(heights >= 6) & (heights <= binary.shape[0] // 20) & (widths <= 3 * heights)]
    return int(np.percentile(marks, 90)) if len(marks) >= 20 else None


def line_masks(binary: Grey, fraction: int = 40) -> tuple[Grey, Grey]:
    """The horizontal and vertical ruling lines in a binarised page (text and specks removed).

    An opening with a long thin kernel keeps only runs of ink at least ``1/fraction`` of
    the page across (or down): ruling lines, not strokes of characters. Down, the kernel
    is no longer than ``_STROKE_REACH`` text heights: a header row of one printed line is
    shorter than a fortieth of a tall page, and a fixed kernel erased its inner rules, so
    the header read as one cell and the page was skipped (issue 30).
    """
    height, width = binary.shape
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, width // fraction), 1))
    reach = max(20, height // fraction)
    text = text_height(binary)
    if text is not None:
        reach = min(reach, max(12, round(_STROKE_REACH * text)))
    down = cv2.getStructuringElement(cv2.MORPH_RECT, (1, reach))
    horizontal: Grey = cv2.morphologyEx(binary, cv2.MORPH_OPEN, across)
    vertical: Grey = cv2.morphologyEx(binary, cv2.MORPH_OPEN, down)
    return horizontal, vertical


def skew_degrees(grey: Grey) -> float:
    """The angle (degrees, counter-clockwise) by which the page's ruling lines are off level."""
    horizontal, _ = line_masks(ink(grey), fraction=30)
    width = grey.shape[1]
    found = cv2.HoughLinesP(
        horizontal, 1, math.pi / 1800, threshold=width // 8, minLineLength=width // 6, maxLineGap=8
    )
    if found is None:
        return 0.0
    angles = []
    for x0, y0, x1, y1 in np.asarray(found).reshape(-1, 4):
        angle = math.degrees(math.atan2(float(y1 - y0), float(x1 - x0)))
        if abs(angle) <= _MAX_SKEW_DEGREES:
            angles.append(-angle)  # image y grows downward
    return float(np.median(angles)) if angles else 0.0


def straighten(grey: Grey) -> tuple[Grey, float]:
    """The page turned level, and the angle it was turned by (degrees)."""
    angle = skew_degrees(grey)
    if abs(angle) < 0.05:
        return grey, 0.0
    height, width = grey.shape
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
    level: Grey = cv2.warpAffine(
        grey, turn, (width, height), flags=cv2.INTER_CUBIC, borderValue=(255,)
    )
    return level, angle
