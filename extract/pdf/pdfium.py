"""The PDFium engine: a PDF's pages as glyphs and ruling edges, read by PDFium (issue 16).

PDFium (through pypdfium2, installed with pdfplumber) parses a page several times faster
than pdfminer. This engine reads, per page:

* each character PDFium found in the content stream (not the spaces and line ends it
  generates itself: a space is kept only where the PDF prints one), with its loose box
  (advance width by the font's ascent and descent), font name and size; a glyph whose
  font has no Unicode mapping reads ``(cid:N)`` with its character code, as pdfminer
  prints an unmapped glyph;
* every straight segment of every path (lines, rectangles, polylines, also inside form
  XObjects) as a pdfplumber edge, like pdfplumber's line, rect and curve edges;

both turned upright (``/Rotate``) into top-down page coordinates, the same frame
pdfplumber uses, so ``extract.pdf.page`` reads both engines' pages alike.
"""

from __future__ import annotations

import ctypes
import math
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from qingdan.extract.errors import EncryptedFile
from qingdan.extract.grid import Notice
from qingdan.extract.notice_codes import NoticeCode
from qingdan.extract.pdf.actual_text import codes_by_object, printed_codes, strip_actual_text
from qingdan.extract.pdf.clips import clip_box, visible
from qingdan.extract.pdf.fallback import normalized_text
from qingdan.extract.pdf.glyphs import TALLEST_BOX, Glyph, plausible_extent
from qingdan.extract.pdf.page import EngineCannotOpen, PageContent
from qingdan.extract.pdf.rulings import Edge

_STRAIGHT = 0.01
"""A segment whose ends differ by less than this (points) across is straight."""


class _Frame:
    """Turns PDF user-space points into the upright, top-down frame of the page."""

    def __init__(self, box: tuple[float, float, float, float], rotation: int) -> None:
        self.x0, self.y0, self.x1, self.y1 = box
        self.rotation = rotation % 360
        width, height = self.x1 - self.x0, self.y1 - self.y0
        self.size = (height, width) if self.rotation in (90, 270) else (width, height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A point's upright (x, top) coordinates."""
        if self.rotation == 90:
            return y - self.y0, x - self.x0
        if self.rotation == 180:
            return self.x1 - x, y - self.y0
        if self.rotation == 270:
            return self.y1 - y, self.x1 - x
        return x - self.x0, self.y1 - y

    def box(self, left: float, bottom: float, right: float, top: float) -> Box4:
        """A box's upright (x0, top, x1, bottom)."""
        ax, ay = self.point(left, bottom)
        bx, by = self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


Box4 = tuple[float, float, float, float]


def _codes(textpage: Any, count: int) -> list[int]:
    """Each character's code point: from the page's text in one call, or char by char
    where that text does not line up with the characters (UTF-16 surrogate pairs)."""
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) == count:
        return list(map(ord, text))
    return [pdfium_c.FPDFText_GetUnicode(textpage.raw, index) for index in range(count)]


_SKIPPED = {0x0D, 0x0A, 0xFFFE, 0}
_HYPHEN_MARKS = {0xFFFE, 0x02}
"""What PDFium gives for a hyphen printed at a line's end (the page's text, one char)."""
"""Line ends PDFium adds, and characters with no code."""


def _fast(binding: Any, restype: Any) -> Any:
    """A pypdfium2 binding called with no argument checks or conversions: the binding's
    pointer types check every argument, and even plain ``argtypes`` convert each one
    through a Python call, which costs more than PDFium's work when it is made for each
    of a page's characters or path segments. Callers pass handles as ``c_void_p``
    objects (or ``_Handle``s a fast binding returned), pointers to outputs by ``byref``
    and indices as ints: nothing checks them, so each call site passes exactly what the
    PDFium function takes."""
    address = ctypes.cast(binding, ctypes.c_void_p).value
    assert address is not None  # a loaded function has an address
    return ctypes.CFUNCTYPE(restype)(address)


class _Handle(ctypes.c_void_p):
    """A PDFium handle as a fast binding returns it: a subclass of ``c_void_p`` is not
    turned into an int, so it is passed back to PDFium as the pointer it is."""


