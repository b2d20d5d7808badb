"""Stray control characters in a text dump: kept as whitespace, each kind reported.

A text export of a Word table holds a vertical tab where the author typed Shift+Enter
(a manual line break) and a form feed at a page break; a dump that went through other
tools may carry a stray NUL or escape. One such character is no reason to refuse the
file (issue 17): a vertical tab or form feed becomes a line break, any other control
character a space, and one ``control-character`` notice per kind names the lines
(numbered as an editor numbers them) where it was found.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from qingdan.extract.encoding import BAD_CONTROLS
from qingdan.extract.grid import Cell, Extracted, Notice, RawTable
from qingdan.extract.notice_codes import NoticeCode

LINE_BREAKS = {"\x0b": "vertical tab, Word's manual line break", "\x0c": "form feed, a page break"}
"""Control characters that stand for a line break, and what each one is."""
CONTROL_NAMES = {
    "\x00": "NUL", "\x07": "bell", "\x08": "backspace", "\x1b": "escape", "\x7f": "delete",
}  # fmt: skip
"""Names of the other control characters a dump is likely to hold."""
LINES_NAMED = 10
"""The most line numbers one notice lists."""


class ControlCleaner:
    """Stray control characters taken out of a text read a chunk at a time (a large
    dump's text is never made whole, issue 29): ``lines`` gives the cleaned text's lines
    as ``splitlines`` would, ``notices`` (once they are read) one per kind of character."""

    def __init__(self) -> None:
        self._found: dict[str, list[int]] = defaultdict(list)

    def lines(self, chunks: Iterable[str]) -> Iterator[str]:
        """The lines of the text ``chunks`` make up, each stray control a line
        break (``LINE_BREAKS``) or a space; each piece ends after a ``\\n``, where every
        line break ends (a ``\\r\\n`` is never cut)."""
        number, rest = 0, ""
        for chunk in chunks:
            text = rest + chunk
            cut = text.rfind("\n") + 1
            rest = text[cut:]
            yield from self._clean(text[:cut], number)
            number += text.count("\n", 0, cut)
        yield from self._clean(rest, number)

    def _clean(self, text: str, number: int) -> Iterator[str]:
        """The lines of ``text`` (whole lines, the first being line ``number + 1``)."""
        if BAD_CONTROLS.search(text) is None:
            yield from text.splitlines()
            return
        *whole, last = text.split("\n")  # numbered as an editor numbers lines
        for offset, line in enumerate(whole, start=1):
            yield from (self._replaced(line, number + offset) + "\n").splitlines()
        yield from self._replaced(last, number + len(whole) + 1).splitlines()

    def _replaced(self, line: str, number: int) -> str:
        """One line (``number``) with its stray controls replaced and noted."""
        if BAD_CONTROLS.search(line) is None:
            return line
        for char in sorted(set(BAD_CONTROLS.findall(line))):
            self._found[char].append(number)
        return BAD_CONTROLS.sub(lambda m: "\n" if m[0] in LINE_BREAKS else " ", line)

    def notices(self) -> list[Notice]:
        """One notice per kind of control character found in the lines read."""
        return [_notice(char, numbers) for char, numbers in sorted(self._found.items())]


def _notice(char: str, numbers: list[int]) -> Notice:
    code = f"U+{ord(char):04X}"
    what = LINE_BREAKS.get(char) or CONTROL_NAMES.get(char)
    named = ", ".join(map(str, numbers[:LINES_NAMED]))
    more = f" and {len(numbers) - LINES_NAMED} more" if len(numbers) > LINES_NAMED else ""
    where = f"line {named}" if len(numbers) == 1 else f"lines {named}{more}"
    kept = "read as a line break" if char in LINE_BREAKS else "kept as a space"
    label = f"{code} ({what})" if what else code
    return Notice(NoticeCode.CONTROL_CHARACTER, f"control character {label} on {where}: {kept}")


CELL_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters no cell may keep: C0 but TAB, LF and CR, DEL and C1. An XLSX file
cannot hold them (openpyxl refused the whole workbook), and printed to a terminal an
escape sequence can clear the screen or retitle the window (issue 33)."""
PLACES_NAMED = 5
"""The most places (``table 1 row 3``) one cell-control notice names."""


def clean_cells(content: Extracted) -> Extracted:
    """``content`` with control characters taken out of every cell and line of text (a
    vertical tab or form feed becomes a line break), and one ``control-character``
    notice per kind naming where it was; ``content`` itself when there were none."""
    found: dict[str, list[str]] = defaultdict(list)
    tables = [_clean_table(table, found) for table in content.tables]
    lines = [*content.text_before, *content.text_after]
    if not found and not any(_dirty(line) for line in lines):
        return content
    text_before = [_clean(line, "the text above the tables", found) for line in content.text_before]
    text_after = [_clean(line, "the text below the tables", found) for line in content.text_after]
    notices = [_cell_notice(char, places) for char, places in sorted(found.items())]
    return content._replace(
        tables=tables,
        text_before=text_before,
        text_after=text_after,
        notices=[*content.notices, *notices],
    )


def _dirty(text: str) -> bool:
    return CELL_CONTROLS.search(text) is not None


def _clean(text: str, where: str, found: dict[str, list[str]]) -> str:
    if not _dirty(text):
        return text
    for char in sorted(set(CELL_CONTROLS.findall(text))):
        if where not in found[char]:
            found[char].append(where)
    return CELL_CONTROLS.sub(lambda m: "\n" if m[0] in LINE_BREAKS else "", text)


def _clean_table(table: RawTable, found: dict[str, list[str]]) -> RawTable:
    cells_dirty = any(isinstance(c, str) and _dirty(c) for row in table.rows for c in row.cells)
    if not cells_dirty and not any(_dirty(line) for line in table.text_above):
        return table
    rows = []
    for number, row in enumerate(table.rows, start=1):
        where = f"{table.name} row {number}"
        cells: list[Cell] = [
            c if not isinstance(c, str) else _clean(c, where, found) for c in row.cells
        ]
        rows.append(row._replace(cells=cells))
    above = [_clean(line, f"above {table.name}", found) for line in table.text_above]
    return table._replace(rows=rows, text_above=above)


def _cell_notice(char: str, places: list[str]) -> Notice:
    code = f"U+{ord(char):04X}"
    what = LINE_BREAKS.get(char) or CONTROL_NAMES.get(char)
    label = f"{code} ({what})" if what else code
    named = ", ".join(places[:PLACES_NAMED])
    more = f" and {len(places) - PLACES_NAMED} more" if len(places) > PLACES_NAMED else ""
    kept = "read as a line break" if char in LINE_BREAKS else "removed"
    return Notice(
        NoticeCode.CONTROL_CHARACTER, f"control character {label} in {named}{more}: {kept}"
    )
