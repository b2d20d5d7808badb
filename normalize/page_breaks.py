"""Page-break steps: mend what a page break does to a table printed over several pages.

When a table runs over pages (PDF, issue 4, 15), a page break can cut a row in two: the
measure ends mid-sentence at the foot of one page and the first row of the next page
holds the rest, with the rest of any other cell the break cut (a department list, a
wrapped department name, ``2020年12`` / ``月``). A merged category cell is cut too: its
text is printed in one part or split over both (``土壤污染`` / ``源头管控``), and so is a
section row. These steps use what the rows carry, never the file format:

* ``GridRow.starts_page`` (a break falls above the row);
* where the reader knows it, ``GridRow.at_foot`` on the last row of a page: per column,
  whether the cell's text runs down to the table's foot (only such a cell can go on
  on the next page) and whether it starts lower than the cell's top (a centred text
  the break cut);
* the cells' text: 序号 (a number starts a task), which of a task's own cells are blank,
  whether the measure above ends a sentence.

Each step is a pure function over rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from itertools import zip_longest

from qingdan.extract.grid import Cell, Covered, Foot, cell_text
from qingdan.normalize.layout import GridRow, places_at
from qingdan.normalize.model import Place
from qingdan.normalize.places import Places, with_place
from qingdan.normalize.roles import Blank, Role, columns_where, traits
from qingdan.normalize.script import (
    CLOSERS,
    LIST_SEPARATORS,
    NUMERAL,
    NUMERAL_CHARS,
    SENTENCE_ENDS,
)
from qingdan.normalize.text import join_wrapped_lines

Roles = Sequence[Role | None]
"""Each column's role (``normalize.roles``): every column question is asked of its traits."""

IsName = Callable[[str], bool]
"""Whether a text reads as a complete unit name (``DepartmentKnowledge.is_complete``)."""

# A department list that ends with a separator goes on: no list is written 市民政局、.
_LIST_SEPARATORS = tuple(LIST_SEPARATORS)
_SEPARATORS = re.compile(f"[{re.escape(LIST_SEPARATORS)}]")
# The numbers that enumerate the parts of one measure: （2）, (2), ⑵, ②.
_PART_NUMBER = re.compile(r"[（(](\d{1,2})[）)]|([⑴-⒇])|([①-⑳])")


@cache
def _ordinal() -> re.Pattern[str]:
    """A section row's text starts with its ordinal (一、 （一） 1. 第一部分); the rest of a
    section row cut by a page break does not. Compiled on first use: only a section row
    at the top of a page asks (issue 16)."""
    return re.compile(rf"^\s*(?:{NUMERAL}+[、.．]|[（(][{NUMERAL_CHARS}\d]+[)）]|\d+[、.．]|第)")


def _blank(cell: Cell) -> bool:
    return not cell_text(cell).strip()


def ends_sentence(text: Cell) -> bool:
    """Whether a cell's text ends a sentence (so the row's text is complete)."""
    stripped = cell_text(text).rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_ENDS


def _own_columns(roles: Roles) -> list[int]:
    """The cells every task fills in its own right (``RoleTraits.own_row``)."""
    return columns_where(roles, lambda kind: kind.own_row)


def _task_text_columns(roles: Roles) -> list[int]:
    return columns_where(roles, lambda kind: kind.task_text)


def _cut_merge_columns(roles: Roles) -> list[int]:
    """The columns whose merged cells may run over a page break (the category)."""
    return columns_where(roles, lambda kind: kind.merge_crosses_pages)


def _unit_columns(roles: Roles) -> list[int]:
    return columns_where(roles, lambda kind: kind.names_units)


def _foot(row: GridRow, col: int) -> Foot:
    feet = row.at_foot or ()
    return feet[col] if col < len(feet) else Foot.CLEAR


def continues_row_above(
    row: GridRow, above: GridRow, roles: Roles, is_name: IsName | None = None
) -> bool:
    """Whether ``row``, the first row on its page, is the rest of the row ``above`` it.

    With the reader's evidence (``above.at_foot``): no, when the row has a 序号 or text
    in a cell whose part above ended clear of the page's foot (that text cannot have
    flowed over the break); yes, when some cell above ended clear (the row above is
    whole only where its text ended) and every cell of the row with text continues one
    that ran to the foot. When every cell above ran to the foot (a one-line part, or a
    row that just fills the page), the text decides, as it does without evidence.
    """
    if not row.starts_page:
        return False
    if above.at_foot is not None:
        return _continues_by_evidence(row, above, roles, is_name)
    if not all(_blank(row.cells[col]) for col in _cut_merge_columns(roles)):
        return False
    return _continues_by_text(row, above, roles)


