"""One grid row -> one task record: each cell read by its column's value reader.

``build_record`` places each cell by its column's role (``normalize.roles``), runs the
value reader of every kind (``normalize.values.VALUE_READERS``) over the cells of that
kind, and puts what they read into one record with their warnings.
"""

from __future__ import annotations

from collections.abc import Sequence

from qingdan.extract.grid import LOW_CONFIDENCE, cell_text
from qingdan.normalize.layout import GridRow, places_at
from qingdan.normalize.model import SourceCell, TaskRecord, TaskWarning
from qingdan.normalize.roles import Role, Value, traits
from qingdan.normalize.values import (
    VALUE_READERS,
    PlacedCell,
    RecordContext,
    RecordFields,
    RowAt,
    Values,
)
from qingdan.normalize.warning_codes import NormalizeCode

__all__ = ["RecordContext", "build_record"]


def _column_label(labels: list[str], col: int) -> str:
    label = labels[col] if col < len(labels) else ""
    return label or f"第{col + 1}列"


def place_cells(row: GridRow, context: RecordContext) -> dict[Value, list[PlacedCell]]:
    """The row's cells by the kind of value their column's role makes of them."""
    placed: dict[Value, list[PlacedCell]] = {kind: [] for kind in VALUE_READERS}
    for col, cell in enumerate(row.cells):
        kind = traits(context.roles[col] if col < len(context.roles) else Role.OTHER)
        label = _column_label(context.labels, col)
        placed[kind.value].append(PlacedCell(kind.field, label, cell))
    return placed


def _names(values: Sequence[Values]) -> tuple[list[str], list[str]]:
    """Every reader's lead and supporting names, in the readers' order."""
    lead: list[str] = []
    support: list[str] = []
    for value in values:
        if value.only_new_names:
            lead.extend(name for name in value.lead if name not in lead)
            support.extend(name for name in value.support if name not in support)
        else:
            lead.extend(value.lead)
            support.extend(value.support)
    return lead, support


def build_record(
    seq: int, row: GridRow, context: RecordContext
) -> tuple[TaskRecord | None, list[TaskWarning]]:
    """The record for one row (``None`` for a row with no text at all) and its warnings.

    Each cell becomes values the way its column's role says (``normalize.roles``):
    text joined, department names split, responsibility read from its words, the
    deadline kept and read; a column no field takes is kept in ``extra`` under its label.
    """
    if not any(cell_text(cell).strip() for cell in row.cells):
        return None, []
    at = RowAt(seq, row, context)
    placed = place_cells(row, context)
    values = [read(placed[kind], at) for kind, read in VALUE_READERS.items()]
    fields = RecordFields(measure="", extra={})
    extra: dict[str, str] = {}
    for value in values:
        extra.update(value.fields.get("extra", {}))
        fields.update(value.fields)
    fields["extra"] = _in_column_order(extra, row, context)
    lead, support = _names(values)
    record = TaskRecord(
        seq=seq,
        lead=lead,
        support=support,
        lead_canonical=[context.aliases.canonical(name) for name in lead],
        support_canonical=[context.aliases.canonical(name) for name in support],
        page=row.page,
        confidence=_lowest(row.confidence),
        **fields,
    )
    record = record._replace(cells=source_cells(record, row, context.roles))
    warnings = [warning for value in values for warning in value.warnings]
    warnings.extend(_doubtful_cells(seq, row, context))
    warnings.extend(_unknown_departments(record, context, row.page))
    return record, warnings


def source_cells(record: TaskRecord, row: GridRow, roles: Sequence[Role]) -> list[SourceCell]:
    """Where each of the record's values was printed, column by column: a cell with text
    names the field its column's role feeds (``extra`` for none); a responsibility cell
    names ``lead`` and ``support``, each where the record has such names."""
    cells: list[SourceCell] = []
    for col in range(len(row.places)):
        if col >= len(row.cells) or not cell_text(row.cells[col]).strip():
            continue
        places = places_at(row, col)
        for field in _fields_given(record, roles[col] if col < len(roles) else Role.OTHER):
            cells.extend(SourceCell(field, place) for place in places)
    return cells


def _fields_given(record: TaskRecord, role: Role) -> list[str]:
    """The record fields a cell of a column with ``role`` gave."""
    kind = traits(role)
    if kind.field is not None:
        return [kind.field]
    if kind.value is Value.RESPONSIBILITY:
        return [field for field in ("lead", "support") if getattr(record, field)]
    return ["extra"]


def _in_column_order(extra: dict[str, str], row: GridRow, context: RecordContext) -> dict[str, str]:
    """The ``extra`` fields of several value readers in the order of their columns; a
    field no column is labelled with (the officials a responsibility cell names, 负责领导)
    goes first, as its clause opens the cell."""
    order = [_column_label(context.labels, col) for col in range(len(row.cells))]
    place = {label: index for index, label in reversed(list(enumerate(order)))}
    return dict(sorted(extra.items(), key=lambda item: place.get(item[0], -1)))


def _lowest(scores: tuple[float | None, ...] | None) -> float | None:
    """The record's OCR confidence: its least sure cell's (None when not read by OCR)."""
    known = [score for score in scores or () if score is not None]
    return round(min(known), 3) if known else None


def _doubtful_cells(seq: int, row: GridRow, context: RecordContext) -> list[TaskWarning]:
    """A ``low-confidence`` warning for each cell OCR read with less than
    ``LOW_CONFIDENCE``, naming its row and column, so a reviewer checks those first."""
    return [
        TaskWarning(
            NormalizeCode.LOW_CONFIDENCE,
            f"row {seq}, column {_column_label(context.labels, col)!r}: OCR read "
            f"{cell_text(row.cells[col])!r} with confidence {score:.2f}; check it against "
            "the original",
            seq,
            row.page,
        )
        for col, score in enumerate(row.confidence or ())
        if score is not None and score < LOW_CONFIDENCE and col < len(row.cells)
    ]


def _unknown_departments(
    record: TaskRecord, context: RecordContext, page: int | None
) -> list[TaskWarning]:
    """An ``unknown-department`` warning for each name that matches nothing we know."""
    return [
        TaskWarning(
            NormalizeCode.UNKNOWN_DEPARTMENT,
            f"{name!r} is not a known department name and has no department suffix",
            record.seq,
            page,
        )
        for name in [*record.lead, *record.support]
        if not (context.department_reader().is_complete(name) or context.aliases.knows(name))
    ]