_HAS_MAP_ERROR = _fast(pdfium_c.FPDFText_HasUnicodeMapError, ctypes.c_int)
_IS_GENERATED = _fast(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)
_IS_HYPHEN = _fast(pdfium_c.FPDFText_IsHyphen, ctypes.c_int)
_LOOSE_BOX = _fast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_TEXT_OBJECT = _fast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)
_FONT_INFO = _fast(pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong)  # buflen: unsigned long
_FONT_SIZE = _fast(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_RECT = struct.Struct("4f")
"""``FS_RECTF``: left, top, right, bottom, read in one call instead of four."""

_COUNT_OBJECTS = _fast(pdfium_c.FPDFPage_CountObjects, ctypes.c_int)
_OBJECT = _fast(pdfium_c.FPDFPage_GetObject, _Handle)
_OBJECT_TYPE = _fast(pdfium_c.FPDFPageObj_GetType, ctypes.c_int)
_OBJECT_MATRIX = _fast(pdfium_c.FPDFPageObj_GetMatrix, ctypes.c_int)
_FORM_COUNT_OBJECTS = _fast(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int)
_FORM_OBJECT = _fast(pdfium_c.FPDFFormObj_GetObject, _Handle)  # index: unsigned long
_COUNT_SEGMENTS = _fast(pdfium_c.FPDFPath_CountSegments, ctypes.c_int)
_SEGMENT = _fast(pdfium_c.FPDFPath_GetPathSegment, _Handle)
_SEGMENT_POINT = _fast(pdfium_c.FPDFPathSegment_GetPoint, ctypes.c_int)
_SEGMENT_TYPE = _fast(pdfium_c.FPDFPathSegment_GetType, ctypes.c_int)
_SEGMENT_CLOSES = _fast(pdfium_c.FPDFPathSegment_GetClose, ctypes.c_int)
_MATRIX = struct.Struct("6f")
"""``FS_MATRIX``: a, b, c, d, e, f."""
_POINT = struct.Struct("2f")


def _glyphs(textpage: Any, frame: _Frame, codes: list[int]) -> list[Glyph]:
    raw = textpage.raw
    page = ctypes.c_void_p(ctypes.cast(raw, ctypes.c_void_p).value)
    rect = pdfium_c.FS_RECTF()
    rect_ref, read_rect = ctypes.byref(rect), _RECT.unpack_from
    name = ctypes.create_string_buffer(128)
    flags_ref = ctypes.byref(ctypes.c_int())
    matrix = pdfium_c.FS_MATRIX()
    # A text object prints in one font at one size: asked once per object, not per
    # character. A character PDFium made up itself has no object and is asked alone.
    styles: dict[int | None, tuple[float, str, Box4 | None]] = {}
    fonts: dict[bytes, str] = {}

    def style(index: int, text_object: Any) -> tuple[float, str, Box4 | None]:
        nonlocal name
        # PDFium gives the name's length (its NUL included) and writes nothing into a
        # buffer too short for it, nor anything when it fails (0): ask again with room.
        needed = _FONT_INFO(page, index, name, ctypes.c_ulong(len(name)), flags_ref)
        if needed > len(name):
            name = ctypes.create_string_buffer(needed)
            needed = _FONT_INFO(page, index, name, ctypes.c_ulong(needed), flags_ref)
        font = name.value if needed else b""
        if font not in fonts:
            fonts[font] = font.decode("latin-1")
        size = _FONT_SIZE(page, index) * _scale(page, index, matrix)
        clip = None if text_object is None else clip_box(text_object, frame.point)
        return size, fonts[font], clip

    upright, left, ceiling = frame.rotation == 0, frame.x0, frame.y1
    glyphs: list[Glyph] = []
    new_glyph = tuple.__new__
    for index, code in enumerate(codes):
        if code in _HYPHEN_MARKS and _IS_HYPHEN(page, index):
            code = 0x2D  # a printed hyphen at a line's end, which PDFium marks as its own
        elif code in _SKIPPED or (code == 0x20 and _IS_GENERATED(page, index)):
            continue  # PDFium's own spaces between words are not the PDF's
        # An unmapped glyph: PDFium gives its character code, pdfminer prints "(cid:N)".
        text = f"(cid:{code})" if _HAS_MAP_ERROR(page, index) else chr(code)
        _LOOSE_BOX(page, index, rect_ref)
        text_object = _TEXT_OBJECT(page, index)
        found = styles.get(text_object) if text_object is not None else None
        if found is None:
            found = style(index, text_object)
            if text_object is not None:
                styles[text_object] = found
        box_left, box_top, box_right, box_bottom = read_rect(rect)
        if upright:  # the common case, without the general turn
            x0, top, x1, bottom = (
                box_left - left,
                ceiling - box_top,
                box_right - left,
                ceiling - box_bottom,
            )
        else:
            x0, top, x1, bottom = frame.box(box_left, box_bottom, box_right, box_top)
        if found[2] is not None and not visible(found[2], x0, top, x1, bottom):
            continue  # painted outside its clip: not printed (Calc's merged cells)
        if bottom - top > TALLEST_BOX * found[0]:
            top, bottom = _from_baseline(page, index, frame, (top, bottom), found[0])
        # ``Glyph(...)`` goes through the named tuple's Python ``__new__``.
        glyphs.append(new_glyph(Glyph, (text, x0, top, x1, bottom, found[0], found[1])))
    return glyphs


_CHAR_MATRIX = _fast(pdfium_c.FPDFText_GetMatrix, ctypes.c_int)
_CHAR_ORIGIN = _fast(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int)


def _scale(page: ctypes.c_void_p, index: int, matrix: Any) -> float:
    """How much the character's matrix scales its font size upright: pdftocairo sets a
    font of size 1.0 in a text matrix of the printed size, as pdfminer's size counts."""
    if not _CHAR_MATRIX(page, index, ctypes.byref(matrix)):
        return 1.0
    return math.hypot(matrix.c, matrix.d) or 1.0


def _from_baseline(
    page: ctypes.c_void_p, index: int, frame: _Frame, extent: tuple[float, float], size: float
) -> tuple[float, float]:
    """A glyph's top and bottom from its baseline and size (``plausible_extent``)."""
    x, y = ctypes.c_double(), ctypes.c_double()
    if not _CHAR_ORIGIN(page, index, ctypes.byref(x), ctypes.byref(y)):
        return extent
    baseline = frame.point(x.value, y.value)[1]
    return plausible_extent(extent[0], extent[1], baseline, size)


def _matrix(obj: _Handle, matrix: Any) -> tuple[float, float, float, float, float, float]:
    """A page object's matrix (read into ``matrix``, an ``FS_MATRIX``)."""
    if not _OBJECT_MATRIX(obj, ctypes.byref(matrix)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    a, b, c, d, e, f = _MATRIX.unpack_from(matrix)
    return (a, b, c, d, e, f)


def _compose(
    inner: tuple[float, ...], outer: tuple[float, ...]
) -> tuple[float, float, float, float, float, float]:
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _path_edges(path: _Handle, matrix: tuple[float, ...], frame: _Frame) -> list[Edge]:
    """The straight segments of one path object, as upright edges."""
    a, b, c, d, e, f = matrix
    xy = (ctypes.c_float * 2)()
    x_ref, y_ref, read_point = ctypes.byref(xy, 0), ctypes.byref(xy, 4), _POINT.unpack_from
    moveto, lineto = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO
    points: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None
    edges: list[Edge] = []
    for index in range(_COUNT_SEGMENTS(path)):
        segment = _SEGMENT(path, index)
        _SEGMENT_POINT(segment, x_ref, y_ref)
        x, y = read_point(xy)
        point = frame.point(a * x + c * y + e, b * x + d * y + f)
        kind = _SEGMENT_TYPE(segment)
        if kind == moveto or not points:
            points, start = [point], point
        else:
            if kind == lineto:
                edges.extend(_edge(points[-1], point))
            points.append(point)
        if _SEGMENT_CLOSES(segment) and start is not None:
            edges.extend(_edge(points[-1], start))
            points = [start]
    return edges


def _edge(p0: tuple[float, float], p1: tuple[float, float]) -> list[Edge]:
    """A segment as a pdfplumber edge, if it is horizontal or vertical."""
    (xa, ya), (xb, yb) = p0, p1
    if abs(xa - xb) < _STRAIGHT:
        orientation, xb = "v", xa
    elif abs(ya - yb) < _STRAIGHT:
        orientation, yb = "h", ya
    else:
        return []
    x0, x1, top, bottom = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
    return [
        {
            "object_type": "curve_edge",
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "width": x1 - x0,
            "height": bottom - top,
            "orientation": orientation,
        }
    ]


def _edges(page: Any, frame: _Frame) -> list[Edge]:
    edges: list[Edge] = []
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    matrix = pdfium_c.FS_MATRIX()
    path_type, form_type = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    handle = ctypes.c_void_p(ctypes.cast(page.raw, ctypes.c_void_p).value)
    stack = [(_OBJECT(handle, i), identity) for i in range(_COUNT_OBJECTS(handle))]
    while stack:
        obj, outer = stack.pop()
        kind = _OBJECT_TYPE(obj)
        if kind == path_type:
            edges.extend(_path_edges(obj, _compose(_matrix(obj, matrix), outer), frame))
        elif kind == form_type:
            inner = _compose(_matrix(obj, matrix), outer)
            stack.extend(
                (_FORM_OBJECT(obj, ctypes.c_ulong(i)), inner)
                for i in range(_FORM_COUNT_OBJECTS(obj))
            )
    return edges


def page_content(page: Any, number: int) -> PageContent:
    """One PDFium page's glyphs and ruling edges, upright."""
    frame = _Frame(page.get_cropbox(), page.get_rotation())
    textpage = page.get_textpage()
    try:
        codes = _codes(textpage, pdfium_c.FPDFText_CountChars(textpage.raw))
        marked = strip_actual_text(page)
        if marked:
            # Read again without the /ActualText spans: the printed characters, each
            # replaced by its /ActualText only where the glyph prints both.
            meant = codes_by_object(textpage, codes, marked)
            textpage.close()
            textpage = page.get_textpage()
            printed = _codes(textpage, pdfium_c.FPDFText_CountChars(textpage.raw))
            codes = printed_codes(textpage, printed, meant)
        glyphs = _glyphs(textpage, frame, codes)
    finally:
        textpage.close()
    width, height = frame.size
    has_image = not glyphs and _shows_an_image(page)
    doubtful = normalized_text(glyphs)
    return PageContent(
        number, width, height, glyphs, _edges(page, frame), has_image, fallback=doubtful
    )


def _shows_an_image(page: Any) -> bool:
    """Whether an image object is drawn on the page (a scanned page holds one)."""
    return any(
        pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page.raw, i))
        == pdfium_c.FPDF_PAGEOBJ_IMAGE
        for i in range(pdfium_c.FPDFPage_CountObjects(page.raw))
    )