def _continues_by_text(
    row: GridRow,
    above: GridRow,
    roles: Roles,
    every_cell_ran_on: bool = False,
    is_name: IsName | None = None,
) -> bool:
    """A row continues when a cell a task fills in its own right (序号, 牵头, 时限 ...) is
    blank, and either its measure is blank (the break cut some other cell, e.g. a long
    department list), a department list above ends with its separator (市民政局、) or
    with a name the row's cell completes (县生态 / 环境局, judged by ``is_name``), or the
    measure above stops mid-sentence. When the reader saw every cell above run to the
    page's foot, the same holds although the row's own cells are filled (the break cut
    every cell: ``2020年12`` / ``月``, 序号 ``1`` / ``3``)."""
    own = _own_columns(roles)
    if own and not any(_blank(row.cells[col]) for col in own) and not every_cell_ran_on:
        return False
    measures = _task_text_columns(roles)
    if all(_blank(row.cells[col]) for col in measures):
        return True  # no task goes without its measure
    if _list_runs_on(row, above, roles) or (
        is_name is not None and _name_runs_on(row, above, roles, is_name)
    ):
        return True  # the break fell after a sentence, but inside a department list
    if _enumeration_runs_on(row, above, roles):
        return True  # the break fell after a sentence, but inside the measure's parts
    return not all(ends_sentence(above.cells[col]) for col in measures)


def _list_runs_on(row: GridRow, above: GridRow, roles: Roles) -> bool:
    """Whether a department cell above ends with a list separator (市民政局、) and the
    same cell of ``row`` holds text: the rest of that list."""
    return any(
        cell_text(above.cells[col]).rstrip().endswith(_LIST_SEPARATORS)
        and not _blank(row.cells[col])
        for col in _unit_columns(roles)
        if col < len(row.cells) and col < len(above.cells)
    )


def _part_number(match: re.Match[str]) -> int:
    """The value of a part number matched by ``_PART_NUMBER``."""
    arabic, bracketed, circled = match.groups()
    if arabic:
        return int(arabic)
    return ord(bracketed) - ord("⑴") + 1 if bracketed else ord(circled) - ord("①") + 1


def _enumeration_runs_on(row: GridRow, above: GridRow, roles: Roles) -> bool:
    """Whether a measure cell of ``row`` opens with the part that follows the last part
    numbered in the same cell above (``（1）……；`` / ``（2）……``): a task's own parts,
    cut by the break, not a new task (a task's parts start at one)."""
    for col in _task_text_columns(roles):
        if col >= len(row.cells) or col >= len(above.cells):
            continue
        opening = _PART_NUMBER.match(cell_text(row.cells[col]).lstrip())
        parts = list(_PART_NUMBER.finditer(cell_text(above.cells[col])))
        if not (opening and parts) or opening.lastindex != parts[-1].lastindex:
            continue  # no part above, or parts numbered in another style
        if _part_number(opening) == _part_number(parts[-1]) + 1:
            return True
    return False


def _continues_by_evidence(
    row: GridRow, above: GridRow, roles: Roles, is_name: IsName | None
) -> bool:
    categories = set(_cut_merge_columns(roles))
    width = min(len(row.cells), len(above.cells))
    own_text = [c for c in range(width) if c not in categories and not _blank(row.cells[c])]
    if any(
        traits(roles[c]).numbers_tasks and not _number_cut(above, row, c)
        for c in own_text
        if c < len(roles)
    ):
        return False  # a printed number starts a task
    if any(not _foot(above, c).reaches for c in own_text):
        return False  # text in a cell that ended above the foot is a new row's
    for c in categories:
        if c < width and not _blank(row.cells[c]) and not _foot(above, c).reaches:
            return False  # a category printed anew
    if not own_text:
        return True
    above_text = [c for c in range(width) if c not in categories and not _blank(above.cells[c])]
    if any(not _foot(above, c).reaches for c in above_text):
        return True
    return _continues_by_text(row, above, roles, every_cell_ran_on=True, is_name=is_name)


def _name_runs_on(row: GridRow, above: GridRow, roles: Roles, is_name: IsName) -> bool:
    """Whether a department cell above ends with a piece that is no name (县生态) and
    becomes one with the first piece of the same cell in ``row`` (环境局): the break cut
    a name in two."""
    for col in _unit_columns(roles):
        if col >= len(row.cells) or col >= len(above.cells):
            continue
        top = [p for p in _SEPARATORS.split(join_wrapped_lines(above.cells[col])) if p]
        rest = [p for p in _SEPARATORS.split(join_wrapped_lines(row.cells[col])) if p]
        if top and rest and not is_name(top[-1]) and is_name(top[-1] + rest[0]):
            return True
    return False


