"""Nothing is dropped: a column no synonym maps is kept in ``extra`` (issue 5)."""

from __future__ import annotations

from qingdan.extract.grid import Cell
from qingdan.normalize import normalize

from tests.normalize.grids import raw_document


def test_an_unmapped_column_is_kept_in_extra_by_its_label() -> None:
    grid: list[list[Cell]] = [
        ["重点工作", "工作措施", "牵头部门", "完成时限", "责任领导", "备注"],
        ["养老", "建设社区养老服务站。", "区民政局", "2019年底前", "张三", "新建\n3个"],
        ["养老", "开展适老化改造。", "区民政局", "2019年底前", "李四", ""],
    ]
    task_list = normalize(raw_document(grid))
    assert [(c.label, c.field) for c in task_list.columns][-2:] == [
        ("责任领导", None),
        ("备注", None),
    ]
    assert [r.extra for r in task_list.records] == [
        {"责任领导": "张三", "备注": "新建3个"},
        {"责任领导": "李四"},
    ]
