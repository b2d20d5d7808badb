"""What the title says the paragraphs are: a list of tasks, a progress report, a
rectification report.

* Numbered paragraphs without any role line (a notice's own 一、二、) are a task list
  only when the title names one (清单, 实事, 任务分解, 任务分工): then the text a section
  holds instead of numbered items is its task.
* A title naming a progress report (完成情况 …) makes the items tasks too: an item's
  text from the sentence opening with the period reported on ("上半年，") is its
  progress, kept in ``extra`` under that word.
* A title naming a rectification report (整改情况 …): an item's numbered line states the
  problem (存在问题) and the paragraphs under it its rectification (the measure), without
  the status sentence they open with ("该问题已完成整改。": 整改情况).

The words are data: the title words in ``data/titles.toml`` (``Knowledge.titles``), the
periods and status sentences in ``data/paragraphs.toml`` (``Knowledge.paragraphs``).
"""

from __future__ import annotations

from collections.abc import Sequence

from qingdan.normalize.model import TaskWarning
from qingdan.normalize.paragraph_words import ParagraphWords
from qingdan.normalize.paragraphs.items import Reader
from qingdan.normalize.warning_codes import NormalizeCode


def title_word(above: list[str], words: Sequence[str]) -> str | None:
    """The first of ``words`` the lines naming the list hold, or ``None``."""
    return next((word for word in words if any(word in line for line in above)), None)


def progress_start(text: str, words: ParagraphWords) -> int | None:
    """Where the progress a report gives for a task starts in the item's text (the first
    sentence opening with a reported period, after the task's own: "上半年，", "1-6月，",
    "截至6月底，"), or ``None``."""
    found = words.progress_start.search(text)
    return found.end() if found else None


def status_sentence(text: str, words: ParagraphWords) -> int:
    """Where the status sentence opening a rectification text ends ("该问题已完成整改。":
    how far the rectification is, not what it does; 0: none)."""
    found = words.status.match(text)
    return found.end() if found else 0


def split_progress(reader: Reader, label: str) -> None:
    """In a progress report, each item's text from the sentence opening with the
    period it reports on ("上半年，……") is its progress, kept under ``label``; the
    task is the text before it."""
    split = 0
    for item in reader.items():
        text = "".join(item.lines)
        at = progress_start(text, reader.knowledge.paragraphs)
        if at is not None and text[:at].strip():
            item.lines, item.roles[label] = [text[:at]], [text[at:]]
            split += 1
    if split:
        reader.labels.append(label)
        message = f"a progress report: in {split} items, the text from the period"
        message += f" reported on is read as {label}"
        reader.warnings.append(TaskWarning(NormalizeCode.PARAGRAPH_LIST, message))


def split_problems(reader: Reader) -> None:
    """In a rectification report, an item's numbered line states the problem (kept
    under 存在问题) and the paragraphs under it its rectification (the measure),
    without the status sentence they open with ("该问题已完成整改。": 整改情况)."""
    words = reader.knowledge.paragraphs
    problem, status = words.problem_label, words.status_label
    split = 0
    for item in reader.items():
        if len(item.lines) < 2:
            continue
        rest = "".join(item.lines[1:])
        at = status_sentence(rest, words)
        item.roles[problem] = [item.lines[0]]
        item.roles[status] = [rest[:at]] if at else []
        item.lines = [rest[at:]]
        split += 1
    if split:
        reader.labels.extend([problem, status])
        message = f"a rectification report: in {split} items, the numbered line is read"
        message += f" as the {problem} and the text under it as the measure"
        reader.warnings.append(TaskWarning(NormalizeCode.PARAGRAPH_LIST, message))
