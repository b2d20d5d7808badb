"""Read scanned attachments (image-only PDFs, photos, image files) with OCR.

A scan has no text layer: only pixels. Each page is read the way a person reads it:

1. rendered (a PDF page, with pypdfium2 at ``RENDER_DPI``) or decoded (an image file);
2. turned level by the angle of its ruling lines (``extract.scan.image``);
3. its ruled tables found from those lines, merged cells by the lines that are missing
   (``extract.scan.grid``);
4. read by the OCR engine (``extract.scan.engine``, the optional extra ``qingdan[ocr]``);
5. each text line placed into its cell in reading order, the lines above the first table
   kept as the text above it (``extract.scan.place``).

The grids are the same raw grids every reader returns, so ``normalize`` treats a scan
like a printed PDF. Every document read this way carries an ``ocr`` notice with the
lowest line confidence, so no record read by OCR passes for a record read from text.

Pages are read one after another in one process (the engine itself uses every core);
files are the unit of parallelism (``qingdan convert -j``). A log line per page
(logger ``qingdan.extract.scan.reader``, level INFO) shows progress on long scans.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qingdan.extract.errors import BrokenFile, EncryptedFile, NoTextLayer
from qingdan.extract.grid import (
    LOW_CONFIDENCE,
    Box,
    Cell,
    Extracted,
    Foot,
    Notice,
    RawRow,
    RawTable,
    ReaderTraits,
    rounded_boxes,
)
from qingdan.extract.limits import limits_of
from qingdan.extract.notice_codes import NoticeCode
from qingdan.extract.options import ReadOptions
from qingdan.extract.scan import engine as scan_engine
from qingdan.extract.scan.engine import INSTALL_HINT, require_ocr
from qingdan.extract.scan.text import TextRepairs, clean_lines

RENDER_DPI = 150
"""PDF pages are rendered at this resolution: 10.5 pt text is then about 22 pixels tall,
which PP-OCR reads well, and a page takes about 5 s on two cores."""

logger = logging.getLogger(__name__)

PageImage = tuple[int, Any, float]
"""A page to read: its number, its image (a numpy array) and the points one pixel spans
(a PDF page rendered at ``RENDER_DPI``: 72 / 150; an image file: 1, its pixels)."""

Progress = Callable[[int, int, float], None]
"""Called after each page: (page number, page count, seconds the page took)."""


@dataclass
class PageScan:
    """What OCR found on one page image."""

    tables: list[list[list[Cell]]] = field(default_factory=list)
    cell_confidences: list[list[list[float | None]]] = field(default_factory=list)
    """Per table, row and column: the lowest confidence of the lines in that cell."""
    boxes: list[list[tuple[Box | None, ...]]] = field(default_factory=list)
    """Per table, row and column: the box of the cell anchored there, in the page image's
    pixels (``None`` for a covered position)."""
    text_above: list[list[str]] = field(default_factory=list)
    """Per table, the text lines above it (the first entry: the page's title lines)."""
    at_foot: tuple[Foot, ...] | None = None
    """How the text of the last row on the page meets the table's foot (per column)."""
    confidences: list[float] = field(default_factory=list)
    """The engine's confidence in each text line it read."""
    skew_degrees: float = 0.0
    repairs: TextRepairs = field(default_factory=TextRepairs)


BLANK_CONTRAST = 32
"""Grey levels between a page's darkest and lightest pixel below which it holds no
print (printed text differs from its paper by over a hundred)."""


WORKING_PIXELS = 3_000_000
"""Pixels of the largest page image OCR works on; a larger one is scaled down first.
The engine itself scales a page to 2,000 pixels on its longest side (a phone photo,
4,000 x 3,000, to 3 million pixels), and took about 1 GB at 4 million; OpenCV's steps
before it ran at full size, and a 14,400-point page (56 million pixels, within the image
limit) failed to allocate in them (issue 33). An A4 page at 150 dpi has 2.2 million."""


def scan_page_image(image: Any) -> PageScan:
    """The ruled tables and text of one page image (a grey or RGB numpy array), read by
    OCR; a red seal on a colour page is lifted off first.

    A blank page (no contrast) is not given to OCR: it holds nothing to read, and OCR
    took a second and more on each (issue 33: a scan of 500 blank pages ran minutes)."""
    if image.size == 0 or int(image.max()) - int(image.min()) < BLANK_CONTRAST:
        return PageScan()
    import cv2

    pixels = image.shape[0] * image.shape[1]
    scale = 1.0
    if pixels > WORKING_PIXELS:
        scale = (WORKING_PIXELS / pixels) ** 0.5
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    from qingdan.extract.scan.engine import read_lines, recognise
    from qingdan.extract.scan.grid import find_tables
    from qingdan.extract.scan.image import flattened, ink, line_masks, page_grey, straighten
    from qingdan.extract.scan.place import place_lines, split_at_rules
    from qingdan.extract.scan.stacked import split_stacked

    level, angle = straighten(page_grey(flattened(image)))
    marks = ink(level)
    horizontal, vertical = line_masks(marks)
    text_ink = cv2.subtract(marks, cv2.bitwise_or(horizontal, vertical))
    # A 3 x 3 median takes out single-pixel specks and grain before OCR; on the sample
    # scan it brought back two commas (、，) the engine misread on the raw pixels.
    tables = find_tables(horizontal, vertical)
    smooth = cv2.medianBlur(level, 3)
    unstacked, stacked = split_stacked(read_lines(smooth), smooth, text_ink, recognise)
    lines, repairs = clean_lines(split_at_rules(unstacked, tables), text_ink)
    placed = place_lines(lines, tables)
    repairs.brackets += placed.mended
    repairs.stacked = stacked
    return PageScan(
        tables=placed.tables,
        cell_confidences=placed.confidences,
        boxes=[[_scaled(row, 1 / scale) for row in table] for table in placed.boxes],
        text_above=placed.text_above,
        at_foot=placed.at_foot,
        confidences=[line.confidence for line in lines],
        skew_degrees=angle,
        repairs=repairs,
    )


def _scaled(boxes: Sequence[Box | None], factor: float) -> tuple[Box | None, ...]:
    """A row's cell boxes times ``factor`` (working pixels to the page image's, or the
    page image's pixels to points), to a hundredth.

    A box is where the cell lies on the page as read: a photo's sheet squared and a
    skewed scan turned level first, so on the original image it is off by that turn."""
    return rounded_boxes(
        None
        if box is None
        else (box[0] * factor, box[1] * factor, box[2] * factor, box[3] * factor)
        for box in boxes
    )


def log_progress(path: Path) -> Progress:
    """A progress callback writing one log line per page of a scan of several pages (a
    one-page scan is done when its result is)."""

    def report(number: int, count: int, seconds: float) -> None:
        if count > 1:
            logger.info("%s: page %d of %d read by OCR (%.1f s)", path, number, count, seconds)

    return report


def read_image(data: bytes, path: Path, options: ReadOptions | None = None) -> Extracted:
    """Read an image file (``.png``, ``.jpg``, ``.tif`` ...; every frame of a TIFF) by OCR.

    Raises ``OcrUnavailable`` without the ``ocr`` extra, ``BrokenFile`` for an image
    Pillow cannot decode and ``NoTextLayer`` when OCR finds no text at all.
    """
    require_ocr(path, "an image holds no text, only pixels")
    from qingdan.extract.scan.image import decode_image

    image = decode_image(data, path, limits_of(options.limits if options else None))
    # An image has no size in points: its boxes are in its pixels.
    pages = ((number, page, 1.0) for number, page in enumerate(image.pages, start=1))
    found = read_pages(pages, image.count, path, log_progress(path), "the image")
    return found._replace(notices=[*image.notices, *found.notices])


def read_scanned_pdf(
    data: bytes, path: Path, options: ReadOptions | None = None, pages: list[int] | None = None
) -> Extracted:
    """Read an image-only PDF (a scan) by OCR, page by page; only ``pages`` (1-based
    numbers) when given, as for the scanned pages of a PDF that is partly text.

    Raises ``OcrUnavailable`` without the ``ocr`` extra, ``EncryptedFile``/``BrokenFile``
    when pypdfium2 cannot open it, and ``NoTextLayer`` when OCR finds no text at all.
    """
    require_ocr(path, "the PDF has no text layer (a scanned image?)")
    import pypdfium2 as pdfium

    password = options.password if options else None
    try:
        document = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise EncryptedFile(path, "the PDF is encrypted; pass its password") from error
        raise BrokenFile(path, f"not a readable PDF ({error})") from error
    limits = limits_of(options.limits if options else None)
    try:
        numbers = pages if pages is not None else list(range(1, len(document) + 1))
        notices = []
        if len(numbers) > limits.ocr_pages:
            notices.append(_first_pages_only(len(numbers), limits.ocr_pages))
            numbers = numbers[: limits.ocr_pages]
        rendered = _rendered_pages(document, numbers, limits.image_pixels, notices)
        found = read_pages(rendered, len(numbers), path, log_progress(path), "the PDF")
        return found._replace(notices=[*notices, *found.notices])
    finally:
        document.close()


def _first_pages_only(count: int, limit: int) -> Notice:
    return Notice(
        NoticeCode.LIMIT,
        f"{count:,} pages are images only: the first {limit:,} were read by OCR (about 5 s "
        "a page; raise the limit with QINGDAN_MAX_OCR_PAGES=N)",
    )


def with_scanned_pages(
    found: Extracted, data: bytes, path: Path, options: ReadOptions | None, pages: list[int]
) -> Extracted:
    """A PDF that is partly text: the tables read from its text layer together with those
    OCR reads from its image-only ``pages``, in page order.

    Without the ``ocr`` extra, or when OCR finds no text there, the pages are named in a
    ``scanned-pages`` notice: never skipped in silence.
    """
    listing = ", ".join(map(str, pages))
    if not scan_engine.ocr_installed():
        reason = f"were not read: {INSTALL_HINT}"
        return found._replace(notices=[*found.notices, _scanned_pages(listing, reason)])
    try:
        scanned = read_scanned_pdf(data, path, options, pages)
    except NoTextLayer:
        reason = "were read by OCR, which found no text on them"
        return found._replace(notices=[*found.notices, _scanned_pages(listing, reason)])
    return Extracted(
        tables=sorted([*found.tables, *scanned.tables], key=lambda table: table.rows[0].page or 0),
        text_before=found.text_before or scanned.text_before,
        notices=[*found.notices, *scanned.notices],
        traits=scanned.traits,
        text_after=found.text_after,
    )


def _scanned_pages(listing: str, reason: str) -> Notice:
    return Notice(
        NoticeCode.SCANNED_PAGES, f"page(s) {listing} hold only an image (a scan?) and {reason}"
    )


def _rendered_pages(
    document: Any, numbers: list[int], pixels: int, notices: list[Notice]
) -> Iterator[PageImage]:
    """(number, RGB image, points per pixel) of the pages of a pypdfium2 document, each
    rendered when needed; a page that would pass ``pixels`` at ``RENDER_DPI`` is rendered
    smaller, with a notice (a 14,400-point page asked OpenCV for gigabytes), and none is
    rendered past OCR's working size (``WORKING_PIXELS``: it would be scaled down to it at once)."""
    import numpy as np

    for number in numbers:
        page = document[number - 1]
        try:
            width, height = page.get_size()
            scale = RENDER_DPI / 72
            area = max(width * height * scale * scale, 1.0)
            if area > pixels:
                notices.append(_shrunk(number, width, height, scale * math.sqrt(pixels / area)))
            scale *= min(1.0, math.sqrt(min(pixels, WORKING_PIXELS) / area))
            bitmap = page.render(scale=scale)
            image = np.asarray(bitmap.to_pil().convert("RGB"), dtype=np.uint8)
            yield number, image, 1 / scale
        finally:
            page.close()


def _shrunk(number: int, width: float, height: float, scale: float) -> Notice:
    return Notice(
        NoticeCode.LIMIT,
        f"page {number} is {width:,.0f} x {height:,.0f} points: rendered at "
        f"{72 * scale:.0f} dpi instead of {RENDER_DPI} to stay within QINGDAN_MAX_IMAGE_PIXELS",
    )


def read_pages(
    pages: Iterable[PageImage], total: int, path: Path, progress: Progress | None, what: str
) -> Extracted:
    """The raw grids of (page number, page image, points per pixel) read one by one, with
    the document's ``ocr`` notice; ``total`` is how many pages there are, for progress."""
    tables: list[RawTable] = []
    text_before: list[str] = []
    confidences: list[float] = []
    repairs = TextRepairs()
    for done, (number, image, unit) in enumerate(pages, start=1):
        started = time.perf_counter()
        scan = scan_page_image(image)
        if progress is not None:
            progress(done, total, time.perf_counter() - started)
        confidences += scan.confidences
        repairs.add(scan.repairs)
        tables += _raw_tables(scan, number, unit)
        if number == 1 and scan.text_above:
            text_before = scan.text_above[0]
    if not confidences:
        raise NoTextLayer(
            path,
            f"{what} has no text layer and OCR found no text on its {total} page(s) "
            "(a blank or picture-only scan?)",
        )
    return Extracted(
        tables=tables,
        text_before=text_before,
        notices=[ocr_notice(confidences, total, repairs)],
        traits=ReaderTraits(text_may_be_misread=True, lines_may_be_wrapped=True),
    )


def _raw_tables(scan: PageScan, number: int, unit: float) -> list[RawTable]:
    """The page's raw tables, their cells' boxes in points (``unit`` points a pixel)."""
    tables = []
    count = len(scan.tables)
    found = zip(scan.tables, scan.cell_confidences, scan.boxes, strict=True)
    for index, (grid, sure, boxes) in enumerate(found, 1):
        rows = [
            RawRow(
                cells=cells,
                page=number,
                starts_page=number > 1 and index == 1 and at == 0,
                at_foot=scan.at_foot if index == count and at == len(grid) - 1 else None,
                confidence=tuple(scores),
                boxes=_scaled(row_boxes, unit),
            )
            for at, (cells, scores, row_boxes) in enumerate(zip(grid, sure, boxes, strict=True))
        ]
        above = scan.text_above[index - 1] if index <= len(scan.text_above) else []
        tables.append(RawTable(rows=rows, name=f"page {number} table {index}", text_above=above))
    return tables


def ocr_notice(confidences: list[float], pages: int, repairs: TextRepairs) -> Notice:
    """The per-document warning that its text was read by OCR, with how sure OCR was and
    what cleaning changed."""
    low = sum(score < LOW_CONFIDENCE for score in confidences)
    doubt = f"; {low} read with less than {LOW_CONFIDENCE:.0%} confidence" if low else ""
    repaired = repairs.describe()
    changes = f"; corrected: {repaired}" if repaired else ""
    return Notice(
        NoticeCode.OCR,
        f"read by OCR from {pages} page image(s): {len(confidences)} text lines, lowest line "
        f"confidence {min(confidences):.2f}{doubt}{changes}; check the records against the "
        "original",
    )
