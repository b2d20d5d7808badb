"""Read ruled tables from OFD documents (``.ofd``, GB/T 33190-2016).

An OFD file is a ZIP package of XML: ``OFD.xml`` names the document's root
(``Document.xml``), which lists the pages; each page's ``Content.xml`` holds text
objects (a boundary box, a font size, and text codes with a start point and per-glyph
advances ``DeltaX``) and path objects (ruling lines as ``AbbreviatedData``: ``M x y
L x y ... C``). Like a PDF it has no cells, so the reader works as the PDF reader does:

* every glyph is placed on the page (boundary origin + text-code start + advances,
  through the object's ``CTM`` when it has one); every straight horizontal or vertical
  path segment is a ruling edge;
* the edges go through pdfplumber's table geometry (merge edges -> intersections ->
  cells -> tables), with the page in points so its tolerances mean what they mean for
  PDFs; ``extract.pdf.reader.grid_cells`` marks the positions a spanning cell covers;
* a cell's glyphs are read line by line, top down; a gap wider than a glyph is a space;
* the text above the first table on page 1 is ``text_before``; a document with no
  table gives every page's lines, top down, as ``text_before``;
* each row keeps its cells' boxes (``RawRow.boxes``, in points from the page's top-left
  corner), so a record names where on the page its values were printed.

Templates, annotations and embedded fonts are not read. It knows nothing about task lists.
"""

from __future__ import annotations

import bisect
import io
import math
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, cast

from lxml import etree
from pdfplumber.table import (
    Table,
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from qingdan.extract.errors import BrokenFile
from qingdan.extract.grid import (
    PRINTED_PAGE,
    Extracted,
    Notice,
    RawRow,
    RawTable,
    rounded_boxes,
)
from qingdan.extract.limits import Limits, limits_of
from qingdan.extract.notice_codes import NoticeCode
from qingdan.extract.options import ReadOptions
from qingdan.extract.pdf.reader import Box, grid_cells
from qingdan.extract.zipguard import check_zip

_NS = "{http://www.ofdspec.org/2016}"
POINTS_PER_MM = 72 / 25.4
# pdfplumber's defaults for the "lines" strategy, in points.
_SNAP, _JOIN, _INTERSECT = 3.0, 3.0, 3.0
_STRAIGHT = 0.2  # mm: how far a ruling line's ends may differ and still be straight
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class Glyph:
    """One character on the page, in points from the top-left corner."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class OfdPage:
    """What one page holds: its glyphs and ruling edges (pdfplumber edge dicts)."""

    number: int
    glyphs: list[Glyph] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)


def read_ofd(data: bytes, path: Path, options: ReadOptions | None = None) -> Extracted:
    """Read an ``.ofd`` file's bytes into one raw grid per ruled table per page.

    ``options.limits`` bound the work: the first ``ofd_pages`` pages are read (with a
    ``limit`` warning when there are more), and glyphs, ruling lines and their crossings
    are counted before they are placed. Raises ``BrokenFile`` when the bytes are not a
    readable OFD package (not a zip, no ``OFD.xml``, broken XML) and ``LimitExceeded``
    past a limit.
    """
    check_zip(data, path)
    budget = _Budget(path, limits_of(options.limits if options else None))
    notices: list[Notice] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            locations = budget.first_pages(_page_locations(package), notices)
            pages = [_read_page(package, number, loc, budget) for number, loc in locations]
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
        # ValueError: a member's offsets point outside the archive (a damaged zip).
        raise BrokenFile(path, f"not an OFD file: not a readable zip archive ({error})") from error
    except KeyError as error:
        raise BrokenFile(path, f"not an OFD document: a part is missing ({error})") from error
    except etree.XMLSyntaxError as error:
        raise BrokenFile(path, f"damaged OFD document: broken XML ({error})") from error
    tables: list[RawTable] = []
    text_before: list[str] = []
    all_lines: list[str] = []
    for page in pages:
        boxes = _table_boxes(page, budget)
        for index, cells in enumerate(boxes, start=1):
            tables.append(_raw_table(page, cells, index))
        if page.number == 1 and boxes:
            top = min(cell[1] for cell in boxes[0])
            text_before = _lines([g for g in page.glyphs if g.bottom <= top])
        all_lines += _lines(page.glyphs)
    return Extracted(
        tables=tables,
        text_before=text_before if tables else all_lines,
        notices=notices,
        traits=PRINTED_PAGE,
    )


@dataclass
class _Budget:
    """The limits of one document, and the glyphs placed so far."""

    path: Path
    limits: Limits
    glyphs: int = 0

    def first_pages(
        self, locations: list[tuple[int, str]], notices: list[Notice]
    ) -> list[tuple[int, str]]:
        """The pages to read: all, or the first ``ofd_pages`` with a notice."""
        limit = self.limits.ofd_pages
        if len(locations) <= limit:
            return locations
        notices.append(
            Notice(
                NoticeCode.LIMIT,
                f"the document has {len(locations):,} pages: only the first {limit:,} were "
                f"read (raise the limit with QINGDAN_MAX_OFD_PAGES=N)",
            )
        )
        return locations[:limit]

    def add_glyphs(self, page: OfdPage, count: int) -> None:
        """Count ``count`` more characters on ``page`` before they are placed."""
        self.glyphs += count
        on_page = len(page.glyphs) + count
        what = f"page {page.number} has at least {on_page:,} characters"
        self.limits.check("ofd_page_glyphs", on_page, self.path, what)
        self.limits.check(
            "ofd_glyphs", self.glyphs, self.path, f"the pages have {self.glyphs:,} characters"
        )


def _xml(package: zipfile.ZipFile, name: str) -> Any:
    return etree.fromstring(package.read(name.lstrip("/")))


def _page_locations(package: zipfile.ZipFile) -> list[tuple[int, str]]:
    """(page number, path of its Content.xml) in document order."""
    root = _xml(package, "OFD.xml")
    doc_root = root.findtext(f"{_NS}DocBody/{_NS}DocRoot")
    if not doc_root:
        raise KeyError("OFD.xml names no DocRoot")
    doc_root = doc_root.strip().lstrip("/")
    document = _xml(package, doc_root)
    base = posixpath.dirname(doc_root)
    pages = document.findall(f"{_NS}Pages/{_NS}Page")
    return [(number, _part(base, page.get("BaseLoc", ""))) for number, page in enumerate(pages, 1)]


def _part(base: str, location: str) -> str:
    """A part's path in the package: ``/...`` from the package root, else from ``base``."""
    location = location.strip()
    if location.startswith("/"):
        return posixpath.normpath(location.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, location))


