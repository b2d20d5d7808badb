"""Roles come from the whole table, so the way a header is written must not matter (issue 12).

On every sample list (its Word rendering, read as the reader gives it), shuffling the
columns, writing a label as another synonym of the same role, or renaming a label to a
word no vocabulary knows leaves the records unchanged: the columns' contents carry the
choice. (A renamed ``extra`` column is kept under its new label, so ``extra`` is
compared by value.)
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from qingdan.extract import RawDocument, read_document
from qingdan.extract.grid import Cell, Extracted, RawTable
from qingdan.normalize import normalize
from qingdan.normalize.columns import label_key
from qingdan.normalize.knowledge import Knowledge
from qingdan.schema import from_task_list

from tests.records import all_as_read

SAMPLES = Path(__file__).resolve().parent.parent.parent / "samples"
WORD_RENDERINGS = sorted(SAMPLES.glob("*_merged.docx"))
SYNONYMS = Knowledge.load().columns


@cache
def _raw(path: Path) -> RawDocument:
    return read_document(path)


def _records(raw: RawDocument) -> list[dict[str, Any]]:
    document = from_task_list(normalize(raw))
    # What was read: a shuffled column is printed elsewhere (its cells' columns differ).
    records = all_as_read(json.loads(document.model_dump_json())["records"])
    for record in records:
        record["extra"] = sorted(record["extra"].values())
    return records


def _header_labels(raw: RawDocument) -> list[str]:
    task_list = normalize(raw)
    return [column.label for column in task_list.columns]


def _synonym(label: str) -> str:
    """Another label of the role this label suggests (the label itself if none)."""
    role = SYNONYMS.role_for(label)
    others = sorted(k for k, r in SYNONYMS.by_label.items() if r is role and k != label_key(label))
    return others[len(label) % len(others)] if role is not None and others else label


def _rewritten(raw: RawDocument, order: list[int], relabel: dict[str, str]) -> RawDocument:
    """The document with its columns in ``order`` and header labels rewritten."""

    def cell(value: Cell) -> Cell:
        if isinstance(value, str) and value in relabel:
            return relabel[value]
        return value

    tables: list[RawTable] = []
    for table in raw.tables:
        rows = []
        for row in table.rows:
            cells = [cell(c) for c in row.cells]
            if len(cells) == len(order):
                cells = [cells[i] for i in order]
            rows.append(row._replace(cells=cells))
        tables.append(table._replace(rows=rows))
    content = Extracted(tables, raw.content.text_before, raw.content.notices, raw.content.traits)
    return raw._replace(content=content)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(data=st.data())
def test_shuffled_columns_give_the_same_records(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(WORD_RENDERINGS))
    raw = _raw(path)
    width = len(_header_labels(raw))
    order = data.draw(st.permutations(range(width)))
    assert _records(_rewritten(raw, list(order), {})) == _records(raw)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(data=st.data())
def test_synonyms_and_unknown_labels_give_the_same_records(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(WORD_RENDERINGS))
    raw = _raw(path)
    labels = [label for label in _header_labels(raw) if label]
    # Any labels written as synonyms, and at most one renamed to an unknown word (with
    # most labels unknown, the row is no longer recognisable as a header at all).
    synonyms = data.draw(st.sets(st.sampled_from(labels)))
    unknown = data.draw(st.one_of(st.none(), st.sampled_from(labels)))
    relabel = {label: _synonym(label) for label in synonyms}
    if unknown is not None:
        relabel[unknown] = "第九栏"
    width = len(_header_labels(raw))
    assert _records(_rewritten(raw, list(range(width)), relabel)) == _records(raw)
