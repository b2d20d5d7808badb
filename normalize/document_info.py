"""What the text above the table says about the document: attachment label, title, year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qingdan.extract.grid import RawTable
from qingdan.normalize.text import squeeze

_ATTACHMENT = re.compile(r"^(附件\s*[0-9０-９一二三四五六七八九十]*)[:：]?$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|—|-|至)")
_TITLE_WORDS = ("清单", "分工", "任务", "方案", "台账", "计划", "一览表", "责任")
# A title printed over more lines than this is not a title but a paragraph.
_TITLE_LINES = 3
_TITLE_LINE_LENGTH = 30
_NOT_IN_TITLE = re.compile(r"[\s，,。；;：:！？]")


@dataclass(frozen=True)
class DocumentInfo:
    """The attachment label (附件1), the title, and the year the title names."""

    attachment: str | None
    title: str | None
    year: int | None


def describe_document(text_before: list[str]) -> DocumentInfo:
    """Read the attachment label, title and year from the lines above the first table.

    The title is every line of it (``title_lines``), joined with nothing between them;
    the year is the first year the title names, else the first in the heading lines.
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
    title = "".join(title_lines(candidates)) or None
    year_match = _YEAR.search(squeeze(title)) or next(
        (m for m in (_YEAR.search(squeeze(c)) for c in candidates) if m), None
    )
    year = int(year_match.group(1)) if year_match else None
    return DocumentInfo(attachment, title, year)


def title_lines(lines: list[str]) -> list[str]:
    """The lines of the title among plain lines: the first line that names a 清单, 任务,
    分工 …, with the lines right above it that continue it (a title printed on two
    lines, "某市2023年乡村振兴" / "重点工作责任分工", is one title); the first line alone
    when none names one.

    A line above continues the title when it reads like a title's start: short, with
    no space and no sentence punctuation (a stamp such as "内部资料 注意保存" does not).
    """
    named = next(
        (i for i, line in enumerate(lines) if any(word in line for word in _TITLE_WORDS)), None
    )
    if named is None:
        return lines[:1]
    start = named
    while start > 0 and named - start < _TITLE_LINES - 1 and _continues_title(lines[start - 1]):
        start -= 1
    return lines[start : named + 1]


def _continues_title(line: str) -> bool:
    return len(line) <= _TITLE_LINE_LENGTH and not _NOT_IN_TITLE.search(line)


def lines_naming_the_list(
    text_before: list[str], tables: list[RawTable], first_task_table: RawTable | None
) -> list[str]:
    """The text lines that name a task list: those right above its first table when
    other tables come before it (a contact list, a cover table), else the lines above
    the document's first table."""
    if first_task_table is None or first_task_table is tables[0]:
        return text_before
    return first_task_table.text_above or text_before
