"""Field-level changes of one matched pair."""

from __future__ import annotations

from qingdan.diff.changes import Context, field_changes, measure_segments
from qingdan.diff.model import ChangedField, SegmentOp
from tests.qingdan.diff.builders import record

SAME_YEAR = Context(old_year=2019, gap=0, canonical=str)
NEXT_YEAR = Context(old_year=2019, gap=1, canonical=str)


def test_segments_rebuild_both_texts() -> None:
    old, new = (
        "配合省土壤详查工作组开展重点行业企业信息采集",
        "配合省土壤详查工作组完成重点行业企业信息采集成果集成",
    )
    segments = measure_segments(old, new)
    kept_old = "".join(s.text for s in segments if s.op is not SegmentOp.INSERT)
    kept_new = "".join(s.text for s in segments if s.op is not SegmentOp.DELETE)
    assert (kept_old, kept_new) == (old, new)
    assert [(s.op, s.text) for s in segments if s.op is not SegmentOp.EQUAL] == [
        (SegmentOp.DELETE, "开展"),
        (SegmentOp.INSERT, "完成"),
        (SegmentOp.INSERT, "成果集成"),
    ]


def test_identical_records_have_no_changes() -> None:
    assert field_changes(record(1, "推进整治"), record(4, "推进整治"), SAME_YEAR) == []


def test_a_deadline_rolled_by_the_year_gap_is_marked_rolled_forward() -> None:
    changes = field_changes(
        record(1, "推进整治"), record(1, "推进整治", deadline="2020年12月"), NEXT_YEAR
    )
    assert [(c.field, c.old, c.new, c.rolled_forward) for c in changes] == [
        (ChangedField.DEADLINE, "2019年12月", "2020年12月", True)
    ]


def test_a_deadline_moved_otherwise_is_a_real_change() -> None:
    changes = field_changes(
        record(1, "推进整治"), record(1, "推进整治", deadline="2020年6月"), NEXT_YEAR
    )
    assert [(c.field, c.rolled_forward) for c in changes] == [(ChangedField.DEADLINE, False)]


def test_a_measure_that_only_rolls_its_years_is_marked_rolled_forward() -> None:
    old, new = record(1, "巩固2018年“清废”成果"), record(1, "巩固2019年“清废”成果")
    [change] = [c for c in field_changes(old, new, NEXT_YEAR) if c.field is ChangedField.MEASURE]
    assert change.rolled_forward
    assert [s.text for s in change.segments if s.op is SegmentOp.INSERT] == ["9"]


def test_departments_added_and_removed_by_canonical_name() -> None:
    old = record(1, "推进整治", lead=["区城管局"], support=["区发改委", "区科技局"])
    new = record(1, "推进整治", lead=["区城管局", "区住建局"], support=["区发改委"])
    changes = {c.field: c for c in field_changes(old, new, SAME_YEAR)}
    assert (changes[ChangedField.LEAD].added, changes[ChangedField.LEAD].removed) == (
        ["区住建局"],
        [],
    )
    assert changes[ChangedField.SUPPORT].removed == ["区科技局"]
    assert changes[ChangedField.SUPPORT].old == "区发改委、区科技局"


def test_a_renamed_department_in_the_aliases_is_no_change() -> None:
    merged = {"规划新城分局": "市资源规划局新城分局", "国土新城分局": "市资源规划局新城分局"}
    context = Context(old_year=2019, gap=0, canonical=lambda name: merged.get(name, name))
    old = record(1, "推进整治", support=["规划新城分局", "国土新城分局", "各街道办事处"])
    new = record(1, "推进整治", support=["各街道办事处", "市资源规划局新城分局"])
    assert field_changes(old, new, context) == []


def test_category_and_section_changes() -> None:
    old = record(1, "推进整治", category="开展土壤污染防治", section=None)
    new = record(1, "推进整治", category="土壤污染治理与修复", section="一、净土保卫战")
    changes = field_changes(old, new, SAME_YEAR)
    assert [(c.field, c.old, c.new) for c in changes] == [
        (ChangedField.CATEGORY, "开展土壤污染防治", "土壤污染治理与修复"),
        (ChangedField.SECTION, None, "一、净土保卫战"),
    ]
