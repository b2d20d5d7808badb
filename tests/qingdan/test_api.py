"""The Python API: ``qingdan.convert`` and the document model."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

import qingdan
from qingdan.schema import Record


def test_convert_returns_a_validated_document(seed: Path) -> None:
    doc = qingdan.convert(seed)
    assert isinstance(doc, qingdan.Document)
    assert doc.document.format == "txt"
    assert len(doc.document.sha256) == 64


def test_to_dataframe_has_one_row_per_record(seed: Path) -> None:
    frame = qingdan.convert(seed).to_dataframe()
    assert frame.shape[0] == 15
    assert frame.loc[0, "lead"] == ["生态环境新城分局"]
    assert list(frame.columns)[:3] == ["seq", "section", "category"]


def test_user_column_synonyms_extend_the_built_in_ones(tmp_path: Path) -> None:
    attachment = tmp_path / "list.txt"
    attachment.write_text("\t重点工作\n\t具体举措要求\n\n\t大气\n\t治理扬尘\n", encoding="utf-8")
    with pytest.raises(qingdan.QingdanError, match="no table with a task-list header"):
        qingdan.convert(attachment)
    columns = tmp_path / "columns.yaml"
    columns.write_text("measure: [具体举措要求]\n", encoding="utf-8")
    doc = qingdan.convert(attachment, qingdan.Knowledge.load(columns=columns))
    assert doc.records[0].measure == "治理扬尘"


def test_a_record_rejects_what_the_contract_forbids() -> None:
    valid = {
        "seq": 1, "section": None, "category": None, "no": None, "measure": "x", "lead": [],
        "support": [], "deadline": None, "due": None, "due_kind": None, "page": None,
    }  # fmt: skip
    assert Record.model_validate(valid).seq == 1
    for bad in ({"seq": 0}, {"lead": [""]}, {"due_kind": "soon"}, {"colour": "red"}):
        with pytest.raises(ValidationError):
            Record.model_validate(valid | bad)
