"""Table shapes of published lists that decide who leads and what a row holds (issue 31).

Each case is built here with invented words (other wording than the real-shapes
skeletons), with the records a careful analyst reads from it (docs/conventions.md).
"""

from __future__ import annotations

from typing import Any

from qingdan.normalize import normalize
from qingdan.normalize.model import TaskList

from tests.normalize.grids import raw_document


def _records(task_list: TaskList, *fields: str) -> list[dict[str, Any]]:
    return [{name: getattr(record, name) for name in fields} for record in task_list.records]


def test_a_responsible_column_leads_in_a_row_whose_lead_cell_is_empty() -> None:
    # 责任单位 supports only because 牵头单位 stands beside it: with nobody named in
    # 牵头单位, the responsible units lead. A 配合 column's names stay support.
    grid = [
        ["序号", "工作任务", "牵头单位", "责任单位"],
        ["1", "建成区级养老服务指导中心。", "区民政局", "区财政局、各街道"],
        ["2", "新增公共停车泊位2000个。", "", "区交通局、区城管局"],
    ]
    task_list = normalize(raw_document(grid))
    assert _records(task_list, "lead", "support") == [
        {"lead": ["区民政局"], "support": ["区财政局", "各街道"]},
        {"lead": ["区交通局", "区城管局"], "support": []},
    ]


def test_a_support_column_stays_support_when_the_lead_cell_is_empty() -> None:
    grid = [
        ["序号", "工作任务", "牵头单位", "配合单位"],
        ["1", "建成区级养老服务指导中心。", "区民政局", "区财政局"],
        ["2", "新增公共停车泊位2000个。", "", "区交通局"],
    ]
    task_list = normalize(raw_document(grid))
    assert _records(task_list, "lead", "support")[1] == {"lead": [], "support": ["区交通局"]}
