"""Where a record was printed is named once (``schema.PRINTED_AT``), and the tests that
compare renderings compare everything else (``tests.records.as_read``)."""

from __future__ import annotations

from qingdan.schema import FLAT_FIELDS, PRINTED_AT, READ_FIELDS, Record, SourceCell

import qingdan
from tests.conftest import SAMPLES
from tests.records import all_as_read, as_read


def test_the_place_fields_are_record_fields_no_value_is_read_from() -> None:
    assert set(PRINTED_AT) <= set(Record.model_fields)
    assert not set(PRINTED_AT) & set(READ_FIELDS)
    # A flat table keeps the page a person looks up, and leaves out the cells.
    assert [name for name in PRINTED_AT if name not in FLAT_FIELDS] == ["cells"]


def _record(page: int | None, cells: list[SourceCell]) -> Record:
    return Record.model_validate(
        {
            "seq": 1, "section": None, "category": None, "no": "1", "measure": "措施甲",
            "lead": ["区财政局"], "support": [], "deadline": None, "due": None,
            "due_kind": None, "page": page, "cells": cells,
        }
    )  # fmt: skip


def test_records_printed_elsewhere_read_the_same() -> None:
    cell = SourceCell(field="measure", table=0, row=1, column=1, page=2, box=(1, 2, 3, 4))
    assert as_read(_record(2, [cell])) == as_read(_record(None, []))
    assert "page" not in as_read(_record(2, [cell]))


def test_records_that_read_otherwise_differ() -> None:
    other = _record(None, []).model_copy(update={"measure": "措施乙"})
    assert as_read(other) != as_read(_record(None, []))


def test_a_record_and_its_json_read_the_same() -> None:
    document = qingdan.convert(SAMPLES / "001_xincheng_2020_merged.docx")
    data = [record.model_dump(mode="json") for record in document.records]
    assert all_as_read(document.records) == all_as_read(data)
    assert all("cells" in record for record in data)
