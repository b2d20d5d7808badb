"""Read tables from Word ``.docx`` attachments.

A Word table keeps its structure in its markup, not in its text, so the reader walks
the document's XML (the package opened by ``extract.ooxml``) rather than python-docx's
cell lists, which repeat a merged cell in every grid position it covers:

* the body is read in order; paragraphs above the first table are ``text_before``
  (attachment label, title) and those above each table its ``text_above``, each line
  also with its look (size, bold, centred: ``extract.docx_look``) for the title; those
  below the last table are ``text_after`` (a note or a signature line under it); tables
  are named "table 1", "table 2", ...;
* a cell continuing a vertical merge (``w:vMerge`` without ``restart``) is
  ``Covered.ABOVE`` (in every grid column it spans); a cell spanning columns
  (``w:gridSpan``, or continued by ``w:hMerge``) has its text in its first grid column
  and ``Covered.LEFT`` in the columns it covers;
* spans are bounded by the table grid (``w:tblGrid``, at most ``MAX_GRID_COLUMNS``
  columns): a row whose ``w:gridBefore`` + ``w:gridSpan`` + ``w:gridAfter`` reach past
  the grid is cut to it with a ``table-grid`` notice naming the table and row (Word
  and LibreOffice open such a file; cutting a span loses no text), so no number in
  the file sizes an allocation (issue 17: a 4 KB file asked for 8 GB);
* a row marked to repeat at the top of every page (``w:tblHeader``) is flagged
  ``repeats_as_header``;
* paragraphs and manual line breaks (``w:br``) inside a cell become ``\\n``; tabs,
  no-break and full-width spaces become one plain space; empty lines are dropped.

It knows nothing about task lists.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from qingdan.extract.docx_look import StyleSheet
from qingdan.extract.errors import BrokenFile
from qingdan.extract.grid import (
    Cell,
    Covered,
    Extracted,
    Notice,
    RawRow,
    RawTable,
    TextLine,
    plain_lines,
)
from qingdan.extract.notice_codes import NoticeCode
from qingdan.extract.ooxml import NotWordPackage, open_word_parts, qn
from qingdan.extract.options import ReadOptions
from qingdan.extract.zipguard import check_zip

_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
"""Compound-file header: Word 97-2003 .doc files and password-protected .docx files."""

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
# Content controls and custom XML wrap paragraphs, tables, rows and cells; look through them.
_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}
_BREAKS = {qn("w:br"), qn("w:cr")}
_TEXT, _TAB, _HYPHEN = qn("w:t"), qn("w:tab"), qn("w:noBreakHyphen")
# Text a reader never sees: the second copy of a drawing's text (mc:Fallback) and
# deleted tracked changes.
_HIDDEN = {
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    qn("w:del"),
    qn("w:pPr"),
    qn("w:rPr"),
}
_OFF = {"0", "false", "off"}
_GRID_COL = qn("w:gridCol")
MAX_GRID_COLUMNS = 256
"""The most grid columns a table may have (Word's own limit is 63; LibreOffice's 1,024
cells a row is rarer than a damaged file). A table grid declaring more is cut to it."""
_NUMBER = re.compile(r"[0-9]+")
_HUGE = 10**9
"""Any longer number stands for this one (int() refuses 5,000-digit strings)."""
# Tabs, no-break, en/em, thin and full-width spaces: layout, one plain space at most.
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u202f\u3000]+")


def read_docx(data: bytes, path: Path, options: ReadOptions | None = None) -> Extracted:
    """Read a ``.docx`` file's bytes into raw grids and the text above the first table.

    No ``options`` apply. The ZIP guard (``extract.zipguard``) refuses a zip bomb
    before anything is inflated.

    Raises ``BrokenFile`` when the bytes are not a readable Word document.
    """
    body, styles = _open_body(data, path)
    tables: list[RawTable] = []
    lines_before: list[TextLine] = []
    lines_above: list[TextLine] = []
    notices: list[Notice] = []
    for block in _children(body, {_P, _TBL}):
        if block.tag == _TBL:
            tables.append(_read_table(block, f"table {len(tables) + 1}", lines_above, notices))
            lines_above = []
        else:
            lines = [styles.line(block, line) for line in _clean_lines(_paragraph_text(block))]
            lines_above.extend(lines)
            if not tables:
                lines_before.extend(lines)
    return Extracted(
        tables=tables,
        text_before=plain_lines(lines_before),
        notices=notices,
        lines_before=lines_before,
        text_after=plain_lines(lines_above) if tables else (),
    )


def _open_body(data: bytes, path: Path) -> tuple[Any, StyleSheet]:
    """The ``w:body`` element of the document and its styles, or ``BrokenFile`` saying
    what is wrong."""
    if data.startswith(_OLE_MAGIC):
        raise BrokenFile(
            path,
            "an old Word 97-2003 .doc file or a password-protected document, not a .docx; "
            "open it in Word and save it as .docx without a password",
        )
    check_zip(data, path)
    try:
        parts = open_word_parts(data)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise BrokenFile(
            path, f"not a Word .docx file: not a readable zip archive ({error}); "
            "is it damaged, truncated or another format renamed .docx?"
        ) from error  # fmt: skip
    except NotWordPackage as error:
        raise BrokenFile(path, f"a zip archive but not a Word document ({error})") from error
    except SyntaxError as error:  # lxml's XMLSyntaxError is a SyntaxError
        raise BrokenFile(path, f"damaged Word document: broken XML ({error})") from error
    # A damaged part may have another root (a mangled namespace) or no body at all.
    root = parts.document
    body = root.find(qn("w:body")) if root.tag == qn("w:document") else None
    if body is None:
        raise BrokenFile(path, "damaged Word document: its main part has no w:document/w:body")
    return body, StyleSheet(parts.styles)


def _children(parent: Any, tags: set[str]) -> Iterator[Any]:
    """The child elements of ``parent`` with one of ``tags``, looking through wrappers."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tags)