def _floats(text: str | None) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text or "")]


def _advances(text: str | None, limit: int) -> list[float]:
    """A ``DeltaX``/``DeltaY`` list, ``g N D`` (N times D) expanded, at most ``limit``
    values (one per character): a count in the file never sizes the list (issue 17: a
    mutated ``g 1e12 5`` asked for terabytes)."""
    tokens = (text or "").split()
    values: list[float] = []
    index = 0
    while index < len(tokens) and len(values) < limit:
        if tokens[index] == "g" and index + 2 < len(tokens):
            count = float(tokens[index + 1])
            repeat = min(int(count), limit - len(values)) if math.isfinite(count) else 0
            values += [float(tokens[index + 2])] * max(repeat, 0)
            index += 3
        else:
            values.append(float(tokens[index]))
            index += 1
    return values


def _transform(ctm: list[float], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = ctm
    return a * x + c * y + e, b * x + d * y + f


def _read_page(package: zipfile.ZipFile, number: int, location: str, budget: _Budget) -> OfdPage:
    page = OfdPage(number)
    for element in _xml(package, location).iter(f"{_NS}TextObject", f"{_NS}PathObject"):
        box = _floats(element.get("Boundary"))
        if len(box) != 4:
            continue
        ctm = _floats(element.get("CTM"))
        ctm = ctm if len(ctm) == 6 else [1, 0, 0, 1, 0, 0]
        if element.tag == f"{_NS}TextObject":
            count = sum(len(code.text or "") for code in element.iter(f"{_NS}TextCode"))
            budget.add_glyphs(page, count)
            page.glyphs += _glyphs(element, box, ctm)
        else:
            page.edges += _edges(element, box, ctm)
            what = f"page {number} has {len(page.edges):,} ruling-line segments"
            budget.limits.check("ofd_page_edges", len(page.edges), budget.path, what)
    return page


def _glyphs(element: Any, box: list[float], ctm: list[float]) -> list[Glyph]:
    size = float(element.get("Size", "3.5"))
    # The glyph box in page units: the font size scaled by the object's matrix.
    width = size * math.hypot(ctm[0], ctm[1])
    height = size * math.hypot(ctm[2], ctm[3])
    glyphs = []
    x = y = 0.0
    for code in element.iter(f"{_NS}TextCode"):
        x = float(code.get("X", x))
        y = float(code.get("Y", y))
        advances = _advances(code.get("DeltaX"), len(code.text or ""))
        for index, char in enumerate(code.text or ""):
            px, py = _transform(ctm, x, y)
            left, baseline = box[0] + px, box[1] + py
            glyphs.append(
                Glyph(
                    char,
                    left * POINTS_PER_MM,
                    (left + width) * POINTS_PER_MM,
                    (baseline - height) * POINTS_PER_MM,
                    baseline * POINTS_PER_MM,
                )
            )
            x += advances[index] if index < len(advances) else (advances[-1:] or [size])[0]
    return glyphs


def _edges(element: Any, box: list[float], ctm: list[float]) -> list[dict[str, Any]]:
    """The straight horizontal and vertical segments of a path, as pdfplumber edges."""
    tokens = (element.findtext(f"{_NS}AbbreviatedData") or "").split()
    points: list[tuple[float, float]] = []
    segments: list[tuple[tuple[float, float], tuple[float, float]]] = []
    start: tuple[float, float] | None = None
    index = 0
    while index < len(tokens):
        op = tokens[index]
        if op in ("M", "L") and index + 2 < len(tokens):
            px, py = _transform(ctm, float(tokens[index + 1]), float(tokens[index + 2]))
            point = (box[0] + px, box[1] + py)
            if op == "L" and points:
                segments.append((points[-1], point))
            if op == "M":
                start = point
            points.append(point)
            index += 3
        elif op == "C":
            if points and start is not None:
                segments.append((points[-1], start))
            index += 1
        else:
            index += 1  # curves (B, Q, A) and unknown operators draw no ruling line
    return [edge for a, b in segments if (edge := _edge(a, b)) is not None]


def _edge(a: tuple[float, float], b: tuple[float, float]) -> dict[str, Any] | None:
    """A pdfplumber edge (in points) for a straight segment (in mm), or ``None``."""
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) <= _STRAIGHT and abs(x0 - x1) > _STRAIGHT:
        orientation, box = "h", (min(x0, x1), (y0 + y1) / 2, max(x0, x1), (y0 + y1) / 2)
    elif abs(x0 - x1) <= _STRAIGHT and abs(y0 - y1) > _STRAIGHT:
        orientation, box = "v", ((x0 + x1) / 2, min(y0, y1), (x0 + x1) / 2, max(y0, y1))
    else:
        return None
    left, top, right, bottom = (value * POINTS_PER_MM for value in box)
    return {
        "x0": left, "x1": right, "top": top, "bottom": bottom, "width": right - left,
        "height": bottom - top, "orientation": orientation, "object_type": "line",
    }  # fmt: skip