PAGES_PER_OPENING = 100
"""PDFium keeps what it parsed for each page (objects, fonts) until the document is
closed; reopening the document every 100 pages keeps memory flat on long files (a
1,000-page list: 68 MB instead of 125 MB, and no slower)."""


def _open(data: bytes, path: Path, password: str | None) -> Any:
    """The PDFium document, with opening failures turned into our errors."""
    try:
        return pdfium.PdfDocument(data, password=password or None)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            if password:
                raise EncryptedFile(path, "wrong password for this encrypted PDF") from error
            raise EncryptedFile(
                path, "the PDF is encrypted; pass its password with --password"
            ) from error
        raise EngineCannotOpen(path, f"PDFium cannot open it ({error})") from error


@contextmanager
def open_pages(data: bytes, path: Path, password: str | None) -> Iterator[Iterator[PageContent]]:
    """The document's pages, read one at a time and closed once read.

    Raises ``EncryptedFile`` (no or wrong password) and ``EngineCannotOpen`` for any
    other file or page PDFium refuses (the pdfplumber engine then reads the file).
    """
    opened = [_open(data, path, password)]
    try:
        yield _pages(opened, data, path, password)
    finally:
        opened[-1].close()


REBUILT_XREF = Notice(
    NoticeCode.DAMAGED_FILE,
    "the PDF file looks damaged: its cross-reference table is broken and PDFium rebuilt "
    "it from the objects it found. Check the records against the document",
)
"""What the PDFium engine says of a file whose cross-reference table it had to rebuild
(a file edited by hand or saved by a broken tool): PDFium reads such a file without a
word, and its objects may not be the ones the author saved last."""


def _pages(
    opened: list[Any], data: bytes, path: Path, password: str | None
) -> Iterator[PageContent]:
    rebuilt = not pdfium_c.FPDF_DocumentHasValidCrossReferenceTable(opened[-1].raw)
    for index in range(len(opened[-1])):
        if index and index % PAGES_PER_OPENING == 0:
            opened[-1].close()
            opened[-1] = _open(data, path, password)
        try:
            page = opened[-1][index]
        except pdfium.PdfiumError as error:
            # pdfplumber may still read the page, or say precisely what is wrong with it.
            raise EngineCannotOpen(
                path, f"page {index + 1} cannot be read by PDFium ({error})"
            ) from error
        try:
            content = page_content(page, index + 1)
            yield content._replace(notices=(REBUILT_XREF,)) if rebuilt and not index else content
        finally:
            page.close()
