"""Read tables from web pages (``.html``, ``.htm``) saved from government sites.

The page is decoded (BOM, then the ``<meta charset>`` the page declares, then the
UTF-8 / GB18030 cascade of ``extract.encoding``), parsed with lxml's forgiving HTML
parser, and walked in document order:

* text outside tables becomes lines: block elements (``<p>``, ``<div>``, headings, list
  items ...) and ``<br>`` end a line; a table's ``<caption>`` is a line above it; lines
  above the first table are ``text_before``,
  lines between two tables the second one's ``text_above``, lines below the last table
  ``text_after``; a page with no text above its first table takes its ``<title>`` as
  ``text_before``;
* a data table becomes a grid: a cell with ``rowspan`` is ``Covered.ABOVE`` in the rows
  it reaches down to (in every column it spans), one with ``colspan`` ``Covered.LEFT``
  in the columns it covers; a span past a sane limit (or past the table's last row) is
  clipped, with a notice, and the grid ends at the last column a cell starts in;
* a table that holds other tables and is at most two columns wide is a layout table
  (sites frame their content with them): it is walked like a block, so the tables
  inside it are read; a nested table in a wider (data) table is read as lines of its
  cell, with a notice.

Whitespace is read as a browser shows it: runs of spaces become one space, except a
source line break between two CJK characters, which shows as nothing (CSS Text 3,
segment break transformation), so ``生态环境\\n新城分局`` in the markup stays one word.
Scripts, styles and comments are not text. It knows nothing about task lists.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
from qingdan.extract.encoding import decode_text
from qingdan.extract.errors import BrokenFile, UndecodableText
from qingdan.extract.grid import Cell, Covered, Extracted, Notice, RawRow, RawTable
from qingdan.extract.limits import Limits, limits_of
from qingdan.extract.notice_codes import NoticeCode
from qingdan.extract.options import ReadOptions

# Spans a real task table never needs; past them a page is broken or hostile (a
# colspan of 10000 would make every row 10000 cells wide).
MAX_COLSPAN = 50
MAX_ROWSPAN = 2000

_BLOCK_TAGS = """address article aside blockquote body caption center dd div dl dt fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section
table tbody td tfoot th thead tr ul"""
_BLOCKS = frozenset(_BLOCK_TAGS.split())
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "select", "option"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ANY_TAG = re.compile(r"<\s*(html|body|table|p|div|h[1-6]|head|title|meta|br)\b", re.I)
# A source line break between two wide (CJK) characters shows as nothing.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n\s*(?=[{_CJK}])")
_SPACES = re.compile(r"[\s\u00a0\u2002\u2003\u2009\u202f\u3000]+")
# GB2312 and GBK pages decode as GB18030, their superset (pages mislabel GBK as GB2312).
# huge_tree: libxml2 otherwise cuts a text node past 10 MB, and the rest of the page
# with it, without a word (issue 33). Nothing is ever fetched: no DTD, no network.
_PARSER = lxml.html.HTMLParser(huge_tree=True, no_network=True)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}


def read_html(data: bytes, path: Path, options: ReadOptions | None = None) -> Extracted:
    """Read a web page's bytes into raw grids and the text above the first table.

    ``options.limits`` bound each table's grid and how deeply tables nest. Raises
    ``BrokenFile`` when the bytes are not an HTML page and ``LimitExceeded`` for a table
    past a limit.
    """
    notices: list[Notice] = []
    text = _decode(data, path, notices)
    root = _parse(text, path)
    walk = _Walk(notices, _Bounds(path, limits_of(options.limits if options else None)))
    body = root.find("body")
    walk.block(body if body is not None else root)
    walk.end_line()
    text_before = walk.text_before if walk.tables else walk.lines
    if not text_before:
        title = _clean_line(root.findtext(".//title") or "")
        text_before = [title] if title else []
    text_after = walk.above if walk.tables else []
    return Extracted(
        tables=walk.tables, text_before=text_before, notices=notices, text_after=text_after
    )


def _decode(data: bytes, path: Path, notices: list[Notice]) -> str:
    """The page's text: by its BOM, its declared charset, or the text cascade."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = _META_CHARSET.search(data[:8192])
        if declared:
            name = declared.group(1).decode("ascii").lower()
            encoding = _SUPERSETS.get(name, name)
            try:
                text = data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                notices.append(
                    Notice(
                        NoticeCode.ENCODING,
                        f"the page declares charset {name!r}, which does not fit",
                    )
                )
            else:
                if codecs.lookup(encoding).name != "utf-8":
                    notices.append(
                        Notice(NoticeCode.ENCODING, f"page decoded as {name} (declared)")
                    )
                return text
    try:
        text, encoding = decode_text(data, path)
    except UndecodableText as error:
        raise BrokenFile(path, "not an HTML page: not text in UTF-8, UTF-16 or GBK") from error
    if encoding != "utf-8":
        notices.append(Notice(NoticeCode.ENCODING, f"page decoded as {encoding}"))
    return text