def _number_cut(above: GridRow, row: GridRow, col: int) -> bool:
    """Whether the 序号 at the top of the page is the rest of the number above it: a
    narrow column wraps 11 as "1" / "1" and the break falls between the lines. Only
    when the number above ran to the foot and the one below does not follow it (3 then
    4 is the next task, 1 then 1 is not; 12 cut as 1 / 2 still reads as two tasks)."""
    if not _foot(above, col).reaches:
        return False
    top, rest = cell_text(above.cells[col]).strip(), cell_text(row.cells[col]).strip()
    if not (top.isdigit() and rest.isdigit()):
        return False
    return int(rest) != int(top) + 1


def _joined(top: Cell, rest: Cell) -> Cell:
    """A cell's text from the part above a page break and the part below it."""
    if _blank(rest):
        return top
    if _blank(top):
        return rest
    return f"{top}\n{rest}"


def _lowest_scores(
    top: tuple[float | None, ...] | None, rest: tuple[float | None, ...] | None
) -> tuple[float | None, ...] | None:
    """Per column, the lower OCR confidence of a cell's two parts (a joined cell is as
    doubtful as its worse part)."""
    if top is None or rest is None:
        return top or rest
    return tuple(
        min((s for s in pair if s is not None), default=None) for pair in zip_longest(top, rest)
    )


def _joined_places(top: GridRow, rest: GridRow) -> Places:
    """Per column, where the parts of a joined cell were printed (the parts with text)."""
    return tuple(
        _printed(top, col) + _printed(rest, col)
        for col in range(max(len(top.places), len(rest.places)))
    )


def _printed(row: GridRow, col: int) -> tuple[Place, ...]:
    """Where the text of the row's cell in ``col`` was printed; none for a blank cell."""
    if col >= len(row.cells) or _blank(row.cells[col]):
        return ()
    return places_at(row, col)


def _moved_to(row: GridRow, col: int, places: tuple[Place, ...], keep: bool = True) -> GridRow:
    """The row whose cell in ``col`` takes text printed at ``places`` (besides its own
    text's, ``keep``; instead of its blank's, not ``keep``)."""
    if col >= len(row.places):
        return row
    printed = (*(places_at(row, col) if keep else ()), *places)
    return row._replace(places=with_place(row.places, col, printed))


def join_split_rows(
    rows: list[GridRow], roles: Roles, is_name: IsName | None = None
) -> list[GridRow]:
    """Rows with every row cut by a page break joined back into one (cell by cell).

    The joined row keeps the page it started on, and the evidence of its last part (a
    row may be cut by two page breaks). ``is_name`` (the department model's) lets a
    unit name cut by the break tell that its row goes on.
    """
    joined: list[GridRow] = []
    for row in rows:
        if joined and continues_row_above(row, joined[-1], roles, is_name):
            top = joined[-1]
            cells = [_joined(a, b) for a, b in zip(top.cells, row.cells, strict=False)] + top.cells[
                len(row.cells) :
            ]
            sure = _lowest_scores(top.confidence, row.confidence)
            places = _joined_places(top, row)
            joined[-1] = top._replace(
                cells=cells, at_foot=row.at_foot, confidence=sure, places=places
            )
            continue
        joined.append(row)
    return joined


def continue_cut_categories(rows: list[GridRow], roles: Roles) -> list[GridRow]:
    """Rows where a category cell cut by a page break continues its group.

    A merged category cell cut by a page break prints its text in one part and leaves
    the other blank, or (centred) prints part of its text on each page. A blank part at
    the top of the next page is the same merged cell, so it is marked covered from
    above and the group above carries forward. Text there continues the category when
    the reader saw the text above run down to the foot starting below the cell's top
    (``Foot.LOWER``), or when it is one character under a text that ran to the foot
    (no category is one character long): it is joined to the category's text above.
    Where the reader saw a grouping cell (category or grouping section) above left blank
    and open at the foot (``Foot.OPEN``: Calc prints a merged cell's text in the middle
    of its whole range), the text here is that cell's, given to it.
    """
    categories = _cut_merge_columns(roles)
    # Columns a merged cell may cover (a 序号 over several measures, a group): Calc
    # leaves such a cell blank and open above a break and prints its text below.
    mergeable = columns_where(roles, lambda kind: kind.blank is not Blank.BLANK)
    mended: list[GridRow] = []
    for row in rows:
        if row.starts_page and mended:
            row = _continue_categories(row, mended, categories)
            row = _fill_open_groups(row, mended, mergeable)
        mended.append(row)
    return mended


