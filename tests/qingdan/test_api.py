"""The Python API: ``qingdan.convert`` and the document model."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from qingdan.schema import Record

import qingdan


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


def test_to_dataframe_gives_due_as_datetime_and_lists_as_lists(seed: Path) -> None:
    frame = qingdan.convert(seed).to_dataframe()
    assert str(frame["due"].dtype).startswith("datetime64")
    assert frame["due"].dt.year.iloc[0] == 2019
    assert str(frame["seq"].dtype) == "Int64"
    exploded = frame.explode("support")
    assert len(exploded) > len(frame)
    assert isinstance(frame.loc[10, "support"], list)


def test_version_comes_from_the_installed_distribution() -> None:
    from importlib.metadata import version

    assert qingdan.__version__ == version("qingdan")
    assert (Path(qingdan.__file__).parent / "py.typed").is_file()


def test_the_diff_api_takes_str_and_path(seed: Path) -> None:
    from qingdan.diff import compare, load_document

    by_str = compare(str(seed), str(seed))
    by_path = compare(seed, load_document(str(seed)))
    assert by_str.summary.unchanged == by_path.summary.unchanged == 15
