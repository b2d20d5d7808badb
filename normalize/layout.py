"""Layout steps: from raw tables to the rows of one task list, as a person sees it.

Each step is a pure function over ``GridRow`` lists; ``normalize.normalize`` chains
them: collect the task tables -> drop repeated headers -> mark section rows ->
carry merged cells forward.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from qingdan.extract.grid import (
    Cell,
    Covered,
    Foot,
    RawRow,
    RawTable,
    ReaderTraits,
    cell_text,
    is_covered,
)
from qingdan.normalize.columns import ColumnSynonyms
from qingdan.normalize.header import Header, find_header, looks_like_header
from qingdan.normalize.model import Place, TaskWarning
from qingdan.normalize.places import Places, Printed, RowPlaces, with_place
from qingdan.normalize.roles import Blank, Role, columns_where, traits
from qingdan.normalize.sections import first_cell_heading
from qingdan.normalize.text import join_wrapped_lines, squeeze
from qingdan.normalize.warning_codes import NormalizeCode

_FULL_ROWS = ReaderTraits()
"""A reader whose rows are whole (a Word, PDF or spreadsheet reader's; the default)."""


def places_at(row: GridRow, col: int) -> tuple[Place, ...]:
    """Where the text of the row's cell in ``col`` was printed (none past the row)."""
    if col >= len(row.places):
        return ()
    found = row.places[col]
    return (found,) if isinstance(found, Place) else found


class GridRow(NamedTuple):
    """A table row on its way to becoming a record, its cells aligned to the header."""

    cells: list[Cell]
    page: int | None = None
    repeats_as_header: bool = False
    section: str | None = None
    starts_page: bool = False
    """A page break falls just above this row (see ``normalize.page_breaks``)."""
    at_foot: tuple[Foot, ...] | None = None
    """The reader's evidence for the last row on a page (``RawRow.at_foot``)."""
    confidence: tuple[float | None, ...] | None = None
    """Per column, how sure OCR was of the cell (``RawRow.confidence``); None unless OCR."""
    places: Places = ()
    """Per column, where its text was printed (``Place``); empty for a row the reader
    did not give (a numbered paragraph)."""


class TaskRows(NamedTuple):
    """The rows of one task list (possibly stitched from several tables) and its header."""

    header: Header
    rows: list[GridRow]
    warnings: list[TaskWarning]
    first_table: RawTable | None = None
    """The first table of the list (the text above it names the list)."""


def _aligned(cells: list[Cell], width: int, may_span: bool = False) -> list[Cell]:
    """Cells padded to the header's width; extra cells are kept (they go to ``extra``).

    Where the reader says a short row may be a merge printed once
    (``ReaderTraits.short_row_may_span``: a text dump), a lone cell in a wider table
    spans the table, so it is padded with cells covered from the left, not blank ones.
    """
    if len(cells) >= width:
        return cells
    filler: Cell = Covered.LEFT if may_span and len(cells) == 1 else ""
    return [*cells, *([filler] * (width - len(cells)))]


def collect_task_rows(
    tables: list[RawTable],
    synonyms: ColumnSynonyms,
    guess: Callable[[RawTable], Header | None] | None = None,
    reader: ReaderTraits = _FULL_ROWS,
    located: bool = True,
) -> TaskRows | None:
    """The rows of the task list in a document, or ``None`` when no table has a task header.

    Tables that repeat the first task table's header, or that have no header but the
    same width right after a task table (a table continued on the next page), are
    stitched into one list; any other table is skipped with a warning naming it. The
    reader's traits say whether a short row may be a merge printed once.
    ``guess`` finds a header by other means where no header is found by its labels
    (``header.ContentGuess``), until the first one is found. Each row knows where its
    cells were printed (``GridRow.places``) unless the tables are not the reader's
    (``located`` false: numbered paragraphs laid out as a table).
    """
    may_span = reader.short_row_may_span
    header: Header | None = None
    rows: list[GridRow] = []
    warnings: list[TaskWarning] = []
    previous_was_task = False
    first_table: RawTable | None = None
    for index, table in enumerate(tables):
        found = find_header(table, synonyms, may_span)
        if found is None and header is None and guess is not None:
            found = guess(table)
        if header is None and found is not None:
            header, start = found, found.row_index + 1
            first_table = table
        elif header is not None and found is not None and found.hints == header.hints:
            start = found.row_index + 1
        elif (
            header is not None
            and found is None
            and previous_was_task
            and (table.width == len(header.hints))
        ):
            start = 0
        else:
            previous_was_task = False
            if table.rows:
                warnings.append(
                    TaskWarning(
                        NormalizeCode.SKIPPED_TABLE, f"{table.name} is not a task table; skipped"
                    )
                )
            continue
        previous_was_task = True
        warnings += _rows_above_header(table, start, found.height if found else 1)
        width = len(header.hints)
        # A header repeated at the top of a page is skipped: its page break moves down.
        page_break = any(raw.starts_page for raw in table.rows[:start])
        for number, raw in enumerate(table.rows[start:], start=start):
            place = (index, number) if located else None
            rows.append(_grid_row(raw, width, may_span, raw.starts_page or page_break, place))
            page_break = False
    if header is None:
        return None
    return TaskRows(header, rows, warnings, first_table)


def _grid_row(
    raw: RawRow, width: int, may_span: bool, starts_page: bool, place: tuple[int, int] | None
) -> GridRow:
    """A raw row aligned to the header's width; ``place`` is its (table, row) index."""
    # The reader's own list where it is wide enough, not a copy: no step changes a row's
    # cells in place (each makes new ones), and a 100 MB dump's rows are held beside
    # the raw grid until the first record (issue 29).
    own = raw.cells if isinstance(raw.cells, list) else list(raw.cells)
    cells = _aligned(own, width, may_span)
    foot = None if raw.at_foot is None else _aligned_feet(raw.at_foot, len(cells))
    sure = None if raw.confidence is None else _aligned_scores(raw.confidence, len(cells))
    places: Places = ()
    if place is not None:
        printed = sum(
            1 << col
            for col, cell in enumerate(cells)
            if isinstance(cell, str) and col < len(raw.cells)
        )
        places = RowPlaces(*place, raw.page, raw.boxes, printed, len(cells))
    return GridRow(
        cells,
        raw.page,
        raw.repeats_as_header,
        starts_page=starts_page,
        at_foot=foot,
        confidence=sure,
        places=places,
    )


def _aligned_feet(feet: tuple[Foot, ...], width: int) -> tuple[Foot, ...]:
    """Per-column evidence cut or padded (with ``Foot.CLEAR``) to the row's width."""
    return (*feet[:width], *([Foot.CLEAR] * (width - len(feet))))


def _aligned_scores(scores: tuple[float | None, ...], width: int) -> tuple[float | None, ...]:
    """Per-column OCR confidence cut or padded (with ``None``) to the row's width."""
    return (*scores[:width], *([None] * (width - len(scores))))


def _rows_above_header(table: RawTable, start: int, header_height: int) -> list[TaskWarning]:
    """A warning carrying the text of each row above a table's header (a title, a note).

    Such rows are not tasks; the property tests (issue 8) found them dropped silently.
    """
    warnings: list[TaskWarning] = []
    for row in table.rows[: max(start - header_height, 0)]:
        text = " | ".join(join_wrapped_lines(c) for c in row.cells if cell_text(c).strip())
        if text:
            message = f"{table.name}: row above the header skipped: {text}"
            warnings.append(TaskWarning(NormalizeCode.SKIPPED_ROWS, message, None, row.page))
    return warnings


def drop_repeated_headers(
    rows: list[GridRow], header: Header, synonyms: ColumnSynonyms
) -> list[GridRow]:
    """Rows without the header repeated at page breaks (by its labels or its repeat mark).

    A dropped header's page break passes to the row after it.
    """
    kept: list[GridRow] = []
    page_break = False
    for row in rows:
        if (
            row.repeats_as_header
            or header.matches(row.cells)
            or looks_like_header(row.cells, synonyms)
        ):
            page_break = page_break or row.starts_page
            continue
        kept.append(row._replace(starts_page=True) if page_break else row)
        page_break = False
    return kept


def _section_text(cells: list[Cell]) -> str | None:
    """The text of a section row (one cell across the width), or ``None``."""
    present = [cell for cell in cells if isinstance(cell, str)]
    if len({squeeze(cell) for cell in present if cell.strip()}) != 1:
        return None  # cheap test first: this runs on every row
    texts = {join_wrapped_lines(cell) for cell in present if cell.strip()}
    if len(texts) != 1 or len(cells) < 2:
        return None
    if any(cell is Covered.ABOVE for cell in cells):
        return None  # a cell merged from the row above: a task's row (no merge spans a section)
    if heading := first_cell_heading(cells):
        return heading
    text = texts.pop()
    if len(present) == 1 or all(join_wrapped_lines(cell) == text for cell in present):
        return text
    return None


def mark_sections(rows: list[GridRow]) -> list[GridRow]:
    """Rows with ``section`` set from the section row above them; section rows removed.

    A section row is a single cell spanning the table (the other cells covered), a
    row whose cells all repeat one text (a merged cell copied by the reader), or a
    heading alone in the first cell (``normalize.sections``).
    """
    marked: list[GridRow] = []
    section: str | None = None
    for row in rows:
        text = _section_text(row.cells)
        if text is not None:
            section = text
            continue
        marked.append(row if row.section == section else row._replace(section=section))
    return marked


def section_texts(rows: list[GridRow]) -> list[str]:
    """The text of every section row, in order (to account for sections with no task)."""
    return [text for row in rows if (text := _section_text(row.cells)) is not None]


def carry_forward(
    rows: list[GridRow],
    roles: Sequence[Role | None],
    blank_may_be_merged: bool = False,
    printed_once: Sequence[int] | None = None,
) -> list[GridRow]:
    """Fill cells covered from above by a merged cell with the text above them.

    A position covered from the left stays covered: its text is the cell's to the
    left, and counting it again in its own column would give, say, a supporting
    department the lead's names (a Word row whose one cell spans 牵头 and 配合).
    A blank cell takes the text above only where its role says a blank continues
    (``normalize.roles.Blank``): a grouping column's blank continues the group (an
    author who did not merge, or a text dump that prints a merged cell once); a
    序号's blank continues when the row continues its group or the reader says a
    blank may be a merge (``blank_may_be_merged``). Nothing is carried across a
    section row (a merged cell cannot span one).
    """
    if printed_once is None:
        printed_once = printed_once_per_group(rows, roles, blank_may_be_merged)
    return list(carried(rows, roles, blank_may_be_merged, printed_once))


def carried(
    rows: Iterable[GridRow],
    roles: Sequence[Role | None],
    blank_may_be_merged: bool,
    printed_once: Sequence[int],
) -> Iterator[GridRow]:
    """``carry_forward`` one row at a time: each row is settled from the row above it
    alone, so a long list's carried rows need not be held whole (issue 29)."""
    groups = _group_columns(roles)
    blanks = _blank_meanings(roles, printed_once)
    above: list[Cell | None] = [None] * len(roles)
    above_places: Places = ()
    section: str | None = None
    for row in rows:
        if row.section != section:
            above, section = [None] * len(roles), row.section
        cells = list(row.cells)
        places = row.places
        continues_group = bool(groups) and all(_continues(cells[col]) for col in groups)
        for col, cell in enumerate(cells[: len(roles)]):
            blank = not is_covered(cell) and not cell_text(cell).strip()
            inherits = cell is Covered.ABOVE or (
                blank
                and (
                    blanks[col] is Blank.CONTINUES
                    or (
                        blanks[col] is Blank.CONTINUES_WITH_GROUP
                        and (continues_group or blank_may_be_merged)
                    )
                )
            )
            inherited = above[col]
            if inherits and inherited is not None:
                cells[col] = inherited
                places = with_place(places, col, _above(above_places, col))
        yield row._replace(cells=cells, places=places)
        above, above_places = list[Cell | None](cells), places


def _above(places: Places, col: int) -> Printed:
    """Where the text carried down into ``col`` was printed (the merged cell's origin)."""
    return places[col] if col < len(places) else ()


def _blank_meanings(roles: Sequence[Role | None], printed_once: Sequence[int]) -> list[Blank]:
    """What a blank cell of each column means (``RoleTraits.blank``); a column printed once
    per group (``printed_once_per_group``) continues with its group."""
    blanks = [traits(role).blank for role in roles]
    for col in printed_once:
        blanks[col] = Blank.CONTINUES_WITH_GROUP
    return blanks


def printed_once_per_group(
    rows: list[GridRow], roles: Sequence[Role | None], may_be_merged: bool
) -> list[int]:
    """The columns ``carry_forward`` carries down each group although their blanks mean
    blank elsewhere: the reader says a blank may be a merge (a text dump prints a merged
    cell once), and the column's cells are printed exactly where a group opens and blank
    wherever it goes on (备注, 牵头单位 or 完成时限 merged over each category's rows)."""
    return _printed_once_per_group(rows, roles, _group_columns(roles), may_be_merged)


def _printed_once_per_group(
    rows: list[GridRow], roles: Sequence[Role | None], groups: list[int], may_be_merged: bool
) -> list[int]:
    if not may_be_merged or not groups:
        return []
    opens = [not all(_continues(row.cells[col]) for col in groups) for row in rows]
    if all(opens):
        return []
    found = []
    for col, role in enumerate(roles):
        kind = traits(role)
        if not kind.task_text and kind.blank is Blank.BLANK:
            printed = [bool(cell_text(row.cells[col]).strip()) for row in rows]
            if printed == opens:
                found.append(col)
    return found


def _group_columns(roles: Sequence[Role | None]) -> list[int]:
    """The columns whose blank or merged cell says a row continues the group above:
    those of the innermost grouping level present (``RoleTraits.group_level``: the
    category, else a section column; a 序号 numbers the top grouping level)."""
    levels = sorted({level for role in roles if (level := traits(role).group_level)})
    if not levels:
        return []
    return columns_where(roles, lambda kind: kind.group_level == levels[0])


def _continues(cell: Cell) -> bool:
    """Whether a grouping cell continues the group above it (covered or blank)."""
    return cell is Covered.ABOVE or not cell_text(cell).strip()
