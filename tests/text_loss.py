"""Shared pieces of the property tests: random task-list text, and the "no text lost" check.

Cells are drawn from an alphabet with no character of any header label (so a random
cell never reads as a header by accident); headers are the real labels. The check:
every non-whitespace character of every non-header cell appears in some record
field, in ``extra``, or in a warning. Department separators (、，；/。, the reader's own
``SEPARATORS``) in department cells are exempt: they separate names and are not part
of any name.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import strategies as st
from qingdan.extract.grid import Cell
from qingdan.extract.grid import cell_text as text_of
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.units.departments import SEPARATORS
from qingdan.schema import Document

HEADER = ["序号", "重点工作", "工作措施", "牵头部门", "配合部门", "完成时限"]
DEPARTMENT_COLUMNS = {3, 4}
DEPARTMENT_SEPARATORS = SEPARATORS

_LABEL_CHARS = set("".join(Knowledge.load().columns.by_label))
ALPHABET = "".join(
    sorted(
        set(
            "环境保护土壤污染治理推进落实区局委办街道监测数据整改年月底前长期坚持12390一二（）。，、"
        )
        - _LABEL_CHARS
    )
)

cell_text = st.text(alphabet=ALPHABET, min_size=0, max_size=12)
"""The text of one cell, possibly blank."""


def output_text(document: Document) -> Counter[str]:
    """Every non-whitespace character the document carries, with its count."""
    parts: list[str] = []
    for record in document.records:
        values: dict[str, Any] = record.model_dump(mode="json")
        for key, value in values.items():
            if key == "extra":
                parts.extend(value.values())
            elif isinstance(value, list):
                parts.extend(value)
            elif isinstance(value, str) and key not in ("due", "due_kind"):
                parts.append(value)
    parts.extend(w.message for w in document.warnings)
    return Counter("".join("".join(parts).split()))


def lost_characters(rows: list[list[Cell]], document: Document) -> set[str]:
    """The characters of the non-header cells that appear nowhere in the document."""
    have = output_text(document)
    lost: set[str] = set()
    for row in rows:
        for col, cell in enumerate(row):
            for char in "".join(text_of(cell).split()):
                if col in DEPARTMENT_COLUMNS and char in DEPARTMENT_SEPARATORS:
                    continue
                if char not in have:
                    lost.add(char)
    return lost
