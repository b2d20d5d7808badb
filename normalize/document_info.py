"""What the text above the table says about the document: attachment label, title, year.

The title is every line above the table that belongs to it, joined in order with
nothing between them (docs/conventions.md: a title printed on two lines is one title). A
reader that knows how lines are printed (PDF, DOCX: ``TextLine`` size, bold, centred)
lets the title be told by its look: the run of lines printed largest, or, when every
line has one size, the first run of centred (else bold) lines, a bracketed note such
as （2020年3月） ending it. Without a telling look
(plain text, or every line alike) the words tell (``title_lines``): the first line that
names a 清单, 任务 …, with the short lines right above it that continue it.
The year is the first year the title names, else the first date in the heading lines.

The document's own metadata, when printed (``read_issuance``): its 发文字号
(某政办发〔2023〕12号, a line of its own), its 成文日期 (a line that is a date and
nothing else, 2023年3月1日 or 二〇二三年三月一日) and its 发文机关 (the line right
above that date, the signature of a 落款). A number cited inside a sentence is another
document's, so only whole lines count; nothing printed gives null.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from qingdan.extract.grid import Extracted, RawTable, TextLine
from qingdan.normalize.script import NUMERAL, NUMERAL_CHARS, numeral_value
from qingdan.normalize.text import squeeze
from qingdan.normalize.title_words import TitleWords

_ATTACHMENT = re.compile(rf"^(附件\s*[0-9０-９{NUMERAL_CHARS}]*)[:：]?$")
_DOC_NUMBER = re.compile(
    r"^[\u4e00-\u9fff]{1,16}[〔\[［【（(]((?:19|20)\d{2})[〕\]］】）)]第?\d{1,5}号$"
)
_YEAR = re.compile(r"((?:19|20)\d{2})(?:年|—|-|至|\.\d|/\d)")
# A title printed over more lines than this is not a title but a paragraph.
_TITLE_LINES = 3
_TITLE_LINE_LENGTH = 30
_NOT_IN_TITLE = re.compile(r"[\s，,。；;：:！？]")
_BRACKETED = re.compile(r"^[（(].*[）)]$")
_HEADING = re.compile(rf"^(?:{NUMERAL}+[、.．]|[（(]{NUMERAL}+[）)]|\d{{1,3}}[.．、]|第{NUMERAL}+)")
"""A numbered heading or item under the title (一、 （一） 1. 第一部分): not the title."""
_SAME_SIZE = 0.5
"""Sizes (points) within this of each other count as one size."""


class DocumentInfo(NamedTuple):
    """The attachment label (附件1), the title, and the year the title names."""

    attachment: str | None
    title: str | None
    year: int | None


def describe_document(lines: Sequence[TextLine | str], words: TitleWords) -> DocumentInfo:
    """Read the attachment label, title and year from the lines above the first table
    (``words``: the words naming a list, ``data/titles.toml``)."""
    attachment = None
    candidates: list[TextLine] = []
    for entry in lines:
        line = entry if isinstance(entry, TextLine) else TextLine(entry)
        compact = squeeze(line.text)
        if not compact:
            continue
        if _DOC_NUMBER.match(compact):
            continue  # 发文字号: the document's metadata (read_issuance), never its title
        label = _ATTACHMENT.match(compact)
        if label and attachment is None:
            attachment = label.group(1)
        else:
            candidates.append(TextLine(line.text.strip(), line.size, line.bold, line.centered))
    title_lines = _title_by_look(candidates) or _title_by_words(candidates, words)
    title = "".join(line.text for line in title_lines) or None
    year = _first_year([title or ""]) or _first_year([line.text for line in candidates])
    return DocumentInfo(attachment, title, year)


def _title_by_look(lines: list[TextLine]) -> list[TextLine]:
    """The lines the look says are the title: the first run of the largest lines, or of
    centred or bold lines when all have one size; none when the look tells nothing."""
    sizes = [line.size for line in lines if line.size is not None]
    if not sizes:
        return []
    largest = max(sizes)
    if largest - min(sizes) > _SAME_SIZE:
        return _first_run([(line.size or 0) >= largest - _SAME_SIZE for line in lines], lines)
    for marked in ([bool(line.centered) for line in lines], [bool(line.bold) for line in lines]):
        if any(marked):
            return _first_run(marked, lines)
    return []


def _first_run(marked: list[bool], lines: list[TextLine]) -> list[TextLine]:
    """The first run of consecutive marked lines, up to a bracketed note (（2020年3月）)."""
    run: list[TextLine] = []
    for belongs, line in zip(marked, lines, strict=True):
        if belongs and not _BRACKETED.match(line.text):
            run.append(line)
        elif run:
            break
    return run


def _title_by_words(lines: list[TextLine], words: TitleWords) -> list[TextLine]:
    """The title's lines told by their words alone (``title_lines``)."""
    texts = title_lines([line.text for line in lines], words)
    start = next((i for i, line in enumerate(lines) if texts and line.text == texts[0]), 0)
    return lines[start : start + len(texts)]


