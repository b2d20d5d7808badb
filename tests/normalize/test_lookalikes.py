"""normalize/lookalikes.py: look-alike characters in deadlines read by OCR (issue 20)."""

from __future__ import annotations

from datetime import date

import pytest
from qingdan.extract.grid import Cell, Extracted, RawDocument, RawRow, RawTable, ReaderTraits
from qingdan.normalize import TaskList, normalize
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.lookalikes import correct_deadline

KNOWLEDGE = Knowledge.load()

HEADER: list[Cell] = ["重点工作", "工作措施", "牵头部门", "完成时限"]


@pytest.mark.parametrize(
    ("read", "meant", "due"),
    [
        ("2019年6月3O日", "2019年6月30日", date(2019, 6, 30)),  # a letter O for a zero
        ("2019年12月31曰", "2019年12月31日", date(2019, 12, 31)),
        ("二○一九年十二月底", "二〇一九年十二月底", date(2019, 12, 31)),
        ("20l9年9月底前", "2019年9月底前", date(2019, 9, 30)),
        ("2019一2020年", "2019-2020年", date(2020, 12, 31)),
    ],
)
def test_a_lookalike_in_a_date_is_swapped_back(read: str, meant: str, due: date) -> None:
    fixed = correct_deadline(read, 2019, KNOWLEDGE.lookalikes, KNOWLEDGE.deadlines)
    assert fixed is not None
    assert fixed[0] == meant and fixed[1].due == due


@pytest.mark.parametrize("text", ["2019年12月", "长期坚持", "O型", "一季度", "2019年一季度"])
def test_text_without_a_proven_misreading_is_left_alone(text: str) -> None:
    assert correct_deadline(text, 2019, KNOWLEDGE.lookalikes, KNOWLEDGE.deadlines) is None


def _normalized(deadline: str, misread: bool) -> TaskList:
    table = RawTable([RawRow(HEADER), RawRow(["土壤污染", "完善监测网络。", "区发改委", deadline])])
    traits = ReaderTraits(text_may_be_misread=misread)
    return normalize(RawDocument("scan.pdf", "pdf", "0" * 64, Extracted([table], traits=traits)))


def test_a_deadline_read_by_ocr_is_corrected_with_a_warning() -> None:
    result = _normalized("2019年6月3O日", misread=True)
    record = result.records[0]
    assert (record.deadline, record.due) == ("2019年6月30日", date(2019, 6, 30))
    [warning] = [w for w in result.warnings if w.code == "ocr-correction"]
    assert warning.row == 1 and "'2019年6月3O日'" in warning.message


def test_a_deadline_read_from_text_is_never_corrected() -> None:
    result = _normalized("2019年6月3O日", misread=False)
    assert result.records[0].deadline == "2019年6月3O日"
    assert not [w for w in result.warnings if w.code == "ocr-correction"]
