"""What a column's own cells say it is: the content evidence for choosing its role.

Each measure is a share of the column's filled cells (0..1) or a plain statistic, so a
person reading ``document.columns`` can see why a column was read as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from qingdan.extract.grid import Cell, Covered, cell_text
from qingdan.normalize.cell_kinds import (
    CellWords,
    cites_document,
    is_attribute,
    is_measure_unit,
    is_person,
    is_place,
    is_quantity,
    is_rate,
    says_nothing,
)
from qingdan.normalize.deadlines import DeadlineWords, parse_deadline
from qingdan.normalize.responsibility import ResponsibilityWords, names_only_units
from qingdan.normalize.script import NUMERAL, NUMERAL_CHARS
from qingdan.normalize.text import join_wrapped_lines, squeeze
from qingdan.normalize.units.departments import DepartmentReader

if TYPE_CHECKING:  # the knowledge imports the steps it feeds
    from qingdan.normalize.knowledge import Knowledge

_ORDINAL = re.compile(
    rf"^(?:\d{{1,3}}(?:[.．]\d{{1,3}})*[.．、]?|[（(][0-9{NUMERAL_CHARS}]{{1,3}}[）)]"
    rf"|{NUMERAL}{{1,3}}[、.．]?)$"
)
_SENTENCE_MARKS = re.compile("[，,。；;：:！？]")
# Letters, digits and dots alone (1.2, A3, 12) are codes and numbers, not deadlines,
# unless they hold a year (2024.6, 2024-06-30).
_CODE = re.compile(r"^[A-Za-z0-9.．\-/]+$")
_YEAR = re.compile(r"(?:19|20)\d{2}")
# A department cell is short: a long cell of names is rare, a long sentence is not.
_LONGEST_DEPARTMENT_CELL = 120
_LONGEST_DEADLINE_CELL = 40
# A cell this long reads as a sentence even without punctuation.
_SENTENCE_LENGTH = 25


class ColumnEvidence(NamedTuple):
    """What one column's cells hold."""

    filled: int
    """Body cells with text of their own."""
    coverage: float
    """Share of rows whose cell has text of its own or is merged from the cell above."""
    departments: float
    """Share of filled cells that read as department names (every piece a unit name)."""
    deadlines: float
    """Share of filled cells that read as deadlines."""
    sentences: float
    """Share of filled cells that read as sentences (punctuation, or long)."""
    ordinals: float
    """Share of filled cells that are a number alone (1, 1.2, （三）)."""
    grouping: float
    """Share of rows below the first whose cell is merged, blank or repeats the one above."""
    mean_length: float
    """Mean number of characters of the filled cells, whitespace removed."""
    people: float = 0.0
    """Share of filled cells that name people: by office or title (王副区长), or by a
    personal name alone (``normalize.cell_kinds.is_person``)."""

    @property
    def text_score(self) -> float:
        """How much the column reads like task text: long, sentence-like, not grouped."""
        return self.mean_length * (0.5 + self.sentences) * (1.0 - 0.5 * self.grouping)


class CellKinds(NamedTuple):
    """What else a column's filled cells hold (shares 0..1): the evidence that tells
    targets, rates, attributes and places from task text and units (issue 31)."""

    quantities: float = 0.0
    """Cells that are quantities alone ("各50个", "3200人", "5.5%左右")."""
    rates: float = 0.0
    """Cells that are a share alone ("100%")."""
    attributes: float = 0.0
    """Cells that are an indicator attribute (约束性, 预期性)."""
    places: float = 0.0
    """Cells whose every name is a place or object (县人民医院, 客运站)."""
    measure_units: float = 0.0
    """Cells that are a unit of measure (亿元, 增幅（%）): an indicator table's 单位."""
    starts_filled: bool = False
    """Whether the first body cell has text: a grouping column opens its first group
    there, a sparse column of remarks seldom does."""
    documents: float = 0.0
    """Cells that cite a document by its number (某政发〔2022〕9号文件): a task's source."""


