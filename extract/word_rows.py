"""Where a Word 97-2003 file's table rows end, from its paragraph properties.

In a ``.doc`` file's text a table cell ends with a cell mark (U+0007) and so does each
row; a row's end mark is told from an empty cell's mark only by its paragraph
properties: the paragraph it ends is a "table terminating paragraph" (``sprmPFTtp``,
or ``sprmPFInnerTtp`` in a nested table). Those properties are in the file's PAPX
pages (``PlcfBtePapx`` in the table stream lists them, each a 512-byte page of the
``WordDocument`` stream mapping file offsets to properties; [MS-DOC] 2.8.25, 2.9.175).
With them a table whose rows differ in width (a section row merged across, a header
cell spanning columns) is cut into its rows exactly (issue 27, seed 5407's ``.doc``
files).
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

_FC_PLCF_BTE_PAPX = 0x0102
_PAGE = 512
_TTP = {0x2417, 0x244C}
"""``sprmPFTtp`` and ``sprmPFInnerTtp``: the paragraph ends a table row."""
_OPERAND_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
"""Operand size by the sprm's ``spra`` (its top three bits); 6: the size comes first."""
_TABLE_DEFINITION = 0xD608
"""``sprmTDefTable``: a variable operand whose size takes two bytes."""
_HUGE_PAPX = 0x6646
"""``sprmPHugePapx``: the properties are in the ``Data`` stream, at the operand's offset
(a row's end carries its table's definition there: LibreOffice writes it so)."""


class Piece(NamedTuple):
    """One run of the text: its character positions and where its bytes are."""

    cp_start: int
    cp_end: int
    fc: int
    """Byte offset of its first character in the ``WordDocument`` stream."""
    compressed: bool
    """One byte per character (cp1252) instead of two (UTF-16LE)."""

    def fc_of(self, cp: int) -> int:
        """The byte offset of character ``cp`` (inside the piece)."""
        return self.fc + (cp - self.cp_start) * (1 if self.compressed else 2)


def row_end_ranges(document: bytes, table: bytes, data: bytes) -> list[tuple[int, int]]:
    """The byte ranges of the ``WordDocument`` stream whose paragraphs end a table row
    (``data``: the file's ``Data`` stream, empty when it has none)."""
    fc, lcb = struct.unpack_from("<II", document, _FC_PLCF_BTE_PAPX)
    plc = table[fc : fc + lcb]
    count = (len(plc) - 4) // 8
    pages = struct.unpack_from(f"<{count}I", plc, 4 * (count + 1)) if count > 0 else ()
    ranges: list[tuple[int, int]] = []
    for entry in pages:
        start = (entry & 0x3FFFFF) * _PAGE
        page = document[start : start + _PAGE]
        if len(page) == _PAGE:
            ranges.extend(_page_row_ends(page, data))
    return ranges


def _page_row_ends(page: bytes, data: bytes) -> Iterator[tuple[int, int]]:
    runs = page[-1]
    bounds = struct.unpack_from(f"<{runs + 1}I", page)
    for run in range(runs):
        offset = page[4 * (runs + 1) + 13 * run] * 2
        if offset and _ends_row(page, offset, data):
            yield bounds[run], bounds[run + 1]


def _ends_row(page: bytes, offset: int, data: bytes) -> bool:
    """Whether the PAPX at ``offset`` of a page sets a table-terminating paragraph."""
    size = page[offset]
    start = offset + 1
    if size == 0:
        size, start = page[offset + 1] * 2, offset + 2
    else:
        size = size * 2 - 1
    grpprl = page[start + 2 : start + size]  # after the style index
    for opcode, value in _sprms(grpprl):
        if opcode == _HUGE_PAPX and len(value) == 4:
            (at,) = struct.unpack("<I", value)
            (length,) = struct.unpack_from("<H", data, at)
            grpprl = data[at + 2 : at + 2 + length]
            break
    return any(opcode in _TTP and value[:1] == b"\x01" for opcode, value in _sprms(grpprl))


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    at = 0
    while at + 2 <= len(grpprl):
        (opcode,) = struct.unpack_from("<H", grpprl, at)
        at += 2
        spra = opcode >> 13
        if spra != 6:
            size = _OPERAND_SIZES[spra]
        elif opcode == _TABLE_DEFINITION and at + 2 <= len(grpprl):
            (size,) = struct.unpack_from("<H", grpprl, at)
            size, at = size - 1, at + 2
        else:
            size, at = grpprl[at] if at < len(grpprl) else 0, at + 1
        yield opcode, grpprl[at : at + size]
        at += size


def row_end_marks(text: str, pieces: list[Piece], ranges: list[tuple[int, int]]) -> frozenset[int]:
    """The character positions of the text's cell marks that end a table row."""
    marks = [cp for cp, char in enumerate(text) if char == "\x07"]
    ends: set[int] = set()
    ordered = sorted(ranges)
    for piece in pieces:
        for cp in marks:
            if piece.cp_start <= cp < piece.cp_end and _inside(piece.fc_of(cp), ordered):
                ends.add(cp)
    return frozenset(ends)


def _inside(fc: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``fc`` lies in one of the sorted, non-overlapping ``ranges``."""
    at = bisect_right(ranges, (fc, float("inf"))) - 1
    return at >= 0 and ranges[at][0] <= fc < ranges[at][1]
