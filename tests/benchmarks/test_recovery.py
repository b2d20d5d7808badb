"""The records-recovered rule of the benchmarks, on hand-made rows."""

from __future__ import annotations

from typing import Any

from benchmarks.recovery import count_recovered, row_holds, squeeze, wanted_cells


def record(**fields: Any) -> dict[str, Any]:
    """A golden record with the five compared fields (defaults filled in)."""
    base: dict[str, Any] = {
        "category": "土壤污染状况详查",
        "measure": "完善土壤环境质量监测网络。",
        "lead": ["生态环境新城分局"],
        "support": ["区发改委", "区城管局"],
        "deadline": "2019年12月",
    }
    return base | fields


def test_squeeze_removes_every_kind_of_whitespace_and_nothing_else() -> None:
    assert squeeze(" 生态环境\n新城\u3000分局\t") == "生态环境新城分局"
    assert squeeze("区发改委、区城管局") == "区发改委、区城管局"
    assert squeeze(None) == ""


def test_department_lists_match_joined_with_nothing_or_with_the_csv_separator() -> None:
    wanted = wanted_cells(record())
    assert wanted[3] == {"区发改委区城管局", "区发改委、区城管局"}


def test_empty_fields_are_not_looked_for() -> None:
    wanted = wanted_cells(record(category=None, support=[]))
    assert len(wanted) == 3


def test_a_row_as_a_pdf_prints_it_recovers_the_record() -> None:
    row = ["土壤污染\n状况详查", "完善土壤环境质量\n监测网络。", "生态环境\n新城分局",
           "区发改委\n区城管局", "2019年\n12月"]  # fmt: skip
    assert count_recovered([record()], [row]) == 1


def test_cells_between_the_fields_are_allowed_but_the_order_is_not_free() -> None:
    wanted = wanted_cells(record())
    cells = ["1", "土壤污染状况详查", "", "完善土壤环境质量监测网络。", "生态环境新城分局",
             "区发改委、区城管局", "2019年12月", "2019-12-31"]  # fmt: skip
    assert row_holds(cells, wanted)
    swapped = [cells[0], cells[1], cells[3], cells[5], cells[4], cells[6]]
    assert not row_holds(swapped, wanted)


def test_a_merged_over_category_is_not_carried_forward_for_a_peer() -> None:
    row = [
        None,
        "完善土壤环境质量监测网络。",
        "生态环境新城分局",
        "区发改委\n区城管局",
        "2019年12月",
    ]
    assert count_recovered([record()], [row]) == 0
    assert count_recovered([record(category=None)], [row]) == 1


def test_a_row_split_by_a_page_break_recovers_nothing() -> None:
    top = ["土壤污染状况详查", "完善土壤环境", "生态环境新城分局", "区发改委", "2019年12月"]
    bottom = ["", "质量监测网络。", "", "区城管局", ""]
    assert count_recovered([record()], [top, bottom]) == 0


def test_one_row_recovers_one_record_even_when_records_repeat() -> None:
    row = ["土壤污染状况详查", "完善土壤环境质量监测网络。", "生态环境新城分局",
           "区发改委区城管局", "2019年12月"]  # fmt: skip
    assert count_recovered([record(), record()], [row]) == 1
    assert count_recovered([record(), record()], [row, list(row)]) == 2


def test_a_field_that_differs_by_one_character_is_not_recovered() -> None:
    row = [
        "土壤污染状况详查",
        "完善土壤环境质量监测网络",
        "生态环境新城分局",
        "区发改委区城管局",
        "2019年12月",
    ]
    assert count_recovered([record()], [row]) == 0
