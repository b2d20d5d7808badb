"""Which text lines name a task list: right above its first table, or above the first table."""

from __future__ import annotations

from qingdan.extract.grid import RawRow, RawTable
from qingdan.normalize.document_info import lines_naming_the_list

CONTACTS = RawTable([RawRow(["联系人", "电话"])], "table 1", text_above=["附件1", "联系人名单"])
TASKS = RawTable([RawRow(["重点工作", "工作措施"])], "table 2", text_above=["附件2", "任务清单"])
BEFORE = ["附件1", "联系人名单"]


def test_lines_right_above_a_task_table_that_follows_another_table() -> None:
    assert lines_naming_the_list(BEFORE, [CONTACTS, TASKS], TASKS) == ["附件2", "任务清单"]


def test_first_table_is_named_by_the_text_before_it() -> None:
    assert lines_naming_the_list(["附件2", "任务清单"], [TASKS, CONTACTS], TASKS) == [
        "附件2",
        "任务清单",
    ]


def test_reader_without_text_between_tables_falls_back_to_text_before() -> None:
    bare = RawTable(TASKS.rows, "table 2")
    assert lines_naming_the_list(BEFORE, [CONTACTS, bare], bare) == BEFORE
    assert lines_naming_the_list(BEFORE, [CONTACTS], None) == BEFORE
