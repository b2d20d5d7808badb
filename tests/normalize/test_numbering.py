"""序号 kept as printed; gaps, repeats and steps back reported (issue 5)."""

from __future__ import annotations

import pytest
from qingdan.normalize import normalize
from qingdan.normalize.model import TaskRecord
from qingdan.normalize.numbering import Number, check_numbering, read_number

from tests.normalize.grids import raw_document


def _records(*numbers: str, sections: list[str | None] | None = None) -> list[TaskRecord]:
    sections = sections or [None] * len(numbers)
    return [
        TaskRecord(seq=i, measure="措施", no=no, section=section)
        for i, (no, section) in enumerate(zip(numbers, sections, strict=True), start=1)
    ]


@pytest.mark.parametrize(
    ("printed", "number"),
    [
        ("1", Number("arabic1", (1,))),
        ("12.", Number("arabic1", (12,))),
        ("1.2", Number("arabic2", (1, 2))),
        ("1．2", Number("arabic2", (1, 2))),
        ("（一）", Number("chinese()", (1,))),
        ("(二)", Number("chinese()", (2,))),
        ("十二、", Number("chinese、", (12,))),
        ("二十三、", Number("chinese、", (23,))),
        ("（3）", Number("(arabic)", (3,))),
        ("说明", None),
        (None, None),
    ],
)
def test_printed_numbers_are_read(printed: str | None, number: Number | None) -> None:
    assert read_number(printed) == number


@pytest.mark.parametrize(
    "numbers",
    [
        ["1", "2", "3"],
        ["1.1", "1.2", "2.1", "2.2"],
        ["（一）", "（二）", "(三)"],
        ["（一）", "1", "2", "（二）", "1"],
        ["1", "", "2"],
    ],
)
def test_numbering_in_order_gives_no_warning(numbers: list[str]) -> None:
    assert check_numbering(_records(*numbers)) == []


def test_numbering_may_restart_in_a_new_section() -> None:
    records = _records("1", "2", "1", "2", sections=["一、", "一、", "二、", "二、"])
    assert check_numbering(records) == []


@pytest.mark.parametrize(
    ("numbers", "row", "words"),
    [
        (["1", "2", "4"], 3, "'4' jumps from '2'"),
        (["1", "2", "2", "3"], 3, "'2' repeats '2'"),
        (["1", "2", "3", "2"], 4, "'2' steps back from '3'"),
        (["1", "2", "1"], 3, "'1' steps back from '2'"),
        (["1.1", "1.3"], 2, "'1.3' jumps from '1.1'"),
        (["（一）", "（三）"], 2, "'（三）' jumps from '（一）'"),
    ],
)
def test_numbering_problem_is_reported_on_its_row(numbers: list[str], row: int, words: str) -> None:
    [warning] = check_numbering(_records(*numbers))
    assert (warning.code, warning.row) == ("numbering", row)
    assert words in warning.message


def test_no_is_kept_as_printed_and_a_gap_is_warned_through_normalize() -> None:
    grid: list[list[str | None]] = [
        ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"],
        ["（一）", "养老服务", "建设社区养老服务站。", "区民政局", "各街道办事处", "2019年底前"],
        ["（三）", "养老服务", "开展家庭养老床位试点。", "区民政局", "区卫生健康委", "2019年底前"],
    ]
    task_list = normalize(raw_document(grid))
    assert [r.no for r in task_list.records] == ["（一）", "（三）"]
    assert [(w.code, w.row) for w in task_list.warnings] == [("numbering", 2)]


@pytest.mark.parametrize("merged", [None, ""], ids=["covered", "text dump"])
def test_a_merged_number_over_one_tasks_rows_is_carried_and_not_a_repeat(
    merged: str | None,
) -> None:
    grid: list[list[str | None]] = [
        ["序号", "重点任务", "具体措施", "牵头单位", "完成时限"],
        ["1", "散煤治理", "完成煤改电改造。", "区发展改革委", "2019年10月底前"],
        [merged, merged, "取缔无证散煤销售点。", "区市场监管局", "长期坚持"],
        [merged, merged, "推广清洁取暖。", "区住房城乡建设局", "2019年10月底前"],
        ["2", "扬尘管控", "安装在线监测设备。", "区住房城乡建设局", "2019年6月底前"],
    ]
    task_list = normalize(raw_document(grid))
    assert [(r.no, r.category) for r in task_list.records] == [
        ("1", "散煤治理"), ("1", "散煤治理"), ("1", "散煤治理"), ("2", "扬尘管控")
    ]  # fmt: skip
    assert task_list.warnings == []


def test_a_repeated_number_under_another_category_is_reported() -> None:
    records = _records("1", "2", "2")
    records[1] = records[1]._replace(category="散煤治理")
    records[2] = records[2]._replace(category="扬尘管控")
    assert [w.row for w in check_numbering(records)] == [3]
