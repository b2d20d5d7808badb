"""Finding the header row of a task table, and recognising it where it repeats.

The header is found by its labels (``data/columns.toml``); what each column then *is*
is decided for the whole table by ``normalize.column_roles``, from the labels' hints
and the columns' contents. A table whose labels are all unknown (指标名称 | 目标值 |
牵头负责司局) is found by what it holds (``ContentGuess``): a column of task text
beside a column of unit names or deadlines is a task table (issue 31).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from qingdan.extract.grid import Cell, Covered, RawRow, RawTable, cell_text, is_covered
from qingdan.normalize.column_evidence import (
    ColumnEvidence,
    column_cells,
    measure_column,
    measure_kinds,
)
from qingdan.normalize.columns import ColumnSynonyms, label_key
from qingdan.normalize.roles import Role, traits
from qingdan.normalize.text import join_wrapped_lines, squeeze

if TYPE_CHECKING:  # the knowledge imports the steps it feeds
    from qingdan.normalize.cell_kinds import CellWords
    from qingdan.normalize.knowledge import Knowledge

# How far down a table its header may sit (titles and notes can come first).
_HEADER_SEARCH_ROWS = 8
# A table found by its content: labels are short words, not sentences.
_LONGEST_GUESSED_LABEL = 15
_LABEL_SENTENCE_MARKS = ("，", "。", "；", ",", ";")
_MIN_BODY_ROWS = 2
_CONTENT_SHARE = 0.6
_TASK_TEXT_LENGTH = 4.0
_TASK_TEXT_COVERAGE = 0.8


class Header(NamedTuple):
    """A task table's header: where it is, and what each column means."""

    row_index: int
    """The header's last row (its only row, or the sub-label row of a two-row header)."""
    labels: list[str]
    hints: list[Role | None]
    """The role each label suggests (``None``: a label the vocabulary does not know)."""
    height: int = 1
    """How many rows the header takes: 2 for a group label over sub-column labels."""

    def matches(self, cells: Sequence[Cell]) -> bool:
        """Whether a row repeats this header (the same labels, spaces aside)."""
        keys = tuple(label_key(c) for c in cells if cell_text(c))
        if not keys:
            return False
        labels = _label_keys(tuple(self.labels))
        if keys == labels:
            return True
        # The sub-label row of a two-row header printed again at a page break
        # (牵头单位 | 责任（配合）单位 under 责任分工): only this header's own labels.
        return self.height == 2 and len(keys) >= 2 and set(keys) <= set(labels)


@lru_cache(maxsize=64)
def _label_keys(labels: tuple[str, ...]) -> tuple[str, ...]:
    """A header's label keys, worked out once: every body row is compared with them."""
    return tuple(label_key(label) for label in labels if label)


def _label_roles(
    cells: Sequence[Cell], synonyms: ColumnSynonyms, by_head: bool = True
) -> list[Role | None]:
    return [synonyms.role_for(cell_text(cell), by_head) for cell in cells]


def looks_like_header(cells: Sequence[Cell], synonyms: ColumnSynonyms) -> bool:
    """A row is a header when at least two of its labels suggest distinct roles and
    most of its filled cells are known labels."""
    filled = [cell for cell in cells if cell_text(cell).strip()]
    roles = [r for r in _label_roles(cells, synonyms, by_head=False) if r]
    return len(set(roles)) >= 2 and len(roles) * 2 >= len(filled)


def find_header(table: RawTable, synonyms: ColumnSynonyms, may_span: bool = False) -> Header | None:
    """The first header near the top of the table, or ``None`` if there is none.

    A two-row header (a group label such as 责任单位 over sub-columns 牵头单位 /
    配合单位) is read as its sub-column labels; ``row_index`` is then its second row.
    ``may_span``: the reader may print a merged label once (``two_row_labels``).
    """
    for index, row in enumerate(table.rows[:_HEADER_SEARCH_ROWS]):
        if looks_like_header(row.cells, synonyms):
            cells = list(row.cells)
            below = table.rows[index + 1].cells if index + 1 < len(table.rows) else []
            combined = two_row_labels(cells, below, synonyms, may_span)
            height = 1 if combined is None else 2
            if combined is not None:
                cells, index = combined, index + 1
            elif may_span:
                cells = spanning_label(cells, table.rows[index + 1 :], synonyms)
            labels = [join_wrapped_lines(cell) for cell in cells]
            return Header(index, labels, _label_roles(cells, synonyms), height)
    return None