def _fill_open_groups(row: GridRow, mended: list[GridRow], groupings: list[int]) -> GridRow:
    """A merged cell left blank and open at the foot above (``Foot.OPEN``) takes the
    text it printed at the top of this page (a group, a 序号 over several measures)."""
    cells = list(row.cells)
    for col in groupings:
        cell = cells[col]
        if not isinstance(cell, str) or _foot(mended[-1], col) is not Foot.OPEN:
            continue
        # Blank here too: the same merged cell goes on (its text is further down).
        if _blank(cell) or _fill_category(mended, col, cell, _printed(row, col)):
            cells[col] = Covered.ABOVE
    return row._replace(cells=cells)


def _continue_categories(row: GridRow, mended: list[GridRow], categories: list[int]) -> GridRow:
    cells = list(row.cells)
    for col in categories:
        cell = cells[col]
        if not isinstance(cell, str):
            continue
        foot = _foot(mended[-1], col)
        # A centred text the break cut, or one character alone (no category is one
        # character: 其他乡村振兴工 / 作) under a category that ran to the foot.
        cut = foot is Foot.LOWER or (foot.reaches and len("".join(cell.split())) == 1)
        if _blank(cell) and _opens_new_merge(foot, row, col):
            continue  # its text is printed further down (``_fill_open_groups``)
        if _blank(cell) or (cut and _extend_category(mended, col, cell, _printed(row, col))):
            cells[col] = Covered.ABOVE
    return row._replace(cells=cells)


def _opens_new_merge(above: Foot, row: GridRow, col: int) -> bool:
    """Whether a blank cell at the top of a page starts a merged cell of its own: the
    reader saw the cell above closed at the foot (``Foot.CLEAR``) and this one left
    blank and open at its own foot (``Foot.OPEN``): Calc prints a merged cell's text in
    the middle of its whole range, here on a later page."""
    return above is Foot.CLEAR and _foot(row, col) is Foot.OPEN


def _extend_category(
    mended: list[GridRow], col: int, rest: str, printed: tuple[Place, ...]
) -> bool:
    """Join ``rest`` (printed at ``printed``) to the text of the category cell above (the
    one its merge starts in)."""
    for index in range(len(mended) - 1, -1, -1):
        cell = mended[index].cells[col]
        if isinstance(cell, str):
            cells = list(mended[index].cells)
            cells[col] = _joined(cell, rest)
            mended[index] = _moved_to(mended[index]._replace(cells=cells), col, printed)
            return True
    return False


def _fill_category(mended: list[GridRow], col: int, text: str, printed: tuple[Place, ...]) -> bool:
    """Give ``text`` (printed at ``printed``) to the blank category cell above (the one
    its merge starts in)."""
    for index in range(len(mended) - 1, -1, -1):
        cell = mended[index].cells[col]
        if isinstance(cell, str):
            if not _blank(cell):
                return False
            cells = list(mended[index].cells)
            cells[col] = text
            mended[index] = _moved_to(mended[index]._replace(cells=cells), col, printed, False)
            return True
    return False


def _section_shaped(row: GridRow) -> str | None:
    """The text of a row that is one cell spanning the table, or ``None``."""
    first, *rest = row.cells or [""]
    if isinstance(first, str) and rest and all(cell is Covered.LEFT for cell in rest):
        return first
    return None


def join_cut_section_rows(rows: list[GridRow]) -> list[GridRow]:
    """Rows with a section row cut by a page break joined back into one.

    A full-width section row at the foot of a page and another at the top of the next
    are one section row when the reader saw its text run down to the foot, or, without
    such evidence, when the second does not start with an ordinal (一、 （二）).
    """
    joined: list[GridRow] = []
    for row in rows:
        lower = _section_shaped(row)
        upper = _section_shaped(joined[-1]) if joined else None
        if row.starts_page and lower is not None and upper is not None:
            above = joined[-1]
            cut = (
                _foot(above, 0).reaches
                if above.at_foot is not None
                else not _ordinal().match(lower)
            )
            if cut:
                joined[-1] = above._replace(
                    cells=[_joined(upper, lower), *above.cells[1:]], at_foot=row.at_foot
                )
                continue
        joined.append(row)
    return joined
