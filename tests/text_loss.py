"""Shared pieces of the property tests: random task-list text, and the "no text lost" check.

Cells are drawn from an alphabet with no character of any header label (so a random
cell never reads as a header by accident); headers are the real labels. The check:
every non-whitespace character of every non-header cell appears in some record
field, in ``extra``, or in a warning. Department separators (、，；/。, the reader's own
``SEPARATORS``) in department cells are exempt: they separate names and are not part
of any name.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from hypothesis import strategies as st
from qingdan.extract.grid import Cell, RawDocument
from qingdan.extract.grid import cell_text as text_of
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.units.departments import SEPARATORS
from qingdan.schema import Document

from tests.records import as_read

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
        # Where values were printed (the page, the cells) is no text of the document.
        values: dict[str, Any] = as_read(record)
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


# Character conservation over whole documents (issue 33: "339 of 91,388 printed
# characters appeared in no field, extra or warning").
#
# A printed character is a non-whitespace character of a table cell or of a line of text
# above, between or below the tables. It is kept when it appears in the document's title,
# attachment label or column labels, in a record field, in ``extra`` (labels and
# values) or in a warning. Counting is per document over the distinct printed texts: a
# header repeated on every page, or a merged cell a text dump printed on every row,
# is one text. What the reading consumes as structure is not content and is taken out
# first, from the same data the reading asks: the role words and labels of a
# responsibility cell (``responsibility.toml``), a column label written as a
# paragraph's label ("完成时限："), and the separators between names.

STRUCTURE_PUNCTUATION = DEPARTMENT_SEPARATORS | set("：:")
"""Separators between names, and the colon after a label: structure, not content."""


def _structure_words() -> list[str]:
    """Every word the reading turns into a role or a label, longest first."""
    from qingdan.normalize.datafiles import builtin

    words: set[str] = set(Knowledge.load().columns.by_label)
    for group in builtin("responsibility.toml").values():
        for value in group.values():
            words.update(value if isinstance(value, list) else [value])
    return sorted(words, key=len, reverse=True)


def _structure_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(word) for word in _structure_words())
    return re.compile(rf"[（(](?:{words})[）)]|(?:{words})")


_NUMBERING = re.compile(r"^\s*[(（]?[0-9一二三四五六七八九十]+[.．、)）]", re.MULTILINE)
"""A paragraph item's numbering ("11.", "（一）"): the record's ``no``, printed apart."""


def _content(text: str, structure: re.Pattern[str]) -> str:
    """A printed text without its whitespace and its structure words (in that order: a
    role word may be wrapped over two lines, 负\n责)."""
    return structure.sub("", "".join(_NUMBERING.sub("", text).split()))


def printed_texts(raw: RawDocument) -> set[str]:
    """The distinct texts a document prints: its table cells and the lines around them."""
    content = raw.content
    texts = set(content.text_before)
    for table in content.tables:
        texts.update(table.text_above)
        texts.update(text_of(cell) for row in table.rows for cell in row.cells)
    return texts


def document_text(document: Document) -> Counter[str]:
    """Every non-whitespace character a converted document carries, with its count."""
    info = document.document
    parts = [info.title or "", info.attachment or ""]
    parts.extend(column.label for column in info.columns)
    for record in document.records:
        parts.extend(record.extra)
    return output_text(document) + Counter("".join("".join(parts).split()))


def lost_in_document(raw: RawDocument, document: Document) -> Counter[str]:
    """The printed characters (with how many of each) the document carries nowhere."""
    structure = _structure_pattern()
    have = document_text(document)
    need: Counter[str] = Counter()
    for text in printed_texts(raw):
        need.update(_content(text, structure))
    return Counter(
        {
            char: count - have[char]
            for char, count in need.items()
            if count > have[char] and char not in STRUCTURE_PUNCTUATION
        }
    )
