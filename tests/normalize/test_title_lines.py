"""The title above a table: every line of it, joined; the year it names (docs/conventions.md)."""

from __future__ import annotations

import pytest
from qingdan.normalize.document_info import describe_document
from qingdan.normalize.knowledge import Knowledge

TITLES = Knowledge.load().titles
"""The built-in title words (``data/titles.toml``)."""


@pytest.mark.parametrize(
    ("lines", "title", "year"),
    [
        (
            ["附件1", "某市2023年乡村振兴", "重点工作责任分工"],
            "某市2023年乡村振兴重点工作责任分工",
            2023,
        ),
        (["附件2", "某县2021年重点工作任务清单"], "某县2021年重点工作任务清单", 2021),
        (["某区重点工作任务分工方案", "（2022年3月）"], "某区重点工作任务分工方案", 2022),
        (["附件", "重点工作任务分工"], "重点工作任务分工", None),
        (["2020年度", "整改清单"], "2020年度整改清单", 2020),
        # The line naming the list first, its end on the next line (naming one too).
        (
            ["某县2024年民生实事任务分解", "和责任分工方案"],
            "某县2024年民生实事任务分解和责任分工方案",
            2024,
        ),
        (["某镇重点工作任务清单", "一、任务分工"], "某镇重点工作任务清单", None),
        (["某区重点工作任务清单", "说明"], "某区重点工作任务清单", None),
        # the line that names the list first, and one below that names it too
        (
            ["某县2024年民生实事重点任务", "责任分工表"],
            "某县2024年民生实事重点任务责任分工表",
            2024,
        ),
        (["某县2024年民生实事重点任务", "二〇二四年三月"], "某县2024年民生实事重点任务", 2024),
        (["某县2024年民生实事重点任务", "（征求意见稿）"], "某县2024年民生实事重点任务", 2024),
    ],
)
def test_a_title_on_several_lines_is_one_title(
    lines: list[str], title: str, year: int | None
) -> None:
    info = describe_document(lines, TITLES)
    assert (info.title, info.year) == (title, year)
