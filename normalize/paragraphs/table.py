"""The synthetic table: the items read into the rows a task table gives.

A header whose labels say what each column is (序号, 类别, 任务内容, then each role label
as printed: 牵头单位, 配合单位, 完成时限 ...), a full-width section row for each section
heading, and one row per item. The normal chain then builds the records, so departments
and deadlines are read exactly as in a table.
"""

from __future__ import annotations

from qingdan.extract.grid import Cell, Covered, RawRow, RawTable
from qingdan.normalize.columns import ColumnSynonyms
from qingdan.normalize.paragraphs.items import Item, Reader
from qingdan.normalize.paragraphs.role_lines import RESPONSIBILITY, RESPONSIBLE_LABEL
from qingdan.normalize.roles import Role

NO_LABEL, CATEGORY_LABEL, MEASURE_LABEL = "序号", "类别", "任务内容"
"""The synthetic header's labels for what paragraph form does not label itself."""
_ROLE_WORDS = {Role.LEAD: "牵头单位", Role.SUPPORT: "配合单位", Role.RESPONSIBLE: RESPONSIBLE_LABEL}
"""The label a folded 责任单位 cell writes for each role's line."""


def synthetic_table(reader: Reader) -> RawTable:
    """The synthetic table: header, section rows and one row per item."""
    has_category = any(item.category for item in reader.items())
    columns = _role_columns(reader)
    header = [NO_LABEL, *([CATEGORY_LABEL] if has_category else []), MEASURE_LABEL]
    # One label folded alone keeps its printed name (单位), as a table's column does.
    header += [
        labels[0] if column == RESPONSIBLE_LABEL and len(set(labels)) == 1 else column
        for column, labels in columns.items()
    ]
    rows = [RawRow(list[Cell](header))]
    for entry in reader.entries:
        if isinstance(entry, str):
            rows.append(RawRow([entry, *[Covered.LEFT] * (len(header) - 1)]))
            continue
        cells: list[Cell] = [entry.no]
        if has_category:
            cells.append(entry.category or "")
        cells.append("\n".join(entry.lines))
        for column, labels in columns.items():
            cells.append(_column_text(entry, column, labels, reader.synonyms))
        rows.append(RawRow(cells))
    return RawTable(rows=rows, name="numbered paragraphs")


def _role_columns(reader: Reader) -> dict[str, list[str]]:
    """The role columns: column label -> the role labels whose lines it holds.

    Labels of one lead, support or deadline role share a column named by the first
    seen (牵头单位 and 牵头部门 lines are one column); people and notes keep a column
    per label (they go to ``extra`` under it). When some item names its units under
    a 责任单位 label (or several roles on one line), every item's responsibility
    lines go into one 责任单位 column read from its words: in paragraph form the
    roles are each item's own, not a column's.
    """
    roles = {
        label: None if label in reader.not_units else reader.synonyms.role_for(label)
        for label in reader.labels
    }
    fold = RESPONSIBLE_LABEL in roles or Role.RESPONSIBLE in roles.values()
    columns: dict[str, list[str]] = {}
    first_of: dict[Role, str] = {}
    for label in reader.labels:
        role = roles[label]
        if label == RESPONSIBLE_LABEL or (fold and role in RESPONSIBILITY):
            columns.setdefault(RESPONSIBLE_LABEL, []).append(label)
        elif role in (Role.LEAD, Role.SUPPORT, Role.DEADLINE) and role is not None:
            column = first_of.setdefault(role, label)
            columns.setdefault(column, []).append(label)
        else:
            columns[label] = [label]
    return columns


def _column_text(item: Item, column: str, labels: list[str], synonyms: ColumnSynonyms) -> str:
    """An item's cell in ``column``, which holds the lines of ``labels``.

    In a folded 责任单位 column, a 牵头单位/配合单位 line keeps a label, so the cell
    reads "牵头单位：X；配合单位：Y"; so does a 责任单位 line after another.
    """
    if column != RESPONSIBLE_LABEL:
        return "\n".join(line for label in labels for line in item.roles.get(label, []))
    parts: list[str] = []
    # The lead's line first: beside a 牵头单位 line, a 责任单位 line names who supports,
    # whichever came first in the document (the cell's reading takes its first words as
    # its own).
    for label in sorted(labels, key=lambda label: synonyms.role_for(label) is not Role.LEAD):
        values = item.roles.get(label)
        if not values:
            continue
        text = "\n".join(values)
        # A 责任单位-type label first is the cell's own word; after a 牵头 label it says
        # who supports ("牵头单位：X；责任（配合）单位：Y"). Each label is written as the
        # word of its role, which the cell's reading knows whatever the printed label.
        role = synonyms.role_for(label)
        own = label == RESPONSIBLE_LABEL or role is Role.RESPONSIBLE
        word = _ROLE_WORDS.get(role, label) if role is not None else label
        parts.append(text if own and not parts else f"{word}：{text}")
    return "；".join(parts)
