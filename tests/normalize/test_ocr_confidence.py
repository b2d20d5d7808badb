"""OCR confidence reaches the records (issue 30): each record read by OCR carries its
least sure cell's confidence, and a cell below ``LOW_CONFIDENCE`` is named in a warning."""

from __future__ import annotations

from qingdan.extract.grid import LOW_CONFIDENCE, Extracted, RawDocument, RawRow, RawTable
from qingdan.normalize import TaskList, normalize
from qingdan.normalize.layout import GridRow
from qingdan.normalize.page_breaks import join_split_rows
from qingdan.normalize.roles import Role

HEADER = ["序号", "工作任务", "牵头单位", "完成时限"]


def _normalized(*rows: tuple[list[str], tuple[float | None, ...] | None]) -> TaskList:
    raw = [RawRow(HEADER, page=1, confidence=(0.99,) * 4)]
    raw += [RawRow(cells, page=1, confidence=scores) for cells, scores in rows]
    content = Extracted([RawTable(raw)], text_before=["XX县2020年重点任务清单"])
    return normalize(RawDocument("scan.pdf", "pdf", "0" * 64, content))


def test_a_record_carries_its_least_sure_cell() -> None:
    found = _normalized(
        (["1", "建成污水处理厂", "县住建局", "2020年底前"], (0.99, 0.97, 0.93, 0.98)),
        (["2", "完善雨污分流", "县水利局", "2020年6月"], (0.99, None, 0.95, 0.96)),
    )
    assert [record.confidence for record in found.records] == [0.93, 0.95]
    assert not [w for w in found.warnings if w.code == "low-confidence"]


def test_a_doubtful_cell_is_named_by_row_and_column() -> None:
    low = LOW_CONFIDENCE - 0.1
    found = _normalized(
        (["1", "建成污水处理厂", "县住建局", "2020年底前"], (0.99, 0.97, 0.98, 0.98)),
        (["2", "完善雨污分流", "县水刊局", "2020年6月"], (0.99, 0.97, low, 0.96)),
    )
    warnings = [w for w in found.warnings if w.code == "low-confidence"]
    assert len(warnings) == 1 and warnings[0].row == 2 and warnings[0].page == 1
    assert "'牵头单位'" in warnings[0].message and "县水刊局" in warnings[0].message
    assert found.records[1].confidence == round(low, 3)


def test_a_record_read_from_text_has_no_confidence() -> None:
    found = _normalized((["1", "建成污水处理厂", "县住建局", "2020年底前"], None))
    assert found.records[0].confidence is None


def test_a_row_joined_across_a_page_break_is_as_doubtful_as_its_worse_part() -> None:
    roles: list[Role | None] = [Role.NO, Role.MEASURE, Role.LEAD, Role.DEADLINE]
    rows = [
        GridRow(
            ["1", "建成污水处理厂，", "县住建局", "2020年"],
            page=1,
            confidence=(0.99, 0.9, 0.98, 0.97),
        ),
        GridRow(
            ["", "配套管网", "", "底前"],
            page=2,
            starts_page=True,
            confidence=(None, 0.96, None, 0.7),
        ),
    ]
    joined = join_split_rows(rows, roles)
    assert len(joined) == 1
    assert joined[0].confidence == (0.99, 0.9, 0.98, 0.7)
