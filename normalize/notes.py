"""Notes about a task table: kept as warnings, never read as tasks or sections.

Lists often end with a merged row such as "注：1.……；2.……" (the openers are data:
``data/notes.toml``). Read as a full-width row it would become a section with no task,
and read cell by cell a record whose category is the note; it is neither. A text dump
prints a note paragraph under the table as lines that continue the last cell (its
reader cannot tell them apart): lines of the last row's cells from a note opener on
are the note.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from qingdan.extract.grid import Cell, cell_text
from qingdan.normalize.layout import GridRow
from qingdan.normalize.model import TaskWarning
from qingdan.normalize.script import NUMERAL_CHARS
from qingdan.normalize.text import join_wrapped_lines, squeeze


class NoteWords(NamedTuple):
    """How a note about the table starts (``data/notes.toml`` plus a user's file)."""

    start: re.Pattern[str]
    """An opener (注, 说明 …), an optional number, then a colon."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> NoteWords:
        """The note openers from the mapping of ``data/notes.toml``."""
        openers = sorted(data["openers"], key=len, reverse=True)
        words = "|".join(map(re.escape, openers))
        return cls(re.compile(rf"^(?:{words})\s*[0-9０-９{NUMERAL_CHARS}]*\s*[：:]"))


def note_text(row: GridRow, words: NoteWords) -> str | None:
    """The row's text when the row is a note about the table, else ``None``."""
    texts = {join_wrapped_lines(cell) for cell in row.cells if cell_text(cell).strip()}
    if len(texts) != 1:
        return None
    text = texts.pop()
    return text if words.start.match(squeeze(text)) else None


def split_note_rows(
    rows: list[GridRow], words: NoteWords, text_below_may_join: bool = False
) -> tuple[list[GridRow], list[TaskWarning]]:
    """The rows without note rows (and, where the reader may run the text under the
    table into the last row: ``ReaderTraits.text_below_may_join_table``, without a note
    run into its cells), and a ``table-note`` warning quoting each note."""
    kept: list[GridRow] = []
    warnings: list[TaskWarning] = []
    for row in rows:
        text = note_text(row, words)
        if text is None:
            kept.append(row)
        else:
            warnings.append(_warning(text, row.page))
    if kept and text_below_may_join:
        cells, notes = _trailing_notes(kept[-1].cells, words)
        if notes:
            kept[-1] = kept[-1]._replace(cells=cells)
            warnings.extend(_warning(note, kept[-1].page) for note in notes)
    return kept, warnings


def _warning(text: str, page: int | None) -> TaskWarning:
    return TaskWarning("table-note", f"note in the table: {text}", None, page)


def _trailing_notes(cells: list[Cell], words: NoteWords) -> tuple[list[Cell], list[str]]:
    """The cells with any lines from a note opener on cut off, and the notes cut.

    A note may start a cell's second line or later; it may also be the whole of the
    row's last cell (a dump runs the paragraph under the table into an empty cell).
    """
    kept: list[Cell] = []
    notes: list[str] = []
    last = max((i for i, cell in enumerate(cells) if isinstance(cell, str)), default=-1)
    for col, cell in enumerate(cells):
        lines = cell.split("\n") if isinstance(cell, str) else []
        first = 0 if col == last else 1
        start = next(
            (i for i, line in enumerate(lines) if i >= first and words.start.match(squeeze(line))),
            None,
        )
        if start is None:
            kept.append(cell)
            continue
        kept.append("\n".join(lines[:start]).rstrip())
        notes.append(join_wrapped_lines("\n".join(lines[start:])))
    return kept, notes
