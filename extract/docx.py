"""Read tables from Word ``.docx`` attachments.

A Word table keeps its structure in its markup, not in its text, so the reader walks
the document's XML (opened with python-docx) rather than python-docx's cell lists,
which repeat a merged cell in every grid position it covers:

* the body is read in order; paragraphs above the first table are ``text_before``
  (attachment label, title) and those above each table its ``text_above``, each line
  also with its look (size, bold, centred: ``extract.docx_look``) for the title;
  tables are named "table 1", "table 2", ...;
* a cell continuing a vertical merge (``w:vMerge`` without ``restart``) is
  ``Covered.ABOVE`` (in every grid column it spans); a cell spanning columns
  (``w:gridSpan``, or continued by ``w:hMerge``) has its text in its first grid column
  and ``Covered.LEFT`` in the columns it covers;
* a row marked to repeat at the top of every page (``w:tblHeader``) is flagged
  ``repeats_as_header``;
* paragraphs and manual line breaks (``w:br``) inside a cell become ``\\n``; tabs,
  no-break and full-width spaces become one plain space; empty lines are dropped.

It knows nothing about task lists.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from qingdan.extract.docx_look import StyleSheet
from qingdan.extract.errors import BrokenFile
from qingdan.extract.grid import Cell, Covered, Extracted, RawRow, RawTable, TextLine, plain_lines
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
# Tabs, no-break, en/em, thin and full-width spaces: layout, one plain space at most.
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u202f\u3000]+")


def read_docx(data: bytes, path: Path, options: ReadOptions | None = None) -> Extracted:
    """Read a ``.docx`` file's bytes into raw grids and the text above the first table.

    No ``options`` apply. The ZIP guard (``extract.zipguard``) refuses a zip bomb
    before python-docx inflates anything.

    Raises ``BrokenFile`` when the bytes are not a readable Word document.
    """
    body, styles = _open_body(data, path)
    tables: list[RawTable] = []
    lines_before: list[TextLine] = []
    lines_above: list[TextLine] = []
    for block in _children(body, {_P, _TBL}):
        if block.tag == _TBL:
            tables.append(_read_table(block, f"table {len(tables) + 1}", lines_above))
            lines_above = []
        else:
            lines = [styles.line(block, line) for line in _clean_lines(_paragraph_text(block))]
            lines_above.extend(lines)
            if not tables:
                lines_before.extend(lines)
    return Extracted(
        tables=tables, text_before=plain_lines(lines_before), lines_before=lines_before
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
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise BrokenFile(
            path, f"not a Word .docx file: not a readable zip archive ({error}); "
            "is it damaged, truncated or another format renamed .docx?"
        ) from error  # fmt: skip
    except (KeyError, PackageNotFoundError) as error:
        raise BrokenFile(
            path, "a zip archive but not a Word document (no Office Open XML document part)"
        ) from error
    except ValueError as error:
        raise BrokenFile(path, f"a zip archive but not a Word document: {error}") from error
    except SyntaxError as error:  # lxml's XMLSyntaxError is a SyntaxError
        raise BrokenFile(path, f"damaged Word document: broken XML ({error})") from error
    try:
        styles = StyleSheet(document.styles.element)
    except (KeyError, ValueError):  # a document without a styles part
        styles = StyleSheet(None)
    return document.element.body, styles


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
    found = _property(element, container, name)
    value = None if found is None else found.get(qn("w:val"))
    return int(value) if value and value.isdigit() else default


def _continues_merge(tc: Any, name: str) -> bool:
    """Whether a cell continues a merge (``w:vMerge``/``w:hMerge`` other than restart)."""
    merge = _property(tc, "w:tcPr", name)
    return merge is not None and merge.get(qn("w:val"), "continue") != "restart"


def _is_switched_on(element: Any) -> bool:
    return element is not None and element.get(qn("w:val"), "true").lower() not in _OFF


def _read_row(tr: Any) -> RawRow:
    cells: list[Cell] = [""] * _int_property(tr, "w:trPr", "w:gridBefore", 0)
    for tc in _children(tr, {_TC}):
        span = max(1, _int_property(tc, "w:tcPr", "w:gridSpan", 1))
        if _continues_merge(tc, "w:vMerge"):
            cells.extend([Covered.ABOVE] * span)
        elif _continues_merge(tc, "w:hMerge"):
            cells.extend([Covered.LEFT] * span)
        else:
            cells.extend([_cell_text(tc), *([Covered.LEFT] * (span - 1))])
    cells.extend([""] * _int_property(tr, "w:trPr", "w:gridAfter", 0))
    header = _is_switched_on(_property(tr, "w:trPr", "w:tblHeader"))
    return RawRow(cells=cells, repeats_as_header=header)


def _read_table(tbl: Any, name: str, lines_above: list[TextLine]) -> RawTable:
    """One Word table as a raw grid (see the module docstring for merged cells)."""
    rows = [_read_row(tr) for tr in _children(tbl, {_TR})]
    return RawTable(
        rows=rows, name=name, text_above=plain_lines(lines_above), lines_above=lines_above
    )
