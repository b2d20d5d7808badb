"""The text a Word 97-2003 file holds, read from its own streams (no LibreOffice).

A ``.doc`` keeps its text in the ``WordDocument`` stream, in pieces the piece table
(``Clx``, in the ``0Table`` or ``1Table`` stream) lists in order: each piece is either
8-bit (cp1252, "compressed") or UTF-16LE. A table cell ends with the cell mark U+0007.
This is enough to tell whether a conversion lost the file's tables (issue 27); the
layout (merges, widths) is not read here.
"""

from __future__ import annotations

import io
import struct
from typing import NamedTuple

import olefile
from qingdan.extract.word_rows import Piece, row_end_marks, row_end_ranges

CELL_MARK = "\x07"
"""Ends each table cell (and each table row) in a Word 97-2003 file's text."""

_FIB_FLAGS = 0x000A
_WHICH_TABLE = 0x0200
_FC_CLX = 0x01A2
_COMPRESSED = 0x40000000
_MAX_TEXT = 50_000_000
"""Characters read at most: a longer text is no task list (and no memory is spent on it)."""


class WordText(NamedTuple):
    """A Word 97-2003 file's text and where its table rows end."""

    text: str
    row_ends: frozenset[int]
    """Positions in ``text`` of the cell marks that end a table row (``word_rows``)."""


def word_text(data: bytes) -> str | None:
    """The text of a Word 97-2003 file, or ``None`` when it is not one (or is damaged)."""
    read = read_word(data)
    return None if read is None else read.text


def read_word(data: bytes) -> WordText | None:
    """The text of a Word 97-2003 file and its row-end marks, or ``None`` when it is not
    one (or is damaged); a file whose paragraph properties cannot be read has none."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                return None
            document = ole.openstream("WordDocument").read()
            (flags,) = struct.unpack_from("<H", document, _FIB_FLAGS)
            table_name = "1Table" if flags & _WHICH_TABLE else "0Table"
            if not ole.exists(table_name):
                return None
            table = ole.openstream(table_name).read()
            stream = ole.openstream("Data").read() if ole.exists("Data") else b""
    except (OSError, struct.error, ValueError):
        return None
    try:
        pieces = _pieces(document, table)
        text = None if pieces is None else _pieces_text(document, pieces)
    except (struct.error, ValueError, UnicodeDecodeError):
        return None
    if pieces is None or text is None:
        return None
    try:
        ends = row_end_marks(text, pieces, row_end_ranges(document, table, stream))
    except (struct.error, ValueError, KeyError, IndexError):
        ends = frozenset()
    return WordText(text, ends)


def _pieces(document: bytes, table: bytes) -> list[Piece] | None:
    fc_clx, lcb_clx = struct.unpack_from("<II", document, _FC_CLX)
    clx = table[fc_clx : fc_clx + lcb_clx]
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers, skipped
        (size,) = struct.unpack_from("<H", clx, at + 1)
        at += 3 + size
    if at >= len(clx) or clx[at] != 0x02:
        return None
    (lcb,) = struct.unpack_from("<I", clx, at + 1)
    plc = clx[at + 5 : at + 5 + lcb]
    count = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}I", plc)
    pieces: list[Piece] = []
    for index in range(count):
        (fc,) = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)
        compressed = bool(fc & _COMPRESSED)
        start = (fc & ~_COMPRESSED) // 2 if compressed else fc
        pieces.append(Piece(cps[index], cps[index + 1], start, compressed))
    return pieces


def _pieces_text(document: bytes, pieces: list[Piece]) -> str | None:
    parts: list[str] = []
    read = 0
    for piece in pieces:
        length = piece.cp_end - piece.cp_start
        read += length
        if length < 0 or read > _MAX_TEXT:
            return None
        if piece.compressed:
            chunk = document[piece.fc : piece.fc + length]
            parts.append(chunk.decode("cp1252", errors="replace"))
        else:
            chunk = document[piece.fc : piece.fc + 2 * length]
            parts.append(chunk.decode("utf-16-le", errors="replace"))
    return "".join(parts)


def table_cells(text: str) -> int:
    """How many table cells (and row ends) a Word 97-2003 text holds."""
    return text.count(CELL_MARK)


class WordTable(NamedTuple):
    """One table read from a Word 97-2003 file's text, and the paragraphs above it."""

    lines_before: list[str]
    rows: list[list[str]]


_IRREGULAR = 1
"""What a row of another width costs a reading (a regular row costs nothing)."""


def word_table(
    text: str, row_ends: frozenset[int] = frozenset(), widest: int = 16
) -> WordTable | None:
    """The one table of a Word 97-2003 text, or ``None``. Each row is its cells, each
    ended by a cell mark, and a row-end mark (a cell mark of its own). The file's
    paragraph properties say which marks end rows (``row_ends``, ``extract.word_rows``);
    without them an empty cell's mark looks like a row's end, and the cut is the one
    that leaves the fewest rows of another width than the table's (merged rows: a
    section row, a header cell spanning columns), regular rows outnumbering them."""
    first = text.find(CELL_MARK)
    if first < 0:
        return None
    start = text.rfind("\r", 0, first) + 1
    cut = _rows_at_marks(text, start, row_ends) if row_ends else _rows_by_width(text, start, widest)
    if cut is None or len(cut) < 2:
        return None
    rows = [[cell.replace("\r", "\n").strip() for cell in row] for row in cut]
    before = [line.strip() for line in text[:start].split("\r") if line.strip()]
    return WordTable(before, rows)


def _rows_at_marks(text: str, start: int, row_ends: frozenset[int]) -> list[list[str]]:
    rows: list[list[str]] = []
    cells: list[str] = []
    at = start
    for cp in range(start, len(text)):
        if text[cp] != CELL_MARK:
            continue
        if cp in row_ends:
            rows.append(cells)
            cells = []
        else:
            cells.append(text[at:cp])
        at = cp + 1
    return rows


def _rows_by_width(text: str, start: int, widest: int) -> list[list[str]] | None:
    tokens = text[start : text.rfind(CELL_MARK) + 1].split(CELL_MARK)[:-1]
    best: tuple[int, list[list[str]]] | None = None
    for width in range(2, min(widest, len(tokens) // 2) + 1):
        cut = _rows(tokens, width)
        if cut is None:
            continue
        irregular = sum(len(row) != width for row in cut)
        if irregular * 2 < len(cut) and (best is None or irregular < best[0]):
            best = (irregular, cut)
    return None if best is None else best[1]


def _rows(tokens: list[str], width: int) -> list[list[str]] | None:
    """The cut of ``tokens`` into rows of ``width`` cells (each followed by an empty
    row-end token) with the fewest rows of another width, or ``None`` where none fits."""
    size = len(tokens)
    cost: list[int | None] = [None] * (size + 1)
    back = [0] * (size + 1)
    cost[0] = 0
    for at in range(size):
        here = cost[at]
        if here is None:
            continue
        for cells in range(1, width + 1):
            stop = at + cells
            if stop >= size or tokens[stop]:
                continue
            step = here + (0 if cells == width else _IRREGULAR)
            after = cost[stop + 1]
            if after is None or step < after:
                cost[stop + 1], back[stop + 1] = step, at
    if cost[size] is None:
        return None
    rows: list[list[str]] = []
    at = size
    while at:
        rows.append(tokens[back[at] : at - 1])
        at = back[at]
    return rows[::-1]
