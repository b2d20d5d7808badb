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

CELL_MARK = "\x07"
"""Ends each table cell (and each table row) in a Word 97-2003 file's text."""

_FIB_FLAGS = 0x000A
_WHICH_TABLE = 0x0200
_FC_CLX = 0x01A2
_COMPRESSED = 0x40000000
_MAX_TEXT = 50_000_000
"""Characters read at most: a longer text is no task list (and no memory is spent on it)."""


def word_text(data: bytes) -> str | None:
    """The text of a Word 97-2003 file, or ``None`` when it is not one (or is damaged)."""
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
    except (OSError, struct.error, ValueError):
        return None
    try:
        return _pieces_text(document, table)
    except (struct.error, ValueError, UnicodeDecodeError):
        return None


def _pieces_text(document: bytes, table: bytes) -> str | None:
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
    parts: list[str] = []
    read = 0
    for index in range(count):
        length = cps[index + 1] - cps[index]
        (fc,) = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)
        read += length
        if length < 0 or read > _MAX_TEXT:
            return None
        if fc & _COMPRESSED:
            start = (fc & ~_COMPRESSED) // 2
            parts.append(document[start : start + length].decode("cp1252", errors="replace"))
        else:
            parts.append(document[fc : fc + 2 * length].decode("utf-16-le", errors="replace"))
    return "".join(parts)


def table_cells(text: str) -> int:
    """How many table cells (and row ends) a Word 97-2003 text holds."""
    return text.count(CELL_MARK)


class WordTable(NamedTuple):
    """One table read from a Word 97-2003 file's text, and the paragraphs above it."""

    lines_before: list[str]
    rows: list[list[str]]


def word_table(text: str, widest: int = 40) -> WordTable | None:
    """The one table of a Word 97-2003 text whose rows all have the same number of
    cells, or ``None``. Each row is its cells, each ended by a cell mark, and a row-end
    mark (a cell mark of its own); an empty cell is a cell mark alone too, so the width
    is the one that puts an empty token at every row's end."""
    first = text.find(CELL_MARK)
    if first < 0:
        return None
    start = text.rfind("\r", 0, first) + 1
    end = text.rfind(CELL_MARK) + 1
    tokens = text[start:end].split(CELL_MARK)[:-1]
    for width in range(2, min(widest, len(tokens) // 2)):
        step = width + 1  # and two rows at least: a header and a row
        if len(tokens) % step or any(tokens[i + width] for i in range(0, len(tokens), step)):
            continue
        rows = [
            [cell.replace("\r", "\n").strip() for cell in tokens[i : i + width]]
            for i in range(0, len(tokens), step)
        ]
        before = [line.strip() for line in text[:start].split("\r") if line.strip()]
        return WordTable(before, rows)
    return None
