"""What the text above the table says about the document: attachment label, title, year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qingdan.extract.grid import RawTable
from qingdan.normalize.text import squeeze

_ATTACHMENT = re.compile(r"^(附件\s*[0-9０-９一二三四五六七八九十]*)[:：]?$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|—|-|至)")
_TITLE_WORDS = ("清单", "分工", "任务", "方案", "台账", "计划", "一览表", "责任")


@dataclass(frozen=True)
class DocumentInfo:
    """The attachment label (附件1), the title, and the year the title names."""

    attachment: str | None
    title: str | None
    year: int | None


def describe_document(text_before: list[str]) -> DocumentInfo:
    """Read the attachment label, title and year from the lines above the first table.

    The title is the first line that is not the attachment label and reads like a
    title (names a 清单, 任务, 分工 ...), else the first such line at all; the year is
    the first year the title names.
    """
    attachment = None
    candidates: list[str] = []
    for line in text_before:
        compact = squeeze(line)
        if not compact:
            continue
        label = _ATTACHMENT.match(compact)
        if label and attachment is None:
            attachment = label.group(1)
        else:
            candidates.append(line.strip())
    title = next((c for c in candidates if any(w in c for w in _TITLE_WORDS)), None)
    if title is None and candidates:
        title = candidates[0]
    year_match = _YEAR.search(title or "")
    year = int(year_match.group(1)) if year_match else None
    return DocumentInfo(attachment, title, year)


def lines_naming_the_list(
    text_before: list[str], tables: list[RawTable], first_task_table: RawTable | None
) -> list[str]:
    """The text lines that name a task list: those right above its first table when
    other tables come before it (a contact list, a cover table), else the lines above
    the document's first table."""
    if first_task_table is None or first_task_table is tables[0]:
        return text_before
    return first_task_table.text_above or text_before