def measure_kinds(cells: list[Cell], words: CellWords) -> CellKinds:
    """The share of a column's filled cells of each kind ``CellKinds`` names (a cell
    that prints "—" for none is no evidence either way)."""
    keys = [squeeze(join_wrapped_lines(cell)) for cell in cells]
    filled = [key for key in keys if key and not says_nothing(key)]
    if not filled:
        return CellKinds()

    def share(test: Callable[[str, CellWords], bool]) -> float:
        return round(sum(1 for key in filled if test(key, words)) / len(filled), 3)

    return CellKinds(
        share(is_quantity),
        share(is_rate),
        share(is_attribute),
        share(is_place),
        share(is_measure_unit),
        bool(keys[0]),
        share(lambda key, _: cites_document(key)),
    )


def column_cells(rows: Sequence[Sequence[Cell]], col: int) -> list[Cell]:
    """The cells of one column (a short row gives a blank)."""
    return [row[col] if col < len(row) else "" for row in rows]


def measure_column(cells: list[Cell], knowledge: Knowledge, year: int | None) -> ColumnEvidence:
    """The content evidence of one column's body cells."""
    texts = [join_wrapped_lines(cell) for cell in cells]
    # Each cell without whitespace, once: several measures compare or count it. A cell's
    # joined lines squeeze to what its raw text squeezes to (joining only moves spaces).
    keys = [squeeze(text) for text in texts]
    filled = [(text, key) for text, key in zip(texts, keys, strict=True) if text]
    count = len(filled)

    def share(test: int) -> float:
        return round(test / count, 3) if count else 0.0

    covered = sum(1 for cell in cells if cell is Covered.ABOVE)
    # One reader for the column: it segments each distinct cell once (a column repeats
    # its names), where a reader per cell would start from nothing every time.
    reader = DepartmentReader(knowledge.departments)
    roles, deadlines = knowledge.responsibility, knowledge.deadlines
    return ColumnEvidence(
        filled=count,
        coverage=round((count + covered) / len(cells), 3) if cells else 0.0,
        departments=share(
            sum(
                _reads_as_departments(c, key, reader, roles)
                for c, key in zip(cells, keys, strict=True)
            )
        ),
        deadlines=share(sum(_reads_as_deadline(text, year, deadlines) for text, _ in filled)),
        sentences=share(sum(_reads_as_sentence(text, key) for text, key in filled)),
        ordinals=share(sum(bool(_ORDINAL.match(key)) for _, key in filled)),
        grouping=round(_grouping(cells, keys), 3),
        mean_length=round(sum(len(key) for _, key in filled) / count, 1) if count else 0.0,
        people=share(sum(is_person(text, knowledge.cells) for text, _ in filled)),
    )


def _reads_as_departments(
    cell: Cell, key: str, departments: DepartmentReader, roles: ResponsibilityWords
) -> bool:
    text = cell_text(cell)
    if not text.strip() or len(key) > _LONGEST_DEPARTMENT_CELL:
        return False
    return names_only_units(text, departments, roles)


def _reads_as_deadline(text: str, year: int | None, words: DeadlineWords) -> bool:
    key = squeeze(text)
    if len(text) > _LONGEST_DEADLINE_CELL or cites_document(key):
        return False  # the year of 某政〔2022〕9号 is the document's, not a due date
    if _CODE.match(key) and not _YEAR.search(key):
        return False  # a column of 1.2, A3 under an unknown label numbers its rows
    return parse_deadline(text, year, words).kind is not None


def _reads_as_sentence(text: str, key: str) -> bool:
    return bool(_SENTENCE_MARKS.search(text)) or len(key) >= _SENTENCE_LENGTH


def _grouping(cells: list[Cell], keys: list[str]) -> float:
    """Share of the cells below the first that continue the one above them (``keys``:
    each cell without whitespace)."""
    if len(cells) < 2:
        return 0.0
    continued = 0
    previous = keys[0]
    for cell, key in zip(cells[1:], keys[1:], strict=True):
        blank = not cell_text(cell).strip()
        if cell is Covered.ABOVE or blank or key == previous:
            continued += 1
        if not blank:
            previous = key
    return continued / (len(cells) - 1)