def _paragraph_text(element: Any) -> str:
    """The text of a paragraph as a reader sees it, line breaks as ``\\n``."""
    parts: list[str] = []
    for child in element:
        tag = child.tag
        if tag == _TEXT:
            parts.append(child.text or "")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _HYPHEN:
            parts.append("-")
        elif tag not in _HIDDEN and isinstance(tag, str):
            parts.append(_paragraph_text(child))
    return "".join(parts)


def _clean_lines(text: str) -> list[str]:
    """The non-empty lines of a text, each with its runs of spaces made one plain space."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs (and those of tables nested in it) as lines."""
    lines: list[str] = []
    for block in _children(tc, {_P, _TBL}):
        if block.tag == _P:
            lines.extend(_clean_lines(_paragraph_text(block)))
        else:
            for row in _children(block, {_TR}):
                for cell in _children(row, {_TC}):
                    lines.extend(_cell_text(cell).split("\n"))
    return "\n".join(line for line in lines if line)


def _property(element: Any, container: str, name: str) -> Any:
    """The ``name`` element inside ``element``'s ``container`` properties, or ``None``."""
    properties = element.find(qn(container))
    return None if properties is None else properties.find(qn(name))


def _int_property(element: Any, container: str, name: str, default: int) -> int:
    """A whole-number property (``w:val``), or ``default`` when absent or not a number."""
    found = _property(element, container, name)
    value = None if found is None else found.get(qn("w:val"))
    # ASCII digits only: int() rejects "²".
    if not value or not _NUMBER.fullmatch(value):
        return default
    return int(value) if len(value) < 10 else _HUGE


def _continues_merge(tc: Any, name: str) -> bool:
    """Whether a cell continues a merge (``w:vMerge``/``w:hMerge`` other than restart)."""
    merge = _property(tc, "w:tcPr", name)
    return merge is not None and merge.get(qn("w:val"), "continue") != "restart"


def _is_switched_on(element: Any) -> bool:
    return element is not None and element.get(qn("w:val"), "true").lower() not in _OFF


def _grid_width(tbl: Any) -> int:
    """The table's grid columns (``w:tblGrid``), at most ``MAX_GRID_COLUMNS``; the cap
    when the table declares no grid."""
    grid = tbl.find(qn("w:tblGrid"))
    declared = 0 if grid is None else sum(1 for col in grid if col.tag == _GRID_COL)
    return min(declared or MAX_GRID_COLUMNS, MAX_GRID_COLUMNS)


class _RowLayout(NamedTuple):
    """How many grid columns a row's parts cover, as declared in the file."""

    before: int
    spans: list[int]
    after: int

    @property
    def total(self) -> int:
        return self.before + sum(self.spans) + self.after

    def cut_to(self, width: int) -> _RowLayout:
        """The layout cut to ``width`` columns: every cell keeps one column, spans get
        the spare columns first (a full-width span marks a section row), then the
        skipped columns before and after."""
        spare = max(width - len(self.spans), 0)
        spans = []
        for span in self.spans:
            extra = min(span - 1, spare)
            spare -= extra
            spans.append(1 + extra)
        before = min(self.before, spare)
        return _RowLayout(before, spans, min(self.after, spare - before))


def _read_row(tr: Any, width: int) -> tuple[RawRow, tuple[int, int] | None]:
    """One row, and (columns declared, columns kept) when it reached past ``width``."""
    tcs = list(_children(tr, {_TC}))
    layout = _RowLayout(
        _int_property(tr, "w:trPr", "w:gridBefore", 0),
        [max(1, _int_property(tc, "w:tcPr", "w:gridSpan", 1)) for tc in tcs],
        _int_property(tr, "w:trPr", "w:gridAfter", 0),
    )
    # A row with more cells than the grid declares (a generator's sloppy grid) is kept
    # whole; only the numbers in the file are cut.
    width = max(width, len(tcs))
    declared = layout.total
    if declared > width:
        layout = layout.cut_to(width)
    cells: list[Cell] = [""] * layout.before
    for tc, span in zip(tcs, layout.spans, strict=True):
        if _continues_merge(tc, "w:vMerge"):
            cells.extend([Covered.ABOVE] * span)
        elif _continues_merge(tc, "w:hMerge"):
            cells.extend([Covered.LEFT] * span)
        else:
            cells.extend([_cell_text(tc), *([Covered.LEFT] * (span - 1))])
    cells.extend([""] * layout.after)
    header = _is_switched_on(_property(tr, "w:trPr", "w:tblHeader"))
    cut = (declared, width) if declared > width else None
    return RawRow(cells=cells, repeats_as_header=header), cut


def _read_table(
    tbl: Any, name: str, lines_above: list[TextLine], notices: list[Notice]
) -> RawTable:
    """One Word table as a raw grid (see the module docstring for merged cells); a row
    reaching past the table grid is cut to it and noticed in ``notices``."""
    width = _grid_width(tbl)
    rows = []
    for number, tr in enumerate(_children(tbl, {_TR}), start=1):
        row, cut = _read_row(tr, width)
        rows.append(row)
        if cut is not None:
            declared, kept = cut
            spanned = str(declared) if declared < _HUGE else f"more than {_HUGE - 1}"
            notices.append(
                Notice(
                    NoticeCode.TABLE_GRID,
                    f"{name} row {number}: its cells span {spanned} grid columns but the "
                    f"table grid has {kept}; the spans were cut to the grid (no text lost)",
                )
            )
    return RawTable(
        rows=rows, name=name, text_above=plain_lines(lines_above), lines_above=lines_above
    )
