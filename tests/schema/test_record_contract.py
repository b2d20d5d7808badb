"""The record's shape has one definition, ``qingdan.schema.Record`` (issues 12, 18):
every copy of it (the CSV/XLSX columns and labels, the database ``records`` table,
the diff's record view, the contract table in docs/output.md) is derived from it or
checked here, so adding a field to ``Record`` without the others fails."""

from __future__ import annotations

import re
from pathlib import Path

from qingdan.schema import FLAT_FIELDS, Record

from qingdan.diff.model import RecordView
from qingdan.sinks.database import records_table
from qingdan.writers.labels import labels
from qingdan.writers.record_table import RECORD_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
FIELDS = list(Record.model_fields)
FLAT = [name for name in FIELDS if name != "cells"]
"""Every field but where the values were printed (``cells``: JSON only, issue 28)."""


def test_flat_tables_leave_out_only_the_source_cells() -> None:
    assert FIELDS[-1] == "cells"
    assert FLAT_FIELDS == FLAT


def test_spreadsheet_columns_are_the_record_fields_in_order() -> None:
    assert [name for name in FLAT if name != "extra"] == RECORD_COLUMNS


def test_every_field_has_a_spreadsheet_label() -> None:
    assert list(labels("record")) == FLAT


def test_the_database_stores_every_field() -> None:
    assert [c.name for c in records_table.columns] == ["sha256", *FLAT]
    assert {"lead_canonical", "support_canonical"} <= set(records_table.columns.keys())


def _plain(annotation: object) -> str:
    """An annotation's text without ``Annotated`` constraints (a department name is a str)."""
    return re.sub(r"typing\.Annotated\[(\w+), [^\]]*\]", r"\1", str(annotation))


def test_the_diff_view_is_a_projection_of_the_record() -> None:
    for name, info in RecordView.model_fields.items():
        assert name in Record.model_fields, name
        assert _plain(info.annotation) == _plain(Record.model_fields[name].annotation), name


def test_the_documented_contract_table_lists_every_field() -> None:
    text = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    section = text.split("## Record fields", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)
    assert documented == FIELDS


def test_the_fields_read_from_the_document_are_record_fields_in_order() -> None:
    """The scorer's truth fields and the reviewer's editable fields are one list."""
    from qingdan.schema import READ_FIELDS

    from corpus.model import RECORD_FIELDS
    from qingdan.serve.edits import EDITABLE

    assert [name for name in FIELDS if name in READ_FIELDS] == list(READ_FIELDS)
    assert RECORD_FIELDS is READ_FIELDS
    assert EDITABLE is READ_FIELDS
