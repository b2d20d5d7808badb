"""The CSV writer gives every ``extra`` label a column of its own (issue 5)."""

from __future__ import annotations

import csv
import io

from qingdan.extract.grid import Cell
from qingdan.normalize import normalize
from qingdan.schema import from_task_list

from qingdan.writers.csv import RECORD_COLUMNS, document_csv
from tests.normalize.grids import raw_document


def test_unmapped_columns_appear_in_the_csv() -> None:
    grid: list[list[Cell]] = [
        ["重点工作", "工作措施", "牵头部门", "完成时限", "备注"],
        ["防汛", "清淤排水管网。", "区水务局", "2019年5月底前", "汛前完成"],
        ["防汛", "修订应急预案。", "区应急局", "2019年4月底前", ""],
    ]
    document = from_task_list(normalize(raw_document(grid)))
    rows = list(csv.reader(io.StringIO(document_csv(document).decode("utf-8-sig"))))
    assert rows[0] == [*RECORD_COLUMNS, "备注"]
    assert [row[-1] for row in rows[1:]] == ["汛前完成", ""]
