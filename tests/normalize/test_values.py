"""Value readers: one per kind of value, each returning its fields and its own warnings."""

from __future__ import annotations

import pytest
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.layout import GridRow
from qingdan.normalize.records import build_record, place_cells
from qingdan.normalize.roles import Role, Value
from qingdan.normalize.units.departments import DepartmentReader
from qingdan.normalize.values import (
    VALUE_READERS,
    PlacedCell,
    RecordContext,
    RowAt,
    read_deadline,
    read_text,
)

LABELS = ["序号", "工作措施", "牵头单位", "责任单位", "完成时限", "备注"]
ROLES = [Role.NO, Role.MEASURE, Role.LEAD, Role.RESPONSIBLE, Role.DEADLINE, Role.NOTE]


def _context(roles: list[Role] = ROLES) -> RecordContext:
    knowledge = Knowledge.load()
    reader = DepartmentReader.for_document(knowledge.departments, None, [])
    return RecordContext(LABELS, roles, knowledge, 2024, reader)


def test_every_value_kind_has_a_reader() -> None:
    assert set(VALUE_READERS) == set(Value)


def test_cells_are_placed_by_their_column_role() -> None:
    row = GridRow(["1", "建设。", "县住建局", "县财政局", "6月底前", "无"])
    placed = place_cells(row, _context())
    assert [p.field for p in placed[Value.TEXT]] == ["no", "measure"]
    assert [p.cell for p in placed[Value.RESPONSIBILITY]] == ["县财政局"]
    assert placed[Value.EXTRA] == [PlacedCell(None, "备注", "无")]


def test_a_reader_returns_its_warnings_and_shares_nothing() -> None:
    at = RowAt(3, GridRow([], page=2), _context())
    first = read_deadline([PlacedCell("deadline", "完成时限", "汛期前")], at)
    assert first.fields["deadline"] == "汛期前" and first.fields["due"] is None
    assert [(w.code, w.row, w.page) for w in first.warnings] == [("deadline", 3, 2)]
    again = read_deadline([PlacedCell("deadline", "完成时限", "6月底前")], at)
    assert str(again.fields["due"]) == "2024-06-30" and not again.warnings
    assert len(first.warnings) == 1


def test_a_measure_bracket_adds_only_names_not_read_yet() -> None:
    row = GridRow(["1", "建成投用。（县住建局牵头，县财政局配合）", "县住建局", "", "", ""])
    record, _ = build_record(1, row, _context())
    assert record is not None
    assert (record.lead, record.support) == (["县住建局"], ["县财政局"])
    assert record.measure == "建成投用。"


@pytest.mark.parametrize(("cells", "codes"), [([], ["no-measure"]), (["建设。"], [])])
def test_the_text_reader_warns_of_a_row_without_measure(cells: list[str], codes: list[str]) -> None:
    at = RowAt(1, GridRow([]), _context())
    placed = [PlacedCell("measure", "工作措施", cell) for cell in cells]
    assert [w.code for w in read_text(placed, at).warnings] == codes


def test_warnings_come_in_the_readers_order() -> None:
    row = GridRow(["1", "", "县住建局等", "", "汛期前", ""])
    _, warnings = build_record(1, row, _context())
    assert [w.code for w in warnings] == ["deadline", "department-note", "no-measure"]
