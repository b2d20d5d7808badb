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
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from qingdan.extract.controls import clean_controls
from qingdan.extract.encoding import decode_text
from qingdan.extract.grid import Extracted, Notice, RawRow, RawTable
from qingdan.extract.options import ReadOptions


def read_txt(data: bytes, path: Path, options: ReadOptions | None = None) -> Extracted:
    """Read a ``.txt``/``.tsv``/``.csv`` file's bytes into raw grids (no options apply)."""
    text, encoding = decode_text(data, path)
    text, notices = clean_controls(text)
    lines = text.splitlines()
    if encoding not in ("utf-8",):
        notices.insert(0, Notice("encoding", f"text decoded as {encoding}"))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        extracted = read_delimited(lines, ",")
    elif suffix == ".tsv" or _is_tab_delimited(lines):
        extracted = read_delimited(lines, "\t")
    else:
        extracted = read_cell_per_line(lines)
    return Extracted(extracted.tables, extracted.text_before, notices + extracted.notices)


def _is_tab_delimited(lines: list[str]) -> bool:
    """Whether TABs separate fields inside lines (TSV) rather than start cells."""
    inner = sum(1 for line in lines if "\t" in line.lstrip("\t").rstrip())
    leading = sum(1 for line in lines if line.startswith("\t") and "\t" not in line[1:].rstrip())
    return inner >= 2 and inner >= leading


def read_cell_per_line(lines: list[str]) -> Extracted:
    """Read the cell-per-line layout into one table (see the module docstring)."""
    first = next((i for i, line in enumerate(lines) if line.startswith("\t")), None)
    if first is None:
        return Extracted(tables=[], text_before=_text_lines(lines))

    groups: list[list[list[str]]] = []  # rows -> cells -> lines
    blank_seen = False
    for line in lines[first:]:
        if line.startswith("\t"):
            if not groups or blank_seen:
                groups.append([])
            groups[-1].append([line[1:]])
            blank_seen = False
        elif not line.strip():
            blank_seen = True
        else:
            # A line without a TAB continues the cell above, even after a blank line.
            groups[-1][-1].append(line)
            blank_seen = False

    cell_rows = [["\n".join(part for part in cell if part.strip()) for cell in g] for g in groups]
    rows, notices = _split_run_on_rows(cell_rows)
    table = RawTable(rows=[RawRow(cells=list(cells)) for cells in rows])
    return Extracted(tables=[table], text_before=_text_lines(lines[:first]), notices=notices)


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
                        "ragged-row",
                        f"a row has {len(group)} cells where the table has {width}: "
                        f"{' | '.join(cell.replace(chr(10), ' ') for cell in group)[:80]}",
                    )
                )
            rows.append(group)
    return rows, notices


def read_delimited(lines: list[str], delimiter: str) -> Extracted:
    """Read a TSV/CSV table; single-field lines above it are the text before the table."""
    records = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    text_before: list[str] = []
    rows: list[RawRow] = []
    for fields in records:
        filled = [f for f in fields if f.strip()]
        if not filled:
            continue
        if not rows and len(filled) <= 1:
            text_before.append(filled[0].strip())
            continue
        rows.append(RawRow(cells=list(fields)))
    tables = [RawTable(rows=rows)] if rows else []
    return Extracted(tables=tables, text_before=text_before)


def _text_lines(lines: list[str]) -> list[str]:
    """The non-blank lines, stripped."""
    return [line.strip() for line in lines if line.strip()]
