"""Note rows inside a task table: kept as warnings, never read as tasks or sections.

Lists often end with a merged row such as "注：1.……；2.……" (the openers are data:
``data/notes.toml``). Read as a full-width row it would become a section with no task,
and read cell by cell a record whose category is the note; it is neither.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qingdan.extract.grid import cell_text
from qingdan.normalize.knowledge import builtin
from qingdan.normalize.layout import GridRow
from qingdan.normalize.model import TaskWarning
from qingdan.normalize.text import join_wrapped_lines, squeeze


@lru_cache(maxsize=1)
def _note_start() -> re.Pattern[str]:
    openers = sorted(builtin("notes.toml")["openers"], key=len, reverse=True)
    words = "|".join(map(re.escape, openers))
    return re.compile(rf"^(?:{words})\s*[0-9０-９一二三四五六七八九十]*\s*[：:]")


def note_text(row: GridRow) -> str | None:
    """The row's text when the row is a note about the table, else ``None``."""
    texts = {join_wrapped_lines(cell) for cell in row.cells if cell_text(cell).strip()}
    if len(texts) != 1:
        return None
    text = texts.pop()
    return text if _note_start().match(squeeze(text)) else None


def split_note_rows(rows: list[GridRow]) -> tuple[list[GridRow], list[TaskWarning]]:
    """The rows without note rows, and a ``table-note`` warning quoting each note."""
    kept: list[GridRow] = []
    warnings: list[TaskWarning] = []
    for row in rows:
        text = note_text(row)
        if text is None:
            kept.append(row)
        else:
            warnings.append(TaskWarning("table-note", f"note in the table: {text}", None, row.page))
    return kept, warnings