def _table_boxes(page: OfdPage, budget: _Budget) -> list[list[Box]]:
    """The cell boxes of each ruled table on the page, top to bottom (the crossings of
    its ruling lines counted first: making cells of them takes their count cubed)."""
    if not page.edges:
        return []
    edges = merge_edges(page.edges, _SNAP, _SNAP, _JOIN, _JOIN)
    intersections = edges_to_intersections(edges, _INTERSECT, _INTERSECT)
    what = f"page {page.number}: its ruling lines cross {len(intersections):,} times"
    budget.limits.check("ofd_grid", len(intersections), budget.path, what)
    cells = intersections_to_cells(intersections)
    tables = [table for table in cells_to_tables(cells) if len(table) > 1]
    return sorted(tables, key=lambda table: min(cell[1] for cell in table))


def _raw_table(page: OfdPage, cells: list[Box], index: int) -> RawTable:
    # Table.rows reads only the cells (rows of boxes, None where a spanning cell covers).
    rows = Table(cast(Any, None), cells).rows
    boxes: list[list[Box | None]] = [list(row.cells) for row in rows]
    index_ = _GlyphIndex(page.glyphs)
    texts: list[list[str | None]] = [
        [None if box is None else _cell_text(index_, box) for box in row] for row in boxes
    ]
    raw_rows = [
        RawRow(
            cells=cells_,
            page=page.number,
            starts_page=page.number > 1 and index == 1 and r == 0,
            boxes=rounded_boxes(boxes[r]),
        )
        for r, cells_ in enumerate(grid_cells(texts, boxes))
    ]
    return RawTable(rows=raw_rows, name=f"page {page.number} table {index}")


class _GlyphIndex:
    """A page's glyphs by the height of their centres: a cell looks only at the glyphs
    of its own band (a page of thousands of cells and glyphs took minutes; issue 33)."""

    def __init__(self, glyphs: list[Glyph]) -> None:
        self.glyphs = glyphs
        order = sorted(range(len(glyphs)), key=lambda i: glyphs[i].top + glyphs[i].bottom)
        self.order = order
        self.middles = [(glyphs[i].top + glyphs[i].bottom) / 2 for i in order]

    def inside(self, box: Box) -> list[Glyph]:
        """The glyphs whose centre is in ``box``, in the page's order."""
        x0, top, x1, bottom = box
        first = bisect.bisect_left(self.middles, top)
        last = bisect.bisect_right(self.middles, bottom)
        found = sorted(
            i
            for i in self.order[first:last]
            if x0 <= (self.glyphs[i].x0 + self.glyphs[i].x1) / 2 <= x1
        )
        return [self.glyphs[i] for i in found]


def _cell_text(index: _GlyphIndex, box: Box) -> str:
    return "\n".join(_lines(index.inside(box)))


def _lines(glyphs: list[Glyph]) -> list[str]:
    """Glyphs as text lines, top down, each left to right; a gap wider than a glyph is
    a space."""
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.bottom, g.x0)):
        line = lines[-1] if lines else None
        height = glyph.bottom - glyph.top
        if line and abs(line[0].bottom - glyph.bottom) <= height / 2:
            line.append(glyph)
        else:
            lines.append([glyph])
    texts = []
    for line in lines:
        line.sort(key=lambda g: g.x0)
        parts = [line[0].text]
        for previous, glyph in pairwise(line):
            if glyph.x0 - previous.x1 > glyph.x1 - glyph.x0:
                parts.append(" ")
            parts.append(glyph.text)
        text = "".join(parts).strip()
        if text:
            texts.append(text)
    return texts