def _parse(text: str, path: Path) -> Any:
    """The parsed page, or ``BrokenFile`` when the text has no HTML markup at all."""
    text = _XML_DECLARATION.sub("", text)  # lxml refuses a str with an encoding declaration
    if not _ANY_TAG.search(text[:100_000]):
        raise BrokenFile(path, "not an HTML page: no HTML markup (<html>, <table>, <p> ...)")
    try:
        return lxml.html.document_fromstring(text, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as error:
        raise BrokenFile(path, f"not a readable HTML page ({error})") from error


def _clean_line(text: str) -> str:
    return _SPACES.sub(" ", _CJK_BREAK.sub("", text)).strip()


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _is_hidden(element: Any) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return element.get("hidden") is not None or "display:none" in style


def _rows(table: Any) -> list[Any]:
    """The table's own rows (not those of tables nested in its cells), in order."""
    rows: list[Any] = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child if _tag(row) == "tr")
    return rows


def _cells(row: Any) -> list[Any]:
    return [cell for cell in row if _tag(cell) in ("td", "th") and not _is_hidden(cell)]


def _is_layout(table: Any) -> bool:
    """A table framing a page: it holds tables and is at most two columns wide."""
    if not any(True for _ in table.iterdescendants("table")):
        return False
    return all(len(_cells(row)) <= 2 for row in _rows(table))


@dataclass
class _Bounds:
    """The file being read and its limits, and how deep the walk is in tables."""

    path: Path
    limits: Limits
    depth: int = 0

    def enter_table(self, name: str) -> None:
        """Count one more table level; ``LimitExceeded`` past ``html_nesting``."""
        self.depth += 1
        what = f"{name}: tables nested {self.depth} deep"
        self.limits.check("html_nesting", self.depth, self.path, what)


@dataclass
class _Walk:
    """The page walked in order: text lines and tables, as ``read_html`` returns them."""

    notices: list[Notice]
    bounds: _Bounds
    inside_cell: str | None = None
    """Where the walk is when it reads a cell ("table 1 row 3"): tables there are text."""
    tables: list[RawTable] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    text_before: list[str] = field(default_factory=list)
    above: list[str] = field(default_factory=list)
    """The lines since the last table (or the page's top): the next table's, or the
    lines under the last one."""
    _line: list[str] = field(default_factory=list)

    def end_line(self) -> None:
        """Close the line being read (at a block boundary or ``<br>``)."""
        line = _clean_line("".join(self._line))
        self._line = []
        if line:
            self.lines.append(line)
            self.above.append(line)
            if not self.tables:
                self.text_before.append(line)

    def block(self, element: Any) -> None:
        """Read an element's text and tables in document order."""
        for text, child in _children(element):
            if child is None:
                self._line.append(text)
                continue
            tag = _tag(child)
            if tag in _INVISIBLE or _is_hidden(child):
                continue
            if tag == "table" and self.inside_cell is not None:
                self.end_line()
                nested = _read_table(child, "nested table", [], self.notices, self.bounds)
                self.lines.extend(line for row in nested.rows for line in _row_lines(row))
                message = f"{self.inside_cell}: a table inside a cell, read as its text"
                self.notices.append(Notice(NoticeCode.HTML_NESTED_TABLE, message))
            elif tag == "table" and not _is_layout(child):
                self.end_line()
                for caption in child.findall("caption"):  # the table's own title
                    self.block(caption)
                    self.end_line()
                name = f"table {len(self.tables) + 1}"
                self.tables.append(_read_table(child, name, self.above, self.notices, self.bounds))
                self.above = []
            elif tag == "br":
                self.end_line()
            elif tag in _BLOCKS:
                self.end_line()
                self.block(child)
                self.end_line()
            else:
                self.block(child)


