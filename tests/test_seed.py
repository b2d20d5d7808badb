"""The real attachment, checked against what the issue states by reading it by eye."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import qingdan


def test_seed_has_the_fifteen_records_a_person_sees(seed: Path) -> None:
    doc = qingdan.convert(seed)
    records = doc.records
    assert len(records) == 15
    assert doc.document.title == "新城区净土保卫战2019年工作任务清单"
    assert doc.document.attachment == "附件1"
    assert doc.document.year == 2019
    assert [c.field for c in doc.document.columns] == [
        "category", "measure", "lead", "support", "deadline"
    ]  # fmt: skip


def test_seed_categories_carry_forward_and_survive_page_breaks(seed: Path) -> None:
    records = qingdan.convert(seed).records
    printed = {1: "土壤污染状况详查", 3: "建设用地准入管理", 6: "土壤污染源头管控",
               13: "土壤污染源头管控", 14: "开展土壤污染防治"}  # fmt: skip
    inherits = {2: 1, 4: 3, 5: 3, 7: 6, 8: 6, 9: 6, 10: 6, 11: 6, 12: 6, 15: 14}
    for seq, category in printed.items():
        assert records[seq - 1].category == category
    for seq, source in inherits.items():
        assert records[seq - 1].category == records[source - 1].category
    assert records[12].measure == "推进“垃圾围堰”整治工作。"


def test_seed_departments_are_rejoined_and_split(seed: Path) -> None:
    records = qingdan.convert(seed).records
    assert records[0].lead == ["生态环境新城分局"]
    assert records[10].support == [
        "区发改委",
        "区住建局",
        "区财政局",
        "生态环境新城分局",
        "各街道办事处",
    ]
    assert records[1].support[:2] == ["区发改委", "区科技局"]


def test_seed_deadlines_are_december_2019(seed: Path) -> None:
    records = qingdan.convert(seed).records
    assert {r.deadline for r in records} == {"2019年12月"}
    assert {r.due for r in records} == {date(2019, 12, 31)}
