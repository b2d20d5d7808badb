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
"""A page image: one byte of grey per pixel, 0 black, 255 white."""

_MAX_SKEW_DEGREES = 5.0
"""A steeper line is a drawn diagonal or noise, not a crooked sheet."""


@dataclass
class ImagePages:
    """The pages of an image file, decoded one at a time as they are read."""

    count: int
    pages: Iterator[Grey]
    notices: list[Notice]


def decode_image(data: bytes, path: Path, limits: Limits) -> ImagePages:
    """Every page of an image file (a TIFF may hold several), upright and grey, each
    decoded when it is read.

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
                page = ImageOps.exif_transpose(image).convert("L")
        except (OSError, ValueError, EOFError, Image.DecompressionBombError) as error:
            raise BrokenFile(path, f"not a readable image ({error})") from error
        yield np.asarray(page, dtype=np.uint8)


def ink(grey: Grey) -> Grey:
    """The page's dark marks as 255 on 0, against a background that may vary in shade."""
    block = max(15, (min(grey.shape) // 60) | 1)
    binary: Grey = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15
    )
    return binary


def line_masks(binary: Grey, fraction: int = 40) -> tuple[Grey, Grey]:
    """The horizontal and vertical ruling lines in a binarised page (text and specks removed).

    An opening with a long thin kernel keeps only runs of ink at least ``1/fraction`` of
    the page across (or down): ruling lines, not strokes of characters.
    """
    height, width = binary.shape
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, width // fraction), 1))
    down = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, height // fraction)))
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