def _children(element: Any) -> Iterator[tuple[str, Any]]:
    """An element's content in order: ``(text, None)`` for text, ``("", child)`` for
    a child element (whose tail text follows it)."""
    if element.text:
        yield element.text, None
    for child in element:
        if isinstance(child.tag, str):
            yield "", child
        if child.tail:
            yield child.tail, None


def _cell_text(cell: Any, notices: list[Notice], where: str, bounds: _Bounds) -> str:
    """A cell's lines joined with ``\\n``: ``<br>``, paragraphs and nested tables break lines."""
    walk = _Walk(notices, bounds, inside_cell=where)
    walk.block(cell)
    walk.end_line()
    return "\n".join(walk.lines)


def _row_lines(row: RawRow) -> list[str]:
    return [line for cell in row.cells if isinstance(cell, str) for line in cell.split("\n")]


def _span(cell: Any, name: str) -> int:
    value = (cell.get(name) or "").strip()
    digits = re.match(r"\d+", value)
    return int(digits.group()) if digits else 1


def _read_table(
    table: Any, name: str, text_above: list[str], notices: list[Notice], bounds: _Bounds
) -> RawTable:
    """One HTML table as a raw grid (see the module docstring for spans).

    The positions the cells fill, spans included, are counted before they are filled:
    past ``html_cells`` the table is ``LimitExceeded`` (an 86 KB page with a rowspan and
    colspan on every cell asked for 2 GB).
    """
    bounds.enter_table(name)
    rows = _rows(table)
    grid: dict[tuple[int, int], Cell] = {}
    starts: set[int] = set()
    filled = 0
    for r, row in enumerate(rows):
        col = 0
        for cell in _cells(row):
            while (r, col) in grid:
                col += 1
            colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
            if rowspan == 0:  # HTML: to the end of the table
                rowspan = len(rows) - r
            colspan, rowspan = _clipped(colspan, rowspan, len(rows) - r, notices, name, r)
            filled += colspan * rowspan
            what = f"{name}: its cells and their spans fill more than {filled:,} positions"
            bounds.limits.check("html_cells", filled, bounds.path, what)
            grid[r, col] = _cell_text(cell, notices, f"{name} row {r + 1}", bounds)
            starts.add(col)
            for c in range(col + 1, col + colspan):
                grid[r, c] = Covered.LEFT
            for below in range(r + 1, r + rowspan):
                for c in range(col, col + colspan):
                    grid[below, c] = Covered.ABOVE
            col += colspan
    # A span past the last column any cell starts in covers nothing a browser shows.
    width = max(starts, default=-1) + 1
    what = f"{name}: {len(rows):,} rows x {width:,} columns"
    bounds.limits.check("html_cells", len(rows) * width, bounds.path, what)
    raw_rows = [RawRow([grid.get((r, c), "") for c in range(width)]) for r in range(len(rows))]
    bounds.depth -= 1
    return RawTable(rows=raw_rows, name=name, text_above=text_above)


def _clipped(
    colspan: int, rowspan: int, rows_left: int, notices: list[Notice], name: str, row: int
) -> tuple[int, int]:
    """Spans within ``MAX_COLSPAN``/``MAX_ROWSPAN`` and the table, with a notice when clipped."""
    limit = min(MAX_ROWSPAN, rows_left)
    clipped = max(1, min(colspan, MAX_COLSPAN)), max(1, min(rowspan, limit))
    if clipped != (max(colspan, 1), max(rowspan, 1)):
        notices.append(
            Notice(
                NoticeCode.HTML_SPAN,
                f"{name} row {row + 1}: a cell spanning {colspan} columns and {rowspan} rows "
                f"clipped to {clipped[0]} x {clipped[1]}",
            )
        )
    return clipped