def title_lines(lines: list[str], words: TitleWords) -> list[str]:
    """The lines of the title among plain lines: the first line that names a 清单, 任务,
    分工 …, with the lines right above it that continue it (a title printed on two
    lines, "某市2023年乡村振兴" / "重点工作责任分工", is one title) and the lines right
    below it that name a list too ("…重点任务" / "责任分解表"); the first line alone
    when none names one.

    A line above continues the title when it reads like a title's start: short, with
    no space and no sentence punctuation (a stamp such as "内部资料 注意保存" does not).
    """
    named = next((i for i, line in enumerate(lines) if _names_list(line, words)), None)
    if named is None:
        return lines[:1]
    start = named
    while start > 0 and named - start < _TITLE_LINES - 1 and _continues_title(lines[start - 1]):
        start -= 1
    end = named + 1
    while end < len(lines) and end - start < _TITLE_LINES and _ends_title(lines[end], words):
        end += 1
    return lines[start:end]


def _continues_title(line: str) -> bool:
    return len(line) <= _TITLE_LINE_LENGTH and not _NOT_IN_TITLE.search(line)


def _ends_title(line: str, words: TitleWords) -> bool:
    """Whether a line below the title's named line goes on with it ("…目标任务" /
    "责任分解方案"): title-like, not a bracketed note or a numbered heading, and naming a
    list itself."""
    return (
        _continues_title(line)
        and not _BRACKETED.match(line)
        and not _HEADING.match(line)
        and _names_list(line, words)
    )


def _names_list(line: str, words: TitleWords) -> bool:
    """Whether a line names a list (holds one of ``names_list``: 清单, 分工 …)."""
    return any(word in line for word in words.names_list)


def _first_year(texts: list[str]) -> int | None:
    for text in texts:
        found = _YEAR.search(squeeze(text))
        if found:
            return int(found.group(1))
    return None


def lines_naming_the_list(
    text_before: Sequence[str], tables: list[RawTable], first_task_table: RawTable | None
) -> list[str]:
    """The text lines that name a task list: those right above its first table when
    other tables come before it (a contact list, a cover table), else the lines above
    the document's first table."""
    if first_task_table is None or first_task_table is tables[0]:
        return list(text_before)
    return list(first_task_table.text_above or text_before)


def heading_lines(
    content: Extracted,
    tables: list[RawTable],
    first_task_table: RawTable | None,
    text_before: Sequence[str] | None = None,
) -> list[TextLine]:
    """``lines_naming_the_list`` with each line's look, where the reader gave it.

    ``text_before`` replaces the reader's lines above the first table when the list is
    read from them (a numbered-paragraph list: the lines above its first item); their
    look is kept where they are the first of the reader's lines.
    """
    if first_task_table is not None and tables and first_task_table is not tables[0]:
        if first_task_table.lines_above:
            return list(first_task_table.lines_above)
        if first_task_table.text_above:
            return [TextLine(text) for text in first_task_table.text_above]
    texts = content.text_before if text_before is None else text_before
    styled = list(content.lines_before[: len(texts)])
    if styled and [line.text for line in styled] == list(texts):
        return styled
    return [TextLine(text) for text in texts]


_DIGIT = rf"[0-9{NUMERAL_CHARS}]"
_ISSUED = re.compile(rf"^({_DIGIT}{{4}})年({_DIGIT}{{1,3}})月({_DIGIT}{{1,4}})日$")
_SIGNATURE_LENGTH = 40
"""A 发文机关 line is a name or two: longer lines are sentences."""


class Issuance(NamedTuple):
    """What the document prints about its own issue: 发文字号, 发文机关, 成文日期."""

    doc_number: str | None = None
    issuer: str | None = None
    issued: date | None = None


def issuance_lines(content: Extracted) -> list[str]:
    """Every text line the reader found outside the tables, in reading order: the
    heading above the first table, the lines between tables, those under the last table
    and (a document without a table) all its lines, the closing 落款 included."""
    between = (line for table in content.tables for line in table.text_above)
    return [*content.text_before, *between, *content.text_after]


def read_issuance(lines: Sequence[str], words: TitleWords) -> Issuance:
    """The 发文字号, 发文机关 and 成文日期 printed as lines of their own among ``lines``
    (the heading and closing lines); null for what is not printed. A line naming a list
    (``words``) is no 发文机关."""
    compact = [squeeze(line) for line in lines]
    doc_number = next((line for line in compact if _DOC_NUMBER.match(line)), None)
    for index, line in enumerate(compact):
        issued = _issued(line)
        if issued is not None:
            above = compact[index - 1] if index > 0 else ""
            signed = above if _is_signature(above, words) else None
            return Issuance(doc_number, signed, issued)
    return Issuance(doc_number)


def _issued(line: str) -> date | None:
    found = _ISSUED.match(line)
    if found is None:
        return None
    year, month, day = (_number(found[i]) for i in (1, 2, 3))
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None  # 2月30日: printed, but no day


def _number(text: str) -> int | None:
    """A number written in digits or in Chinese numerals (二〇二三, 十二, 三十一)."""
    return int(text) if text.isdigit() else numeral_value(text)


def _is_signature(line: str, words: TitleWords) -> bool:
    return (
        0 < len(line) <= _SIGNATURE_LENGTH
        and not _NOT_IN_TITLE.search(line)
        and not _names_list(line, words)
        and _ISSUED.match(line) is None
    )
