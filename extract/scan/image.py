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
_SKEW_THICKEN = 7
"""Pixels a ruling line is thickened downward before its tilt is measured."""


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


_PRINT_UNDER_SEAL = 0.72
"""Under a seal, a pixel whose red channel is darker than this share of the paper's is
print (seal ink passes 85-90% of the red light paper does)."""


def page_grey(page: Grey) -> Grey:
    """A page image in grey, any red seal (印章) lifted off it.

    Seals are stamped in red over the 牵头单位 or date cells, and in grey their ink is as
    dark as print, so OCR read the seal's rim and star into the cell. Where red dominates
    green and blue, the pixel is seal ink: there the page is read in its red channel,
    which red ink passes almost as paper does and black print does not. Seal ink is
    lifted to the paper's brightness nearby (a closing of the red channel), so the seal
    vanishes with the lighting kept; print under the seal, and the anti-aliased edges
    of its strokes the seal tints red, stay as dark as the red channel sees them, so the
    text the seal covers is read as if it were not there (issue 30: lifting every
    red-tinted pixel to paper took 市 off 市食安委 and half of 业 off 市农业农村局).
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
        printed = red < _PRINT_UNDER_SEAL * paper.astype(np.int16)
        grey[seal] = np.where(printed, page[..., 0], paper)[seal]
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
    """The angle (degrees, counter-clockwise) by which the page's ruling lines are off level.

    A thin ruling turned a few degrees is a staircase of short runs (a 2-pixel line at
    2.5 degrees: runs of 46 pixels), which the long opening of ``line_masks`` erases; so
    the ink is first thickened downward, which lengthens a tilted line's runs and leaves
    the strokes of characters as short as they were (issue 30: pages turned 2-3 degrees
    kept their tilt and lost their tables).
    """
    thick = cv2.dilate(ink(grey), np.ones((_SKEW_THICKEN, 1), np.uint8))
    horizontal, _ = line_masks(thick, fraction=30)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(horizontal)
    angles = []
    for label in range(1, count):
        if stats[label, cv2.CC_STAT_WIDTH] < grey.shape[1] // 6:
            continue
        angle = _rule_angle(labels, label, stats[label])
        if abs(angle) <= _MAX_SKEW_DEGREES:
            angles.append(angle)
    return float(np.median(angles)) if angles else 0.0


def _rule_angle(labels: Grey, label: int, box: Any) -> float:
    """The angle (degrees, counter-clockwise) of the straight line best fitting one rule's
    pixels: a thickened rule is a band, and its pixels' fit runs along its middle."""
    x, y, w, h = (int(v) for v in box[:4])
    ys, xs = np.nonzero(labels[y : y + h, x : x + w] == label)
    points = np.column_stack((xs, ys)).astype(np.float32)
    dx, dy = (float(v) for v in cv2.fitLine(points, cv2.DIST_L2, 0, 0.01, 0.01)[:2].ravel())
    return -math.degrees(math.atan2(dy, dx)) if dx > 0 else math.degrees(math.atan2(dy, -dx))


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


_DESK_SHARE = 0.8
"""Outside a photographed sheet the desk is darker than this share of the sheet."""
_MIN_SHEET = 0.4
"""A sheet covers at least this share of a photo; a smaller bright patch is not it."""


def flattened(page: Grey) -> Grey:
    """A phone photo of a sheet on a darker desk, seen square: the sheet's four corners
    found (the largest bright quadrilateral) and the sheet warped onto a rectangle of its
    own size. A scan, whose paper reaches the image's edges, is returned as it is.

    A photo taken from a little off square makes the sheet a trapezoid: its rules meet,
    so no one turn levels them, and rows at one end lean into the next (issue 30).
    """
    grey = page if page.ndim == 2 else cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)
    corners = _sheet_corners(grey)
    if corners is None:
        return page
    top_left, top_right, bottom_right, bottom_left = corners
    width = int(
        max(np.linalg.norm(top_right - top_left), np.linalg.norm(bottom_right - bottom_left))
    )
    height = int(
        max(np.linalg.norm(bottom_left - top_left), np.linalg.norm(bottom_right - top_right))
    )
    square = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    warp = cv2.getPerspectiveTransform(corners, square)
    flat: Grey = cv2.warpPerspective(page, warp, (width, height), flags=cv2.INTER_LINEAR)
    return flat


def _sheet_corners(grey: Grey) -> Any:
    """The sheet's corners (top-left, top-right, bottom-right, bottom-left; float32), or
    None when the paper fills the image, reaches its edges (a page half printed black is
    not a sheet on a desk) or no clear darker desk surrounds it."""
    small = max(1, max(grey.shape) // 800)
    view = grey[::small, ::small]
    _, bright = cv2.threshold(view, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    sheet = max(contours, key=cv2.contourArea)
    if cv2.contourArea(sheet) < _MIN_SHEET * view.size:
        return None
    quad = cv2.approxPolyDP(sheet, 0.02 * cv2.arcLength(sheet, True), True).reshape(-1, 2)
    if len(quad) != 4 or not _inside_edges(quad, view.shape):
        return None
    inside = np.zeros(view.shape, np.uint8)
    cv2.fillConvexPoly(inside, quad.astype(np.int32), (255,))
    if not (inside == 0).any() or view[inside == 0].mean() > _DESK_SHARE * view[inside > 0].mean():
        return None
    by_sum, by_diff = quad.sum(axis=1), np.diff(quad, axis=1).ravel()
    ordered = [
        quad[by_sum.argmin()],
        quad[by_diff.argmin()],
        quad[by_sum.argmax()],
        quad[by_diff.argmax()],
    ]
    return np.asarray(ordered, dtype=np.float32) * small


def _inside_edges(quad: Any, shape: tuple[int, ...]) -> bool:
    """Whether every corner lies clear of the image's edges (half a percent each way)."""
    height, width = shape[:2]
    xs, ys = quad[:, 0], quad[:, 1]
    clear_x = 0.005 * width <= xs.min() and xs.max() <= 0.995 * width
    return bool(clear_x and 0.005 * height <= ys.min() and ys.max() <= 0.995 * height)
