"""Office routes checked: did LibreOffice's conversion keep the Word file's tables?

LibreOffice reads most Word 97-2003 files well, but not all: a ``.doc`` that LibreOffice
itself wrote from a DOCX comes back from it with no table at all (issue 27: 8 of 30 such
files failed with "no table found"). After a ``.doc``/``.wps`` is converted, its own text
(``extract.word_text``: the Word binary's text stream, whose table cells end with a cell
mark) says whether it holds tables. When it does and the conversion gave none:

* it is read another way, by ``antiword`` (Debian package ``antiword``), whose DocBook
  output keeps the table's rows and cells (not its merges: a blank cell there may be a
  merged one), with a notice saying so;
* where antiword is missing or finds no table, a table whose rows all have as many
  cells is read from the file's own text (``word_text.word_table``), with that notice;
* otherwise the file is one clear error naming what was lost and the way out, never
  "no table found".
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from qingdan.extract.errors import BrokenFile
from qingdan.extract.grid import Cell, Extracted, Notice, RawRow, RawTable, ReaderTraits
from qingdan.extract.notice_codes import NoticeCode
from qingdan.extract.word_text import table_cells, word_table, word_text

ANTIWORD_TIMEOUT_S = 60.0
ROUTE_NOTICE = NoticeCode.OFFICE_ROUTE


def checked_route(data: bytes, path: Path, converted: Extracted) -> Extracted:
    """``converted`` when it kept the file's tables; else the file read by antiword, or
    ``BrokenFile`` naming the lost table when antiword is not installed."""
    if converted.tables:
        return converted
    text = word_text(data)
    cells = table_cells(text) if text else 0
    if not cells:
        return converted  # the file holds no table: nothing was lost
    second = read_with_antiword(data, path)
    if second is None or not second.tables:
        second = _from_word_text(text or "", path)
    if second is None:
        raise BrokenFile(
            path,
            f"LibreOffice read no table from this Word 97-2003 file, though its text holds "
            f"{cells} table cells; install antiword (Debian: apt-get install antiword) to "
            "read it another way, or save it as .docx in Word or WPS",
        )
    return second


def read_with_antiword(data: bytes, path: Path) -> Extracted | None:
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
    return _from_docbook(book, path)


def _text(element: ElementTree.Element) -> str:
    lines = (line.strip() for line in "".join(element.itertext()).splitlines())
    return "\n".join(line for line in lines if line)


def _from_docbook(book: ElementTree.Element, path: Path) -> Extracted:
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
        f"{path.name}: LibreOffice read no table from this Word 97-2003 file; its "
        f"{len(tables)} table(s) were read by antiword, which does not keep merged cells "
        "(a blank cell may be a merged one)",
    )
    return Extracted(
        tables=tables,
        text_before=before,
        notices=[notice],
        traits=ReaderTraits(blank_may_be_merged=True, short_row_may_span=True),
    )


def _from_word_text(text: str, path: Path) -> Extracted | None:
    """The file's one table from its own text, where every row has as many cells."""
    table = word_table(text)
    if table is None:
        return None
    notice = Notice(
        ROUTE_NOTICE,
        f"{path.name}: LibreOffice read no table from this Word 97-2003 file; its table "
        "was read from the file's own text, which does not keep merged cells (a blank "
        "cell may be a merged one)",
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
