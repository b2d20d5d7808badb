"""Read tables from plain-text attachments.

Two layouts are common:

* **Cell-per-line dumps** (copy-paste or "save as text" of a Word/PDF table, as in
  ``samples/000_eaf823a1ce4555f0.txt``): a line that starts with a TAB starts a new
  cell; a line without a leading TAB continues the cell above, even after a blank
  line (``\\t土壤污染`` / ``""`` / ``状况详查`` is one cell); a blank line followed
  by a TAB line ends a row.
* **Delimited tables** (TSV, CSV): one row per record, fields split by TAB or comma,
  quoted fields may hold line breaks.

The reader returns raw grids; it knows nothing about what the columns mean.

Large dumps stream (issue 17: a 100 MB dump took 1.4 GB): the bytes are decoded and
split into lines a chunk at a time, never into one text or one list of millions of
lines (issue 29), each row's cells are finished as the next cell starts, and equal
cell texts (the same department or deadline on thousands of rows) are stored once.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from qingdan.extract.controls import ControlCleaner
from qingdan.extract.encoding import decoded_chunks, text_encoding
from qingdan.extract.errors import BrokenFile
from qingdan.extract.grid import Cell, Extracted, Notice, RawRow, RawTable, ReaderTraits
from qingdan.extract.notice_codes import NoticeCode
from qingdan.extract.options import ReadOptions

TEXT_DUMP = ReaderTraits(
    blank_may_be_merged=True, short_row_may_span=True, text_below_may_join_table=True
)
"""What a text dump's grid cannot say: it prints a merged cell once (leaving the rows
below it blank, or the columns it spans out), as a CSV saved from a spreadsheet does,
and runs a paragraph under the table into the last row's cells."""


def read_txt(data: bytes, path: Path, options: ReadOptions | None = None) -> Extracted:
    """Read a ``.txt``/``.tsv``/``.csv`` file's bytes into raw grids (no options apply).

    The text is decoded and split into lines a chunk at a time, once to tell the
    layout and once to read it: a large dump's text is never held whole (issue 29)."""
    codec, encoding = text_encoding(data, path)
    notices = (
        [] if encoding == "utf-8" else [Notice(NoticeCode.ENCODING, f"text decoded as {encoding}")]
    )
    cleaner = ControlCleaner()
    lines = cleaner.lines(decoded_chunks(data, codec))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        extracted = read_delimited(lines, ",", path)
    elif suffix == ".tsv" or _is_tab_delimited(ControlCleaner().lines(decoded_chunks(data, codec))):
        extracted = read_delimited(lines, "\t", path)
    else:
        extracted = read_cell_per_line(lines)
    notices += cleaner.notices()
    return Extracted(
        extracted.tables, extracted.text_before, [*notices, *extracted.notices], TEXT_DUMP
    )


def _is_tab_delimited(lines: Iterable[str]) -> bool:
    """Whether TABs separate fields inside lines (TSV) rather than start cells."""
    inner = leading = 0
    for line in lines:
        if "\t" in line.lstrip("\t").rstrip():
            inner += 1
        elif line.startswith("\t"):
            leading += 1
    return inner >= 2 and inner >= leading


class _Pool:
    """Equal cell texts stored once (a department or deadline repeated on every row)."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        return self._texts.setdefault(text, text)


def read_cell_per_line(lines: Iterable[str]) -> Extracted:
    """Read the cell-per-line layout into one table (see the module docstring)."""
    pool = _Pool()
    text_before: list[str] = []
    groups: list[list[str]] = []  # rows -> finished cells
    parts: list[str] = []  # the lines of the cell being read
    blank_seen = False

    def finish_cell() -> None:
        if parts:
            groups[-1].append(pool("\n".join(part for part in parts if part.strip())))
            parts.clear()

    for line in lines:
        if line.startswith("\t"):
            finish_cell()
            if not groups or blank_seen:
                groups.append([])
            parts.append(line[1:])
            blank_seen = False
        elif not groups:
            if line.strip():
                text_before.append(line.strip())
        elif not line.strip():
            blank_seen = True
        else:
            # A line without a TAB continues the cell above, even after a blank line.
            parts.append(line)
            blank_seen = False
    if not groups:
        return Extracted(tables=[], text_before=text_before)
    finish_cell()
    rows, notices = _split_run_on_rows(groups)
    # The lists become the rows as they are (no copy): each holds text cells only.
    table = RawTable(rows=[RawRow(cells=cast(list[Cell], cells)) for cells in rows])
    return Extracted(tables=[table], text_before=text_before, notices=notices)


def _split_run_on_rows(groups: list[list[str]]) -> tuple[list[list[str]], list[Notice]]:
    """Split groups that hold several rows because a blank line between them is missing.

    The table's width is the most common size of the groups with more than one cell
    (a single-cell group is a merged full-width row, however many there are); a
    group of exactly k times that many cells is k rows. Other groups of another size
    are noticed, except the shapes merged cells printed once take: one cell (a
    full-width row such as a section title), and narrower rows above the first
    full-width row (a header whose group label spans sub-columns) wherever they are
    printed again (at page breaks).
    """
    if not groups:
        return [], []
    sizes = Counter(len(g) for g in groups if len(g) > 1) or Counter(len(g) for g in groups)
    width = sizes.most_common(1)[0][0]
    rows: list[list[str]] = []
    notices: list[Notice] = []
    seen_full_width = False
    leading: list[list[str]] = []  # the narrow rows above the first full-width row
    for group in groups:
        if not seen_full_width and len(group) < width:
            leading.append(group)
        merged_shape = len(group) == 1 or group in leading
        seen_full_width = seen_full_width or len(group) == width
        if len(group) > width and len(group) % width == 0:
            rows.extend(group[i : i + width] for i in range(0, len(group), width))
        else:
            if len(group) != width and not merged_shape:
                notices.append(
                    Notice(
                        NoticeCode.RAGGED_ROW,
                        f"a row has {len(group)} cells where the table has {width}: "
                        f"{' | '.join(cell.replace(chr(10), ' ') for cell in group)[:80]}",
                    )
                )
            rows.append(group)
    return rows, notices


def read_delimited(lines: Iterable[str], delimiter: str, path: Path | None = None) -> Extracted:
    """Read a TSV/CSV table; single-field lines above it are the text before the table.

    Raises ``BrokenFile`` (naming ``path``) when the table cannot be split into fields:
    a quote left open makes the rest of the file one field, past the csv module's
    limit of 131,072 characters.
    """
    pool = _Pool()
    text_before: list[str] = []
    rows: list[RawRow] = []
    reader = csv.reader((line + "\n" for line in lines), delimiter=delimiter)
    start = 1  # the line the record being read starts on
    try:
        for fields in reader:
            _add_fields(fields, rows, text_before, pool)
            start = reader.line_num + 1
    except csv.Error as error:
        raise BrokenFile(
            path,
            f"line {start}: not a readable table ({error}); "
            'is a quote (") opened at the start of a field and never closed?',
        ) from error
    tables = [RawTable(rows=rows)] if rows else []
    return Extracted(tables=tables, text_before=text_before)


def _add_fields(fields: list[str], rows: list[RawRow], text_before: list[str], pool: _Pool) -> None:
    """One CSV/TSV record: a row, or text above the table (one field before any row)."""
    filled = [f for f in fields if f.strip()]
    if not filled:
        return
    if not rows and len(filled) <= 1:
        text_before.append(filled[0].strip())
        return
    rows.append(RawRow(cells=[pool(field) for field in fields]))
