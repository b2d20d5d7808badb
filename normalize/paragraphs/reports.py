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
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qingdan.normalize.model import TaskWarning
from qingdan.normalize.paragraphs.items import Reader
from qingdan.normalize.warning_codes import NormalizeCode

TASK_LIST_WORDS = ("清单", "实事", "任务分解", "任务分工")
"""Title words that name a list of tasks: numbered paragraphs under such a title are its
tasks even when none names a unit (为民办实事 lists print none)."""
PROGRESS_WORDS = ("完成情况", "进展情况", "推进情况", "落实情况")
"""Title words that name a progress report on tasks: each numbered item reports one
task, then what was done (read under the word as its label, ``split_progress``)."""
RECTIFICATION_WORDS = ("整改情况", "整改落实情况", "整改工作情况", "整改报告")
"""Title words that name a report on rectification: each numbered item states one
problem, then its rectification (``split_problems``)."""
PROBLEM_LABEL, STATUS_LABEL = "存在问题", "整改情况"
"""The labels a rectification report's problem and status sentence are kept under."""

_PROGRESS = re.compile(
    r"(?<=[。；;])\s*(?=(?:上半年|下半年|前三季度|[一二三四]季度|今年以来|年初以来|"
    r"截至[^，。；]{1,12}|\d{1,2}[-—–至]\d{1,2}月份?)，)"
)
"""A sentence opening with the period it reports on ("上半年，", "1-6月，", "截至6月底，"):
in a progress report, what was done, after the task it reports on."""

_STATUS = re.compile(
    r"^(?:该问题|此问题|该项问题)?(?:已完成整改|已整改完成|已整改到位|已基本完成整改|"
    r"基本完成整改|正在整改|整改中|持续整改|正在推进整改)[。；;]"
)
"""A rectification report's status sentence, opening the text under a problem
("该问题已完成整改。"): how far the rectification is, not what it does."""


def title_word(above: list[str], words: Sequence[str]) -> str | None:
    """The first of ``words`` the lines naming the list hold, or ``None``."""
    return next((word for word in words if any(word in line for line in above)), None)


def progress_start(text: str) -> int | None:
    """Where the progress a report gives for a task starts in the item's text (the first
    sentence opening with a reported period, after the task's own), or ``None``."""
    found = _PROGRESS.search(text)
    return found.end() if found else None


def status_sentence(text: str) -> int:
    """Where the status sentence opening a rectification text ends (0: none)."""
    found = _STATUS.match(text)
    return found.end() if found else 0


def split_progress(reader: Reader, label: str) -> None:
    """In a progress report, each item's text from the sentence opening with the
    period it reports on ("上半年，……") is its progress, kept under ``label``; the
    task is the text before it."""
    split = 0
    for item in reader.items():
        text = "".join(item.lines)
        at = progress_start(text)
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
    split = 0
    for item in reader.items():
        if len(item.lines) < 2:
            continue
        rest = "".join(item.lines[1:])
        at = status_sentence(rest)
        item.roles[PROBLEM_LABEL] = [item.lines[0]]
        item.roles[STATUS_LABEL] = [rest[:at]] if at else []
        item.lines = [rest[at:]]
        split += 1
    if split:
        reader.labels.extend([PROBLEM_LABEL, STATUS_LABEL])
        message = f"a rectification report: in {split} items, the numbered line is read"
        message += f" as the {PROBLEM_LABEL} and the text under it as the measure"
        reader.warnings.append(TaskWarning(NormalizeCode.PARAGRAPH_LIST, message))