def _is_label(cell: Cell) -> bool:
    return bool(cell_text(cell).strip())


def two_row_labels(
    top: Sequence[Cell], below: Sequence[Cell], synonyms: ColumnSynonyms, may_span: bool = False
) -> list[Cell] | None:
    """The labels of a header whose second row names sub-columns, or ``None``.

    The row below is a sub-header when it has at least two labels, all known, and
    nothing else (columns merged down from the top row are covered or blank there).
    Its labels replace the group label above them; the other columns keep the top
    label. Where the reader may print a merge once (``may_span``: a text dump prints
    the horizontally merged group label once), a top row narrower than the row below
    is first widened: each run of sub-labels sits under one top cell, each blank below
    under one top cell; and a dump may leave the merged-down columns out of the row
    below altogether (see ``_spread_group``). Other readers' rows line up as printed.
    """
    sub_labels = [cell for cell in below if _is_label(cell)]
    if len(sub_labels) < 2 or any(
        synonyms.role_for(cell_text(cell)) is None for cell in sub_labels
    ):
        return None
    if not may_span:
        aligned: list[Cell] | None = list(top) if len(top) == len(below) else None
    elif len(below) < len(top) and len(sub_labels) == len(below):
        return _spread_group(top, sub_labels, synonyms)
    else:
        aligned = _widened(top, below)
    if aligned is None:
        return None
    return [b if _is_label(b) else t for t, b in zip(aligned, below, strict=True)]


def _spread_group(
    top: Sequence[Cell], sub_labels: list[Cell], synonyms: ColumnSynonyms
) -> list[Cell] | None:
    """The header when the row below prints only its sub-labels (a dump that leaves
    out the columns merged down): they replace the one top label that can be a group,
    a responsibility label or an unknown one. ``None`` unless exactly one can."""
    groups = [
        col
        for col, cell in enumerate(top)
        if _is_label(cell) and _may_head_group(synonyms.role_for(cell_text(cell)))
    ]
    if len(groups) != 1 or any(is_covered(cell) for cell in top):
        return None
    col = groups[0]
    return [*top[:col], *sub_labels, *top[col + 1 :]]


_TEXT_HINTS = (Role.SECTION, Role.CATEGORY, Role.MEASURE, Role.PROBLEM)


def spanning_label(
    labels: Sequence[Cell], body: Sequence[RawRow], synonyms: ColumnSynonyms
) -> list[Cell]:
    """A one-row header widened to its body, where a dump printed a merged label once.

    A text dump prints a label merged over two columns once (工作任务 over a short
    name and its sentence), so the header is narrower than every row under it. The
    label that spans is the one text label (a category, measure, section or problem
    label): a text column is what a list splits into a name and a sentence. The
    positions it covers are ``Covered.LEFT``, as a Word grid gives them. Any other
    header is kept as printed.
    """
    widths = {len(row.cells) for row in body if len(row.cells) > 1}
    if len(widths) != 1 or (extra := widths.pop() - len(labels)) <= 0:
        return list(labels)
    texts = [
        col for col, cell in enumerate(labels) if synonyms.role_for(cell_text(cell)) in _TEXT_HINTS
    ]
    if len(texts) != 1:
        return list(labels)
    col = texts[0]
    return [*labels[: col + 1], *([Covered.LEFT] * extra), *labels[col + 1 :]]


def _may_head_group(role: Role | None) -> bool:
    """Whether a top label can stand over sub-columns: one the vocabulary does not know,
    or one whose role may head them (``RoleTraits.heads_sub_columns``: 责任单位)."""
    return role is None or traits(role).heads_sub_columns


def _widened(top: Sequence[Cell], below: Sequence[Cell]) -> list[Cell] | None:
    """The top row aligned to the row below (covered cells where a group spans), or
    ``None`` when the two rows cannot be lined up."""
    if len(top) == len(below):
        return list(top)
    if len(top) > len(below):
        return None
    starts = [
        col
        for col, cell in enumerate(below)
        if not (col > 0 and _is_label(cell) and _is_label(below[col - 1]))
    ]
    if len(starts) != len(top):
        return None
    widened: list[Cell] = [Covered.LEFT] * len(below)
    for col, cell in zip(starts, top, strict=True):
        widened[col] = cell
    return widened


