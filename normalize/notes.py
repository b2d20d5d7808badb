"""Notes about a task table: kept as warnings, never read as tasks or sections.

Lists often end with a merged row such as "注：1.……；2.……" (the openers are data:
``data/notes.toml``), or with a signature line ("制表人：…　审核人：…", "填报单位：…
联系人：…": its labels are data too). Read as a full-width row it would become a
section with no task, and read cell by cell a record whose category is the note; it is
neither. A text dump
prints a note paragraph under the table as lines that continue the last cell (its
reader cannot tell them apart): lines of the last row's cells from a note opener on
are the note.

A note may also change how the responsibility cells read: "列第一位的为牵头单位" (in a
cell, or under the header for the whole table) says the first-named unit leads and the
rest support; with "下同" it holds for every later row as well (``read_lead_note``).
The words are data: ``first_leads`` in ``data/responsibility.toml``.

A Word, PDF or web-page reader gives the paragraphs under the last table apart from it
(``Extracted.text_after``): each note there is quoted in a ``table-note`` warning
(``notes_under_table``), and one saying the first-named unit leads holds for the whole
table, as one under the header does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from qingdan.extract.grid import Cell, cell_text
from qingdan.normalize.layout import GridRow
from qingdan.normalize.lead_notes import read_lead_note
from qingdan.normalize.model import TaskWarning
from qingdan.normalize.script import NUMERAL_CHARS
from qingdan.normalize.text import join_wrapped_lines, squeeze
from qingdan.normalize.warning_codes import NormalizeCode


class NoteWords(NamedTuple):
    """How a note about the table starts (``data/notes.toml`` plus a user's file)."""

    start: re.Pattern[str]
    """An opener (注, 说明 …), an optional number, then a colon."""
    signature: re.Pattern[str]
    """A signature label (制表人, 联系人 …), then a colon."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> NoteWords:
        """The note openers and signature labels from the mapping of ``data/notes.toml``."""
        openers = sorted(data["openers"], key=len, reverse=True)
        words = "|".join(map(re.escape, openers))
        labels = "|".join(map(re.escape, sorted(data["signatures"], key=len, reverse=True)))
        return cls(
            re.compile(rf"^(?:{words})\s*[0-9０-９{NUMERAL_CHARS}]*\s*[：:]"),
            re.compile(rf"^(?:{labels})\s*[：:]"),
        )


FirstLeads = Mapping[str, list[str]]
"""The words of a note naming the leading position (``first_leads`` in
``data/responsibility.toml``: ``Knowledge.responsibility.first_leads``)."""


def says_first_leads(lines: Iterable[str], words: NoteWords, first_leads: FirstLeads) -> bool:
    """Whether a line standing alone (under the header, above the table) is a note
    saying the first-named unit leads: it then holds for the whole table."""
    for line in lines:
        found = read_lead_note(line, first_leads)
        if found is not None and not words.start.sub("", squeeze(found.text)):
            return True
    return False


def note_text(row: GridRow, words: NoteWords, first_leads: FirstLeads) -> str | None:
    """The row's text when the row is a note about the table or a signature line under
    it (every filled cell opens with a signature label: 制表人：…　审核人：…), else
    ``None``."""
    filled = [cell_text(cell).strip() for cell in row.cells if cell_text(cell).strip()]
    if filled and all(words.signature.match(squeeze(text)) for text in filled):
        return "　".join(dict.fromkeys(filled))
    text = _only_text(row)
    if text is None:
        return None
    if words.start.match(squeeze(text)) or says_first_leads([text], words, first_leads):
        return text
    return None


def table_says_first_leads(rows: list[GridRow], words: NoteWords, first_leads: FirstLeads) -> bool:
    """Whether a row holding only a note says the first-named unit leads ("注：列第一位的
    为牵头单位", under the header): the whole table reads so."""
    texts = (text for row in rows if (text := _only_text(row)) is not None)
    return says_first_leads(texts, words, first_leads)


def _only_text(row: GridRow) -> str | None:
    """The row's one text when all its filled cells hold the same text."""
    texts = {join_wrapped_lines(cell) for cell in row.cells if cell_text(cell).strip()}
    return texts.pop() if len(texts) == 1 else None


def split_note_rows(
    rows: list[GridRow],
    words: NoteWords,
    first_leads: FirstLeads,
    text_below_may_join: bool = False,
) -> tuple[list[GridRow], list[TaskWarning]]:
    """The rows without note rows (and, where the reader may run the text under the
    table into the last row: ``ReaderTraits.text_below_may_join_table``, without a note
    run into its cells), and a ``table-note`` warning quoting each note."""
    kept: list[GridRow] = []
    warnings: list[TaskWarning] = []
    for row in rows:
        text = note_text(row, words, first_leads)
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
    return TaskWarning(NormalizeCode.TABLE_NOTE, f"note in the table: {text}", None, page)


def notes_under_table(
    lines: Iterable[str], words: NoteWords, first_leads: FirstLeads
) -> list[TaskWarning]:
    """A ``table-note`` warning quoting each note a reader found under the last table
    (``Extracted.text_after``: a Word, PDF or web page's paragraphs there), as a text
    dump's note run into the last row is quoted: a note (注：…), a signature line
    (制表人：…) or a note naming the leading position. Other lines there are the
    document's closing lines (its 落款, read by ``document_info``), not notes."""
    warnings = []
    for line in lines:
        key = squeeze(line)
        if (
            words.start.match(key)
            or words.signature.match(key)
            or says_first_leads([line], words, first_leads)
        ):
            message = f"note under the table: {line.strip()}"
            warnings.append(TaskWarning(NormalizeCode.TABLE_NOTE, message))
    return warnings


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


def rows_led_by_first(
    rows: Iterable[GridRow], columns: list[int], whole_table: bool, first_leads: FirstLeads
) -> Iterator[tuple[GridRow, bool]]:
    """Each row with whether a note above it says the first-named unit leads: a note of
    the whole table (``whole_table``), or a "下同" note in an earlier row's responsibility
    cell (``columns``). A row's own note is read with its cell (``split_responsibility``).
    The rows are read one at a time as they are settled (issue 29)."""
    on = whole_table
    for row in rows:
        yield row, on
        for col in columns:
            cell = cell_text(row.cells[col]) if col < len(row.cells) else None
            note = read_lead_note(cell, first_leads) if cell is not None else None
            on = on or (note is not None and note.forward)
