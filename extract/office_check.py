"""Office routes checked: did LibreOffice's conversion keep the Word file's tables?

LibreOffice reads most Word 97-2003 files well, but not all: a ``.doc`` that LibreOffice
itself wrote from a DOCX comes back from it with no table at all (issue 27: 8 of 30 such
files failed with "no table found"). After a ``.doc``/``.wps`` is converted, its own text
(``extract.word_text``: the Word binary's text stream, whose table cells end with a cell
mark) says whether it holds tables and how many cells. When the conversion gave fewer
grid positions than the text's cell marks (no table, or a table's first rows only):

* it is read another way: by ``antiword`` (Debian package ``antiword``), whose DocBook
  output keeps the table's rows and cells (not its merges: a blank cell there may be a
  merged one), and from the file's own text (``word_text.word_table``), cut into rows
  where the file's paragraph properties end them (``extract.word_rows``); the reading
  with the most cells is taken (antiword's on a tie) when it holds more than the
  conversion, with a notice saying so;
* otherwise a partial table is kept with a notice naming what was lost, and a file with
  no table left is one clear error naming the way out, never "no table found".
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from qingdan.extract.errors import BrokenFile
from qingdan.extract.grid import Cell, Extracted, Notice, RawRow, RawTable, ReaderTraits
from qingdan.extract.notice_codes import NoticeCode
from qingdan.extract.word_text import WordText, read_word, table_cells, word_table

ANTIWORD_TIMEOUT_S = 60.0
ROUTE_NOTICE = NoticeCode.OFFICE_ROUTE


def checked_route(data: bytes, path: Path, converted: Extracted) -> Extracted:
    """``converted`` when it kept the file's tables; else the file read by antiword (or
    from its own text) when that reading holds more of them, or ``BrokenFile`` naming
    the lost table when no reading finds one.

    A table lost in part counts: LibreOffice may give a table's header and first row
    and drop the rest (seed 5407's ``.doc`` files, issue 27), so the grid positions it
    gave (each row's cells and its end) are counted against the file's cell marks."""
    held = _positions(converted)
    read = read_word(data)
    cells = table_cells(read.text) if read else 0
    if held >= cells:
        return converted  # every cell the file's text holds came back
    lost = (
        "LibreOffice read no table from this Word 97-2003 file"
        if not converted.tables
        else f"LibreOffice read {held} of the {cells} table cells this Word 97-2003 file holds"
    )
    # The reading that finds the most cells (antiword's on a tie): antiword may give a
    # table's first rows only (rows of two widths, seed 5407).
    readings = [read_with_antiword(data, path, lost), _from_word_text(read, path, lost)]
    found = [reading for reading in readings if reading is not None]
    second = max(found, key=_positions, default=None)
    if second is not None and _positions(second) > held:
        return second
    if converted.tables:
        notice = Notice(ROUTE_NOTICE, f"{path.name}: {lost}; no other reading found more")
        return converted._replace(notices=[*converted.notices, notice])
    raise BrokenFile(
        path,
        f"LibreOffice read no table from this Word 97-2003 file, though its text holds "
        f"{cells} table cells; install antiword (Debian: apt-get install antiword) to "
        "read it another way, or save it as .docx in Word or WPS",
    )


def _positions(extracted: Extracted) -> int:
    """Grid positions and row ends of every table: what a Word file's cell marks count."""
    return sum(len(row.cells) + 1 for table in extracted.tables for row in table.rows)


def read_with_antiword(data: bytes, path: Path, lost: str) -> Extracted | None:
    """The file's tables and the paragraphs above them as antiword reads them, or
    ``None`` when antiword is missing or fails."""
    antiword = shutil.which("antiword")
    if antiword is None:
        return None
    try:
        done = subprocess.run(
            [antiword, "-x", "db", "-"],
            input=data,
            capture_output=True,
            timeout=ANTIWORD_TIMEOUT_S,
            check=True,
        )
        book = ElementTree.fromstring(done.stdout)
    except (subprocess.SubprocessError, OSError, ElementTree.ParseError):
        return None
    return _from_docbook(book, path, lost)


def _text(element: ElementTree.Element) -> str:
    lines = (line.strip() for line in "".join(element.itertext()).splitlines())
    return "\n".join(line for line in lines if line)


def _from_docbook(book: ElementTree.Element, path: Path, lost: str) -> Extracted:
    """Tables (one ``RawTable`` per ``informaltable``) and the paragraphs before the first."""
    tables: list[RawTable] = []
    before: list[str] = []
    for para in book.iter("para"):
        table = para.find("informaltable")
        if table is None:
            if not tables and (line := _text(para)):
                before.append(line)
            continue
        rows = [
            RawRow(cells=[_cell(entry) for entry in row.iter("entry")]) for row in table.iter("row")
        ]
        tables.append(RawTable(rows=rows, name=f"table {len(tables) + 1}"))
    notice = Notice(
        ROUTE_NOTICE,
        f"{path.name}: {lost}; its {len(tables)} table(s) were read by antiword, which "
        "does not keep merged cells (a blank cell may be a merged one)",
    )
    return Extracted(
        tables=tables,
        text_before=before,
        notices=[notice],
        traits=ReaderTraits(blank_may_be_merged=True, short_row_may_span=True),
    )


def _from_word_text(read: WordText | None, path: Path, lost: str) -> Extracted | None:
    """The file's one table from its own text (rows cut where its properties end them)."""
    table = None if read is None else word_table(read.text, read.row_ends)
    if table is None:
        return None
    notice = Notice(
        ROUTE_NOTICE,
        f"{path.name}: {lost}; its table was read from the file's own text, which does "
        "not keep merged cells (a blank cell may be a merged one)",
    )
    rows: list[RawRow] = [RawRow(cells=list(cells)) for cells in table.rows]
    return Extracted(
        tables=[RawTable(rows=rows)],
        text_before=table.lines_before,
        notices=[notice],
        traits=ReaderTraits(blank_may_be_merged=True, short_row_may_span=True),
    )


def _cell(entry: ElementTree.Element) -> Cell:
    return _text(entry)