class ContentGuess:
    """Finds a task table by what its columns hold when no table has known labels.

    A row of short labels over a column of task text and a column of unit names (or
    of deadlines) is taken as the header; ``guessed`` says what was guessed, for a
    ``column-roles`` warning.
    """

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.synonyms = knowledge.columns
        self.guessed: list[str] = []

    def __call__(self, table: RawTable) -> Header | None:
        """The header of ``table`` guessed from its content, or ``None``."""
        for index, row in enumerate(table.rows[:_HEADER_SEARCH_ROWS]):
            if not _could_be_labels(row.cells):
                continue
            body: list[Sequence[Cell]] = [r.cells for r in table.rows[index + 1 :]]
            if len(body) < _MIN_BODY_ROWS:
                return None
            found = self._task_columns(row.cells, body)
            if found is None:
                continue
            labels = [join_wrapped_lines(cell) for cell in row.cells]
            text, other, what = found
            self.guessed.append(
                f"{table.name} has no known task-list labels; read as a task table from "
                f"its content: column {text + 1} ({labels[text]}) holds task text, "
                f"column {other + 1} ({labels[other]}) {what}"
            )
            return Header(index, labels, _label_roles(row.cells, self.synonyms))
        return None

    def _task_columns(
        self, labels: Sequence[Cell], body: list[Sequence[Cell]]
    ) -> tuple[int, int, str] | None:
        """The task-text column and a unit (or deadline) column, or ``None``."""
        evidence = [
            measure_column(column_cells(body, col), self.knowledge, None)
            for col in range(len(labels))
        ]
        words = self.knowledge.cells
        texts = [
            col
            for col, found in enumerate(evidence)
            if _reads_as_task_text(found) and _not_quantities(column_cells(body, col), words)
        ]
        others = [
            (
                "holds unit names",
                [c for c, e in enumerate(evidence) if e.departments >= _CONTENT_SHARE],
            ),
            (
                "holds deadlines",
                [c for c, e in enumerate(evidence) if e.deadlines >= _CONTENT_SHARE],
            ),
            (
                "holds targets",
                [c for c in range(len(labels)) if _quantities(column_cells(body, c), words)],
            ),
            ("is labelled like a task list's column", self._task_list_labels(labels)),
        ]
        for text in texts:
            for what, columns in others:
                other = next((col for col in columns if col != text), None)
                if other is not None:
                    return text, other, what
        return None

    def _task_list_labels(self, labels: Sequence[Cell]) -> list[int]:
        """Columns whose label's head names a column only task lists print (进展情况,
        完成时限, 责任单位, 责任领导), though no list prints the label itself."""
        return [
            col
            for col, role in enumerate(_label_roles(labels, self.synonyms))
            if role is not None and traits(role).marks_task_list
        ]


def _could_be_labels(cells: Sequence[Cell]) -> bool:
    """Whether a row could be a header: two or more short cells, none a sentence."""
    texts = [squeeze(cell_text(cell)) for cell in cells]
    filled = [text for text in texts if text]
    return len(filled) >= 2 and all(
        len(text) <= _LONGEST_GUESSED_LABEL and not any(m in text for m in _LABEL_SENTENCE_MARKS)
        for text in filled
    )


def _reads_as_task_text(found: ColumnEvidence) -> bool:
    return (
        found.filled > 0
        and found.coverage >= _TASK_TEXT_COVERAGE
        and found.mean_length >= _TASK_TEXT_LENGTH
        and found.departments < _CONTENT_SHARE
        and found.deadlines < _CONTENT_SHARE
        and found.ordinals < _CONTENT_SHARE
        and found.people < _CONTENT_SHARE
    )


def _not_quantities(cells: list[Cell], words: CellWords) -> bool:
    kinds = measure_kinds(cells, words)
    return kinds.quantities < _CONTENT_SHARE and kinds.places < _CONTENT_SHARE


def _quantities(cells: list[Cell], words: CellWords) -> bool:
    return measure_kinds(cells, words).quantities >= _CONTENT_SHARE
